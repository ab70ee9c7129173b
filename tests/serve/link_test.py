#!/usr/bin/env python3
"""Ableton Link between two real `moonrave serve --link --status` processes on loopback: the
first starts the session at 0.5 cps, the second joins it asking for 0.7 cps. Checks: both see one
peer; the joiner takes the session's tempo (the first one's, 0.5 cps, not its own 0.7); and their
cycle phases at the same wall time agree within 0.005 cycle (each status line is stamped with the
wall time its cycle was read at; the first's cycle is carried to the second's stamp at the
session tempo, and the fractional parts are compared on the circle).

Usage: link_test.py MOONRAVE_BINARY. Exit 77 (skipped) only when Link's discovery socket (UDP
20808, multicast 224.76.78.75) cannot be bound here."""
import re, socket, struct, subprocess, sys, time

SKIP = 77
LINE = re.compile(r"^time=([\d.]+) cycle=(-?[\d.]+) cps=([\d.]+) peers=(\d+) link=on")


def link_can_bind():
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", 20808))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                     struct.pack("4s4s", socket.inet_aton("224.76.78.75"), socket.inet_aton("127.0.0.1")))
        s.close()
        return True, ""
    except OSError as e:
        return False, str(e)


def status_lines(text):
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            out.append((float(m[1]), float(m[2]), float(m[3]), int(m[4])))
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    moonrave = sys.argv[1]
    ok, why = link_can_bind()
    if not ok:
        print("link_test: SKIP: Link's discovery socket cannot be bound here: " + why)
        return SKIP
    common = ["serve", "--port", "0", "--audio", "null", "--link", "--status"]
    a = subprocess.Popen([moonrave] + common + ["--cps", "0.5", "--seconds", "9"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)  # the first peer's session is established before the second looks
    b = subprocess.Popen([moonrave] + common + ["--cps", "0.7", "--seconds", "6"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    bout, berr = b.communicate(timeout=60)
    aout, aerr = a.communicate(timeout=60)
    if a.returncode != 0 or b.returncode != 0:
        raise SystemExit("link_test: FAIL: serve exited %d / %d\n%s\n%s" % (a.returncode, b.returncode, aerr, berr))
    la, lb = status_lines(aout), status_lines(bout)
    if len(la) < 5 or len(lb) < 4:
        raise SystemExit("link_test: FAIL: too few status lines\n" + aout + "\n" + bout)
    # The joiner's lines once it has found its peer (discovery takes up to a second).
    joined = [l for l in lb if l[3] >= 1]
    if len(joined) < 2:
        raise SystemExit("link_test: FAIL: the second peer never saw the first\n" + bout)
    failures = []
    worst = 0.0
    for tb, cb, cpsb, _ in joined:
        if abs(cpsb - 0.5) > 1e-6:
            failures.append("joiner's tempo %.6f cps at %.3f, not the session's 0.5" % (cpsb, tb))
        # The first peer's status line nearest in time, carried to tb at its tempo.
        ta, ca, cpsa, peers_a = min(la, key=lambda l: abs(l[0] - tb))
        if abs(cpsa - 0.5) > 1e-6:
            failures.append("first peer's tempo moved to %.6f cps" % cpsa)
        ca_at_tb = ca + (tb - ta) * cpsa
        d = (cb - ca_at_tb) % 1.0
        d = min(d, 1.0 - d)
        worst = max(worst, d)
        print("link_test: t=%.6f joiner cycle=%.6f first (carried) cycle=%.6f phase difference=%.6f cycle" %
              (tb, cb, ca_at_tb, d))
    if worst > 0.005:
        failures.append("phases differ by up to %.6f cycle (more than 0.005)" % worst)
    if not any(l[3] >= 1 for l in la):
        failures.append("the first peer never counted the second")
    if failures:
        raise SystemExit("link_test: FAIL:\n  " + "\n  ".join(failures))
    print("link_test: OK: shared tempo 0.5 cps (joiner asked 0.7), worst phase difference %.6f cycle over %d lines" %
          (worst, len(joined)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
