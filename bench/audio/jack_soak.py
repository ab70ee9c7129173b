#!/usr/bin/env python3
"""A live soak on a real audio server: jackd's dummy driver at 48 kHz (128 frames a period by
default), `moonrave serve` as its client, and real TidalCycles (ghci) re-evaluating random
patterns on four orbits every few seconds, for as long as asked.

Reports, at the end and as one line every minute: the xruns JACK blames on moonrave
("JackEngine::XRun: client = moonrave ... was not finished"), the dummy driver's own timer
misses counted apart ("JackTimedDriver::Process XRun", no client involved), the engine's late
events (started after their frame had passed), late OSC bundles, and moonrave's resident memory
over time.

With --window the client is the performance window instead, on a virtual display (Xvfb, Mesa's
llvmpipe drawing the visuals) at --size (640x360 by default): it opens an example set with its
shader and plays it, and a script of keystrokes (the window's --script) re-evaluates every few
seconds as a performer would: a new line for one of four slots played with Ctrl+Return, another
example set typed over the buffer and played whole with Ctrl+Shift+Return, now and then a hush.
It reports the same figures, with the window's frames a second.

Usage: bench/audio/jack_soak.py [--minutes M] [--period FRAMES] [--priority P] [--build DIR] [--seed N]
                                [--window [--set NAME] [--size WxH]]
Needs jackd2 (scripts/setup.sh --bench), and Tidal (scripts/setup.sh --tidal) or, with --window,
Xvfb (scripts/setup.sh). Exit status 1 when JACK blamed moonrave for an xrun, an event was late, a
process died, moonrave fell back to the null device, or nothing was played.
"""
import argparse, os, random, re, shutil, signal, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from loopback import free_udp_port  # noqa: E402

# What the re-evaluations choose from: drums, bass, chords and noise on four orbits, in the
# shapes Tidal users write (polymeters, euclid, effects, sample-accurate fast rhythms).
PATTERNS = {
    1: ['sound "bd*4"', 'sound "bd(3,8) [~ bd] bd*2 ~"', 'sound "bd*2 [sd cp]" # room 0.3',
        'sound "[bd sd]*4" # speed "1 2"', 'fast 2 $ sound "bd ~ sd ~"'],
    2: ['sound "hh*8" # gain 0.8', 'sound "hh*16" # pan sine', 'sound "[hh oh]*4" # cutoff 3000',
        'sound "~ hh ~ hh" # delay 0.4 # delaytime 0.25'],
    3: ['n "0 3 7 10" # sound "superpiano" # legato 0.5', 'n "<0 5> [7 12]" # sound "supersaw" # cutoff 1200 # legato 0.3',
        'n (scale "minor" "0 .. 7") # sound "superpiano"', 'n "c e g" # sound "supersquare" # lpf 800'],
    4: ['sound "superfm*2" # n "-12"', 'n "0*8" # sound "supersaw" # cutoff (range 200 4000 sine) # legato 0.2',
        'sound "~ cp" # room 0.6 # size 0.8', 'silence'],
}


# The window's re-evaluations: one line for one of four slots, in moonrave's Lua.
LINES = {
    7: ['d7(s("hh*8"):gain(0.7))', 'd7(s("[hh oh]*4"):lpf(3000):gain(0.8))', 'd7(s("hh*16"):pan(sine):gain(0.6))'],
    8: ['d8(s("~ cp"):room(0.6):gain(0.9))', 'd8(s("bd(3,8)"):gain(0.9))', 'd8(s("[~ sd]*2"):delay(0.3):gain(0.8))'],
    9: ['d9(note("0 3 7 10"):s("fm"):legato(0.5):gain(0.5))', 'd9(note("<c3 eb3> [g3 bb3]"):s("saw"):lpf(1200):gain(0.4))',
        'd9(note("c4 e4 g4"):s("square"):lpf(800):gain(0.4))'],
    10: ['d10(note("c2*8"):s("saw"):lpf(sine:range(200, 4000)):legato(0.2):gain(0.5))', 'd10(silence)',
         'd10(s("superfm*2"):note(-12):gain(0.5))'],
}


def window_script(rng, minutes, report_base, sets):
    """The window's --script: every 2 to 6 s one re-evaluation, a report every minute."""
    steps, t, next_report, n = ["settle", "sleep 3000"], 3.0, 60.0, 0
    while t < minutes * 60:
        r = rng.random()
        if r < 0.05:
            steps.append("key Ctrl+.")
        elif r < 0.25:
            steps.append("key Ctrl+A")
            for line in open(rng.choice(sets)).read().splitlines():
                if line.strip():
                    steps.append("text " + line.strip())
                steps.append("key Return")
            steps.append("key Ctrl+Shift+Return")
        else:
            steps += ["key Ctrl+End", "key Return", "key Return", "text " + rng.choice(LINES[rng.choice(list(LINES))]),
                      "key Ctrl+Return"]
        wait = rng.uniform(2, 6)
        while t + wait >= next_report and next_report < minutes * 60:
            steps += ["sleep %d" % int((next_report - t) * 1000), "report %s.%d" % (report_base, n)]
            wait -= next_report - t
            t, next_report, n = next_report, next_report + 60, n + 1
        steps.append("sleep %d" % int(wait * 1000))
        t += wait
    steps += ["report %s.final" % report_base, "quit"]
    return "\n".join(steps) + "\n"


