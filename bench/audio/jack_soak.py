#!/usr/bin/env python3
"""A live soak on a real audio server: jackd's dummy driver at 48 kHz (128 frames a period by
default), `moonrave serve` as its client, and real TidalCycles (ghci) re-evaluating random
patterns on four orbits every few seconds, for as long as asked.

Reports, at the end and as one line every minute: the xruns JACK blames on moonrave
("JackEngine::XRun: client = moonrave ... was not finished"), the dummy driver's own timer
misses counted apart ("JackTimedDriver::Process XRun", no client involved), the engine's late
events (started after their frame had passed), late OSC bundles, and moonrave's resident memory
over time.

Usage: bench/audio/jack_soak.py [--minutes M] [--period FRAMES] [--build DIR] [--seed N]
Needs jackd2 (scripts/setup.sh --bench) and Tidal (scripts/setup.sh --tidal).
Exit status 1 when JACK blamed moonrave for an xrun, an event was late, a process died, moonrave
fell back to the null device, or nothing was played.
"""
import argparse, os, random, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

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


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--period", type=int, default=128)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    moonrave = os.path.join(a.build, "src", "app", "moonrave")
    for tool in ("jackd", "ghci"):
        if not shutil.which(tool):
            sys.exit("jack_soak: %s is missing (scripts/setup.sh --bench --tidal)" % tool)
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="moonrave_soak_")
    # A server of its own name, so that the soak runs beside other JACK users (and the test suite).
    env = dict(os.environ, JACK_NO_AUDIO_RESERVATION="1", JACK_DEFAULT_SERVER="moonrave-soak-%d" % os.getpid())
    jack_log = open(os.path.join(tmp, "jackd.log"), "w")
    jack = subprocess.Popen(["jackd", "-n", env["JACK_DEFAULT_SERVER"], "-d", "dummy", "-r", "48000", "-p", str(a.period)],
                            stdout=jack_log, stderr=subprocess.STDOUT, env=env)
    time.sleep(1.5)
    port, ctrl, tempo = free_udp_port(), free_udp_port(), free_udp_port()
    serve_err = open(os.path.join(tmp, "serve.err"), "w")
    serve = subprocess.Popen([moonrave, "serve", "--port", str(port), "--audio", "jack",
                              "--buffer", str(a.period), "--status"],
                             stdout=subprocess.PIPE, stderr=serve_err, text=True, env=env)
    first = serve.stdout.readline()
    if not first.startswith("listening="):
        serve.kill(); jack.kill()
        sys.exit("jack_soak: serve did not start: " + first + open(serve_err.name).read())
    status = {"line": ""}

    def read_status():
        for line in serve.stdout:
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
    evals, memory, next_eval, next_minute = 0, [], start + 3, start + 60
    while time.time() < end and serve.poll() is None and jack.poll() is None:
        now = time.time()
        if now >= next_eval:
            orbit = rng.choice(list(PATTERNS))
            if rng.random() < 0.05:
                tidal("streamHush tidal")
            else:
                tidal("p %d $ %s # orbit %d" % (orbit, rng.choice(PATTERNS[orbit]), orbit - 1))
            evals += 1
            next_eval = now + rng.uniform(2, 6)
        if now >= next_minute:
            memory.append(rss_kb(serve.pid))
            jl = open(jack_log.name).read()
            print("jack_soak: %4.1f min evals=%d rss=%d kB xruns_moonrave=%d xruns_timer=%d | %s" % (
                (now - start) / 60, evals, memory[-1], len(re.findall(r"client = moonrave", jl)),
                jl.count("JackTimedDriver::Process XRun"), status["line"]), flush=True)
            next_minute += 60
        time.sleep(0.05)
    died = serve.poll() is not None or jack.poll() is not None
    minutes = (time.time() - start) / 60
    memory.append(rss_kb(serve.pid))
    tidal(":quit")
    try:
        ghci.wait(timeout=10)
    except subprocess.TimeoutExpired:
        ghci.kill()
    serve.send_signal(signal.SIGINT)
    try:
        serve.wait(timeout=10)
    except subprocess.TimeoutExpired:
        serve.kill()
    jack.terminate()
    jack.wait()
    jl = open(jack_log.name).read()
    err = open(serve_err.name).read()
    blamed = len(re.findall(r"client = moonrave", jl))
    timer = jl.count("JackTimedDriver::Process XRun")
    m = re.search(r"late_events=(\d+)", err)
    late_events = int(m.group(1)) if m else -1
    m = re.search(r" late=(\d+)", err)
    late_osc = int(m.group(1)) if m else -1
    m = re.search(r"plays=(\d+)", err)
    plays = int(m.group(1)) if m else -1
    # A soak that never reached JACK, or in which Tidal played nothing, measured nothing.
    fell_back = "using the null device" in err
    mem = [k for k in memory if k > 0]
    print("jack_soak: %.1f min at %d frames: evaluations=%d plays=%d xruns blamed on moonrave=%d "
          "dummy-timer xruns (no client)=%d late events=%d late OSC bundles=%d rss kB first=%d last=%d max=%d%s" % (
              minutes, a.period, evals, plays, blamed, timer, late_events, late_osc,
              mem[0] if mem else -1, mem[-1] if mem else -1, max(mem) if mem else -1,
              " (a process DIED)" if died else ""))
    if fell_back:
        print("jack_soak: moonrave did not play through JACK: " + err.strip().splitlines()[0])
    if plays <= 0:
        print("jack_soak: nothing was played: is Tidal installed for ghc? (scripts/setup.sh --tidal)")
    print("jack_soak: logs in %s" % tmp)
    return 1 if died or fell_back or plays <= 0 or blamed or late_events != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
