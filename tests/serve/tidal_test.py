#!/usr/bin/env python3
"""TidalCycles 1.7 (Debian's ghc + libghc-tidal-dev) plays through `moonrave serve` as through
SuperDirt: ghci runs `startTidal superdirtTarget` against the server on loopback, plays
`d1 $ sound "bd*4"` at 0.5 cps, then a synth part, then `hush`. Checks: Tidal connected (the
handshake was answered: "Connected to SuperDirt."), every sound it named resolved, and the kicks'
onsets in the server's recording (--record) are 0.5 s apart within 1 ms.

Usage: tidal_test.py MOONRAVE_BINARY. Exit 77 (skipped) when ghci or Tidal is not installed
(scripts/setup.sh --tidal installs them)."""
import array, os, re, shutil, struct, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts"))
from loopback import free_udp_port  # noqa: E402

SKIP = 77


def read_float_wav(path):
    data = open(path, "rb").read()
    rate = channels = None
    at = 12
    while at + 8 <= len(data):
        cid, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        if cid == b"fmt ":
            _, channels, rate = struct.unpack("<HHI", data[at + 8:at + 16])
        if cid == b"data":
            a = array.array("f")
            a.frombytes(data[at + 8:at + 8 + size - size % 4])
            return rate, channels, a
        at += 8 + size + (size & 1)
    raise SystemExit("no data chunk in " + path)


def kick_onsets(left, rate):
    """Attack times: the sample-to-sample step exceeds a threshold after 0.2 s without one (the
    kick's low tail moves slowly; its attack does not)."""
    out, quiet = [], rate
    for i in range(1, len(left)):
        if abs(left[i] - left[i - 1]) > 0.02:
            if quiet >= rate // 5:
                out.append(i)
            quiet = 0
        else:
            quiet += 1
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    moonrave = sys.argv[1]
    ghci = shutil.which("ghci")
    if not ghci:
        print("tidal_test: SKIP: no ghci here (scripts/setup.sh --tidal installs ghc and Tidal)")
        return SKIP
    probe = subprocess.run([ghci, "-v0", "-e", "import Sound.Tidal.Context", "-e", "print 1"],
                           capture_output=True, text=True, timeout=120)
    if probe.returncode != 0 or "1" not in probe.stdout:
        print("tidal_test: SKIP: Tidal is not installed for ghc (scripts/setup.sh --tidal)")
        return SKIP

    tmp = tempfile.mkdtemp(prefix="moonrave_tidal_")
    wav = os.path.join(tmp, "tidal.wav")
    port, ctrl, tempo = free_udp_port(), free_udp_port(), free_udp_port()
    serve = subprocess.Popen([moonrave, "serve", "--port", str(port), "--audio", "null", "--buffer", "1024",
                              "--record", wav, "--seconds", "25", "--status"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = serve.stdout.readline()
    if not first.startswith("listening="):
        serve.kill()
        raise SystemExit("serve did not start: " + first + serve.stderr.read())
    script = f"""
:set -XOverloadedStrings
import Sound.Tidal.Context
import Control.Concurrent (threadDelay)
tidal <- startTidal (superdirtTarget {{oAddress = "127.0.0.1", oPort = {port}}}) (defaultConfig {{cVerbose = True, cCtrlPort = {ctrl}, cTempoPort = {tempo}}})
let p = streamReplace tidal
let hush = streamHush tidal
let d1 = p 1
let d2 = p 2
streamOnce tidal $ cps 0.5
threadDelay 2000000
d1 $ sound "bd*4"
threadDelay 5000000
hush
threadDelay 1000000
d2 $ n "0 7 12" # sound "superpiano" # legato 0.5
threadDelay 2000000
hush
threadDelay 1000000
:quit
"""
    t0 = time.time()
    tidal = subprocess.run([ghci, "-v0"], input=script, capture_output=True, text=True, timeout=180)
    print("tidal_test: ghci ran %.1f s" % (time.time() - t0))
    serve.send_signal(2)
    out, err = serve.communicate(timeout=30)
    print("tidal_test: Tidal said:", " | ".join(l for l in (tidal.stdout + tidal.stderr).splitlines() if l.strip())[:800])
    print("tidal_test: serve said:", err.strip().replace("\n", " | ")[-1500:])
    ok = True

    def check(cond, what):
        nonlocal ok
        print(("ok   " if cond else "FAIL ") + what)
        ok = ok and cond

    check("Connected to SuperDirt" in tidal.stdout + tidal.stderr, "Tidal connected (the handshake was answered)")
    m = re.search(r"handshakes=(\d+)", err)
    check(m is not None and int(m.group(1)) >= 1, "the server counted the handshake")
    played = dict((k, int(v)) for k, v in re.findall(r" (\w+)=(\d+)", err.split("sounds played:")[-1].split(";")[0]))
    check(played.get("bd", 0) >= 8, "the kicks played (%s)" % played)
    check(played.get("superpiano", 0) >= 2, "the synth part played (superpiano)")
    check("unknown:" not in err.split("sounds played:")[-1], "every sound named resolved")
    m = re.search(r"late=(\d+) malformed=(\d+)", err)
    check(m is not None and m.group(1) == "0" and m.group(2) == "0", "nothing late, nothing malformed")

    rate, channels, data = read_float_wav(wav)
    left = data[0::channels]
    # The kicks alone: the first 5 s after the first onset (then hush, then the synth part).
    on = kick_onsets(left, rate)
    kicks = [x for x in on if on and x < on[0] + int(4.9 * rate)]
    intervals = [b - a for a, b in zip(kicks, kicks[1:])]
    print("tidal_test: kick onsets (frames):", kicks)
    print("tidal_test: intervals (frames):", intervals)
    check(len(kicks) >= 8, "at least 8 kicks found (%d)" % len(kicks))
    if intervals:
        worst = max(abs(i - 0.5 * rate) for i in intervals)
        print("tidal_test: worst interval error %d frames = %.3f ms (cps 0.5, four a cycle: 0.5 s apart)" %
              (worst, worst * 1000.0 / rate))
        check(worst <= rate / 1000.0, "kicks 0.5 s apart within 1 ms")
    xr = re.search(r"xruns=(\d+)", err)
    if xr:
        print("tidal_test: null device xruns:", xr.group(1))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