def read_report(path):
    out = {}
    try:
        for line in open(path):
            k, _, v = line.rstrip("\n").partition(" = ")
            out[k] = v
    except OSError:
        pass
    return out


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def start_xvfb(tmp):
    """A virtual display of the soak's own: returns (process, DISPLAY)."""
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "xvfb.log"), "w"))
    os.close(w)
    number = os.read(r, 16).decode().strip()
    os.close(r)
    if not number:
        sys.exit("jack_soak: Xvfb did not start")
    return xvfb, ":" + number


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--period", type=int, default=128)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--priority", type=int, default=10,
                    help="jackd's real-time priority (-P; its default 10): clients run 5 below it")
    ap.add_argument("--window", action="store_true", help="the performance window with visuals, not serve and Tidal")
    ap.add_argument("--set", default="house", help="with --window: the example set it opens")
    ap.add_argument("--size", default="640x360", help="with --window: the window's size")
    a = ap.parse_args()
    moonrave = os.path.join(a.build, "src", "app", "moonrave")
    for tool in ("jackd", "Xvfb" if a.window else "ghci"):
        if not shutil.which(tool):
            sys.exit("jack_soak: %s is missing (scripts/setup.sh --bench --tidal)" % tool)
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="moonrave_soak_")
    # A server of its own name, so that the soak runs beside other JACK users (and the test suite).
    env = dict(os.environ, JACK_NO_AUDIO_RESERVATION="1", JACK_DEFAULT_SERVER="moonrave-soak-%d" % os.getpid())
    jack_log = open(os.path.join(tmp, "jackd.log"), "w")
    jack = subprocess.Popen(["jackd", "-n", env["JACK_DEFAULT_SERVER"], "-P", str(a.priority),
                             "-d", "dummy", "-r", "48000", "-p", str(a.period)],
                            stdout=jack_log, stderr=subprocess.STDOUT, env=env)
    time.sleep(1.5)
    client_err = open(os.path.join(tmp, "moonrave.err"), "w")
    status = {"line": ""}
    ghci = xvfb = None
    if a.window:
        xvfb, env["DISPLAY"] = start_xvfb(tmp)
        report = os.path.join(tmp, "report")
        sets = sorted(os.path.join(ROOT, "examples", f) for f in os.listdir(os.path.join(ROOT, "examples")) if f.endswith(".lua"))
        script = os.path.join(tmp, "script")
        open(script, "w").write(window_script(rng, a.minutes, report, sets))
        # A home of its own: the window's autosave and recent files stay out of the user's.
        env["HOME"] = os.path.join(tmp, "home")
        os.makedirs(env["HOME"])
        config = os.path.join(tmp, "config.lua")
        open(config, "w").write('audio = { api = "jack", buffer = %d }\n' % a.period)
        client = subprocess.Popen([moonrave, os.path.join(ROOT, "examples", a.set + ".lua"), "--config", config,
                                   "--size", a.size, "--eval-on-start", "--script", script],
                                  stdout=client_err, stderr=subprocess.STDOUT, env=env)
        evals = 0
    else:
        port, ctrl, tempo = free_udp_port(), free_udp_port(), free_udp_port()
        client = subprocess.Popen([moonrave, "serve", "--port", str(port), "--audio", "jack",
                                   "--buffer", str(a.period), "--status"],
                                  stdout=subprocess.PIPE, stderr=client_err, text=True, env=env)
        first = client.stdout.readline()
        if not first.startswith("listening="):
            client.kill(); jack.kill()
            sys.exit("jack_soak: serve did not start: " + first + open(client_err.name).read())

        def read_status():
            for line in client.stdout:
                status["line"] = line.strip()
        threading.Thread(target=read_status, daemon=True).start()

        ghci = subprocess.Popen(["ghci", "-v0"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, text=True)

        def tidal(line):
            ghci.stdin.write(line + "\n")
            ghci.stdin.flush()
        for line in [":set -XOverloadedStrings", "import Sound.Tidal.Context",
                     'tidal <- startTidal (superdirtTarget {oAddress = "127.0.0.1", oPort = %d}) '
                     '(defaultConfig {cCtrlPort = %d, cTempoPort = %d})' % (port, ctrl, tempo),
                     "let p = streamReplace tidal", "streamOnce tidal $ cps 0.6"]:
            tidal(line)
        for orbit in PATTERNS:
            tidal("p %d $ %s # orbit %d" % (orbit, rng.choice(PATTERNS[orbit]), orbit - 1))

    start = time.time()
    end = start + a.minutes * 60
    # The window's figures come with its reports, once a minute; serve's every minute from here.
    memory, next_eval, next_minute, minute, last_frames = [], start + 3, float("inf") if a.window else start + 60, 0, 0
    evals = 0
    # The window quits by itself at the script's end (a little after `minutes`: typing takes frames).
    while (a.window or time.time() < end) and client.poll() is None and jack.poll() is None:
        now = time.time()
        if ghci and now >= next_eval:
            orbit = rng.choice(list(PATTERNS))
            if rng.random() < 0.05:
                tidal("streamHush tidal")
            else:
                tidal("p %d $ %s # orbit %d" % (orbit, rng.choice(PATTERNS[orbit]), orbit - 1))
            evals += 1
            next_eval = now + rng.uniform(2, 6)
        if a.window and os.path.exists("%s.%d" % (report, minute)):
            time.sleep(0.2)  # written whole by now
            rep = read_report("%s.%d" % (report, minute))
            frames = int(rep.get("frames", "0"))
            status["line"] = "evals_ok=%s evals_failed=%s late=%s xruns=%s voices=%s fps=%.1f ui_ms_max=%s device=%s" % (
                rep.get("evals_ok"), rep.get("evals_failed"), rep.get("audio.late_events"), rep.get("audio.xruns"),
                rep.get("audio.voices"), (frames - last_frames) / 60.0, rep.get("ui_ms_max"), rep.get("audio.device"))
            last_frames = frames
            minute += 1
            next_minute = now  # print now
        if now >= next_minute:
            memory.append(rss_kb(client.pid))
            jl = open(jack_log.name).read()
            print("jack_soak: %4.1f min evals=%d rss=%d kB xruns_moonrave=%d xruns_timer=%d | %s" % (
                (now - start) / 60, evals, memory[-1], len(re.findall(r"client = moonrave", jl)),
                jl.count("JackTimedDriver::Process XRun"), status["line"]), flush=True)
            next_minute = now + 60 if not a.window else float("inf")
        time.sleep(0.05)
    minutes = (time.time() - start) / 60
    if a.window:
        try:
            client.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        died = client.returncode not in (0, None) or jack.poll() is not None
        if client.returncode is None:
            died = True
            client.kill()
    else:
        died = client.poll() is not None or jack.poll() is not None
        memory.append(rss_kb(client.pid))
        tidal(":quit")
        try:
            ghci.wait(timeout=10)
        except subprocess.TimeoutExpired:
            ghci.kill()
        client.send_signal(signal.SIGINT)
        try:
            client.wait(timeout=10)
        except subprocess.TimeoutExpired:
            client.kill()
    jack.terminate()
    jack.wait()
    if xvfb:
        xvfb.terminate()
        xvfb.wait()
    jl = open(jack_log.name).read()
    err = open(client_err.name).read()
    blamed = len(re.findall(r"client = moonrave", jl))
    timer = jl.count("JackTimedDriver::Process XRun")
    late_osc = -1
    if a.window:
        rep = read_report(report + ".final")
        late_events = int(rep.get("audio.late_events", "-1"))
        plays = int(rep.get("evals_ok", "-1"))  # the window counts evaluations played, not sounds
        evals = plays + int(rep.get("evals_failed", "0"))
        fell_back = "Jack" not in rep.get("audio.device", "")
        what = "evaluations played (window %s, %s frames drawn)" % (a.size, rep.get("frames"))
    else:
        m = re.search(r"late_events=(\d+)", err)
        late_events = int(m.group(1)) if m else -1
        m = re.search(r" late=(\d+)", err)
        late_osc = int(m.group(1)) if m else -1
        m = re.search(r"plays=(\d+)", err)
        plays = int(m.group(1)) if m else -1
        # A soak that never reached JACK, or in which Tidal played nothing, measured nothing.
        fell_back = "using the null device" in err
        what = "plays"
    mem = [k for k in memory if k > 0]
    print("jack_soak: %.1f min at %d frames, jackd -P %d: evaluations=%d %s=%d xruns blamed on moonrave=%d "
          "dummy-timer xruns (no client)=%d late events=%d late OSC bundles=%d rss kB first=%d last=%d max=%d%s" % (
              minutes, a.period, a.priority, evals, what, plays, blamed, timer, late_events, late_osc,
              mem[0] if mem else -1, mem[-1] if mem else -1, max(mem) if mem else -1,
              " (a process DIED)" if died else ""))
    if fell_back:
        print("jack_soak: moonrave did not play through JACK: " + (err.strip().splitlines() or ["?"])[0])
    if plays <= 0:
        print("jack_soak: nothing was played%s" % ("" if a.window else ": is Tidal installed for ghc? (scripts/setup.sh --tidal)"))
    print("jack_soak: logs in %s" % tmp)
    return 1 if died or fell_back or plays <= 0 or blamed or late_events != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
