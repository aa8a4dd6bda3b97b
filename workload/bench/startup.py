#!/usr/bin/env python3
"""Interleaved start-up and idle-memory comparison of server variants against an empty main.

Each round runs every variant once, in turn, so that the noise of a shared machine falls on all of
them alike. For a server variant (a command with {port}): the time from fork to the first HTTP 200
on 127.0.0.1:{port} (polled every 0.2 ms) and, after that one request and a short settle, its VmRSS.
For a plain command (no {port}): the time from fork to exit, and the peak RSS (ru_maxrss of that
child). For a command with the word {idle} (removed before it runs; a main that sleeps): its VmRSS
after the settle time plus 0.5 s, no time. Prints one row per variant: median and quartiles of the time, the median CPU time (user + system,
all threads; for a server up to its first 200), median RSS, and ratios of medians against the
first variant. On a shared, busy machine the CPU time is the steadier of the two.

  startup.py --rounds 15 --label empty -- java -cp /tmp/empty Empty \
             --label webd -- workload/target/webd-image/bin/webd --bind 127.0.0.1 {port}
"""
import argparse, os, resource, signal, socket, statistics, subprocess, sys, time


def answered_200(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            s.sendall(b"GET / HTTP/1.0\r\nHost: bench\r\n\r\n")
            return b" 200 " in s.recv(64)
    except OSError:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def cpu_ms(pid):
    """CPU time of all live threads of pid, from schedstat (ns precision)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total / 1e6


def run_server(argv, settle, deadline=30.0):
    port = free_port()
    argv = [a.replace("{port}", str(port)) for a in argv]
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while not answered_200(port):
            if p.poll() is not None:
                raise SystemExit(f"{argv} exited with {p.returncode} before answering")
            if time.monotonic() - t0 > deadline:
                raise SystemExit(f"{argv} never answered within {deadline} s")
            time.sleep(0.0002)
        took = time.monotonic() - t0
        cpu = cpu_ms(p.pid)
        time.sleep(settle)
        return took * 1000, rss_kib(p.pid), cpu
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()


def run_idle(argv, settle):
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(settle + 0.5)
        return float("nan"), rss_kib(p.pid), float("nan")
    finally:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def run_command(argv):
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(os.devnull, os.O_RDWR)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    took = time.monotonic() - t0
    if status != 0:
        raise SystemExit(f"{argv} failed with status {status}")
    return took * 1000, usage.ru_maxrss, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--settle", type=float, default=0.5, help="seconds between the first 200 and the RSS reading")
    args = sys.argv[1:]
    first = args.index("--label") if "--label" in args else len(args)
    a = ap.parse_args(args[:first])
    variants, label, argv = [], None, None
    for tok in args[first:] + ["--label"]:
        if tok == "--label":
            if label is not None:
                variants.append((label, argv))
            label, argv = None, []
            continue
        if label is None:
            label = tok
        elif tok == "--" and not argv:
            continue
        else:
            argv.append(tok)
    if not variants:
        ap.error("give at least one --label NAME -- COMMAND")
    times = {l: [] for l, _ in variants}
    rss = {l: [] for l, _ in variants}
    cpu = {l: [] for l, _ in variants}
    for r in range(a.warmup + a.rounds):
        for l, argv in variants:
            if "{idle}" in argv:
                t, m, c = run_idle([x for x in argv if x != "{idle}"], a.settle)
            elif any("{port}" in x for x in argv):
                t, m, c = run_server(argv, a.settle)
            else:
                t, m, c = run_command(argv)
            if r >= a.warmup:
                times[l].append(t)
                rss[l].append(m)
                cpu[l].append(c)
    base = statistics.median(times[variants[0][0]])
    nan = float("nan")
    cbase = statistics.median(cpu[variants[0][0]])
    print(f"{'variant':<30} {'median ms':>9} {'q1':>7} {'q3':>7} {'ratio':>6} {'CPU ms':>7} {'ratio':>6} {'RSS KiB':>8}")
    for l, _ in variants:
        ts = [t for t in times[l] if t == t]
        q = statistics.quantiles(ts, n=4) if len(ts) > 1 else [nan, nan, nan]
        med = statistics.median(ts) if ts else nan
        cs = [c for c in cpu[l] if c == c]
        cmed = statistics.median(cs) if cs else nan
        print(f"{l:<30} {med:9.1f} {q[0]:7.1f} {q[2]:7.1f} {med / base:6.2f} {cmed:7.1f} {cmed / cbase:6.2f} {statistics.median(rss[l]):8.0f}")


if __name__ == "__main__":
    sys.exit(main())
