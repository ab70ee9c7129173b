#!/usr/bin/env python3
"""Voice (a) rendered by SuperCollider's scsynth in non-real-time mode, for a side-by-side figure
with bench_audio: Saw.ar -> RLPF.ar -> EnvGen.kr(Env.linen) -> Pan2.ar -> Out.ar, N voices held
for the whole render, 48 kHz, 128-frame blocks. Writes the SynthDef (SCgf v2) and the OSC score
itself (no sclang needed) and prints voice-samples per CPU-second of the scsynth process.

Usage: scsynth_voice_a.py [seconds] [voices ...]     (default: 10 s; 16 64 256 voices)
"""
import os
import resource
import struct
import subprocess
import sys
import tempfile


def pstr(s):
    b = s.encode()
    return struct.pack(">B", len(b)) + b


def synthdef():
    # params: freq cutoff rq pan amp att sus rel
    names = ["freq", "cutoff", "rq", "pan", "amp", "att", "sus", "rel"]
    init = [110.0, 1200.0, 0.5, 0.0, 0.1, 0.01, 1.0, 0.01]
    consts = [0.0, 1.0, -99.0, 3.0, 2.0]
    C = lambda v: (-1, consts.index(v))
    ctl = lambda name: (0, names.index(name))
    ugens = []  # (class, rate, inputs, outputs rates, special)
    ugens.append(("Control", 1, [], [1] * len(names), 0))
    ugens.append(("Saw", 2, [ctl("freq")], [2], 0))
    ugens.append(("RLPF", 2, [(1, 0), ctl("cutoff"), ctl("rq")], [2], 0))
    env = [C(0.0), C(3.0), C(-99.0), C(-99.0),
           C(1.0), ctl("att"), C(1.0), C(0.0),
           C(1.0), ctl("sus"), C(1.0), C(0.0),
           C(0.0), ctl("rel"), C(1.0), C(0.0)]
    ugens.append(("EnvGen", 1, [C(1.0), C(1.0), C(0.0), C(1.0), C(2.0)] + env, [1], 0))
    ugens.append(("BinaryOpUGen", 2, [(2, 0), (3, 0)], [2], 2))  # *
    ugens.append(("BinaryOpUGen", 2, [(4, 0), ctl("amp")], [2], 2))
    ugens.append(("Pan2", 2, [(5, 0), ctl("pan"), C(1.0)], [2, 2], 0))
    ugens.append(("Out", 2, [C(0.0), (6, 0), (6, 1)], [], 0))
    d = pstr("voicea")
    d += struct.pack(">i", len(consts)) + b"".join(struct.pack(">f", c) for c in consts)
    d += struct.pack(">i", len(init)) + b"".join(struct.pack(">f", v) for v in init)
    d += struct.pack(">i", len(names)) + b"".join(pstr(n) + struct.pack(">i", i) for i, n in enumerate(names))
    d += struct.pack(">i", len(ugens))
    for cls, rate, ins, outs, special in ugens:
        d += pstr(cls) + struct.pack(">biih", rate, len(ins), len(outs), special)
        for u, i in ins:
            d += struct.pack(">ii", u, i)
        for r in outs:
            d += struct.pack(">b", r)
    d += struct.pack(">h", 0)
    return b"SCgf" + struct.pack(">ih", 2, 1) + d


def osc_str(s):
    b = s.encode() + b"\0"
    return b + b"\0" * ((4 - len(b) % 4) % 4)


def osc_msg(addr, *args):
    tags = ","
    data = b""
    for a in args:
        if isinstance(a, bytes):
            tags += "b"
            data += struct.pack(">i", len(a)) + a + b"\0" * ((4 - len(a) % 4) % 4)
        elif isinstance(a, int):
            tags += "i"
            data += struct.pack(">i", a)
        elif isinstance(a, float):
            tags += "f"
            data += struct.pack(">f", a)
        else:
            tags += "s"
            data += osc_str(a)
    return osc_str(addr) + osc_str(tags) + data


def bundle(t, msgs):
    secs = int(t)
    frac = int((t - secs) * (1 << 32))
    b = osc_str("#bundle") + struct.pack(">II", secs, frac)
    for m in msgs:
        b += struct.pack(">i", len(m)) + m
    return struct.pack(">i", len(b)) + b


def run(voices, seconds, tmp):
    score = os.path.join(tmp, "score.osc")
    msgs = [osc_msg("/d_recv", synthdef())]
    with open(score, "wb") as f:
        f.write(bundle(0.0, msgs))
        news = []
        for v in range(voices):
            note = 36 + v % 36
            freq = 440.0 * 2 ** ((note - 69) / 12)
            news.append(osc_msg("/s_new", "voicea", 1000 + v, 0, 0, "freq", freq, "cutoff", 1200.0, "rq", 0.5,
                                "pan", (v % 8) / 3.5 - 1.0, "amp", 0.05, "att", 0.01, "sus", seconds - 0.02,
                                "rel", 0.01))
        f.write(bundle(0.0, news))
        f.write(bundle(seconds, [osc_msg("/c_set", 0, 0)]))
    out = os.path.join(tmp, "out.wav")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["scsynth", "-N", score, "_", out, "48000", "WAV", "float", "-o", "2", "-z", "128",
                    "-n", "4096", "-m", "65536"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = os.path.getsize(out)
    return cpu, size


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    counts = [int(x) for x in sys.argv[2:]] or [16, 64, 256]
    with tempfile.TemporaryDirectory() as tmp:
        # the same render with no voices: start-up, plugin loading and writing the file
        base, _ = run(0, seconds, tmp)
        for n in counts:
            cpu, size = run(n, seconds, tmp)
            print("scsynth NRT (a) saw>rlpf>linen>pan2 voices %4d  voice-samples/s %9.3g  (%9.3g without the %.2f s "
                  "of an empty render)  (%d bytes out)"
                  % (n, n * seconds * 48000 / cpu, n * seconds * 48000 / max(cpu - base, 1e-3), base, size))


if __name__ == "__main__":
    main()
