#!/usr/bin/env python3
"""webc against wrk: same webd, same connection count, alternating runs in one session.

Starts webd from the image on a free loopback port, then for each connection count runs wrk and
webc in turn (--runs times each, --seconds each), and prints requests/s and the p50/p90/p99
latencies of each tool (medians over the runs) and webc's ratios to wrk.

  webc-vs-wrk.py [--connections 1,16] [--runs 3] [--seconds 10] [--wrk-threads 2]
"""
import argparse, json, os, re, signal, socket, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGE = os.path.join(HERE, "..", "target", "webd-image")
CLASSES = os.path.join(HERE, "..", "target", "classes")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def micros(text):
    m = re.fullmatch(r"([0-9.]+)(us|ms|s)", text)
    v = float(m.group(1))
    return v * {"us": 1, "ms": 1e3, "s": 1e6}[m.group(2)]


def run_wrk(url, c, threads, seconds):
    out = subprocess.run(["wrk", f"-t{min(threads, c)}", f"-c{c}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", out, re.M))
    return {"rps": rps, "p50": micros(lat["50"]), "p90": micros(lat["90"]), "p99": micros(lat["99"])}


def run_webc(url, c, seconds, java):
    out = subprocess.run([java, "-cp", CLASSES, "io.sandbench.workload.webc.Webc", url,
                          "--connections", str(c), "--duration", f"{seconds}s", "--json"],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    j = json.loads(out)
    l = j["latencyMicros"]
    k = j["latencyMicrosCorrectedLikeWrk"]
    return ({"rps": j["throughput"], "p50": l["p50"], "p90": l["p90"], "p99": l["p99"]},
            {"rps": j["throughput"], "p50": k["p50"], "p90": k["p90"], "p99": k["p99"]})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--connections", default="1,16")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--java", default="java")
    a = ap.parse_args()
    port = free_port()
    webd = subprocess.Popen([os.path.join(IMAGE, "bin", "webd"), "--bind", "127.0.0.1", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(1)
        url = f"http://127.0.0.1:{port}/"
        # warm webd up (C1 compiles its path) before the first measured run
        run_wrk(url, 16, a.wrk_threads, 2)
        print(f"{'conns':>5} {'tool':<5} {'req/s':>9} {'p50 us':>8} {'p90 us':>8} {'p99 us':>8}   (medians of {a.runs} runs of {a.seconds} s)")
        for c in [int(x) for x in a.connections.split(",")]:
            res = {"wrk": [], "webc": [], "webc*": []}
            for _ in range(a.runs):
                res["wrk"].append(run_wrk(url, c, a.wrk_threads, a.seconds))
                raw, corrected = run_webc(url, c, a.seconds, a.java)
                res["webc"].append(raw)
                res["webc*"].append(corrected)
            med = {t: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for t, rs in res.items()}
            for t in ("wrk", "webc", "webc*"):
                m = med[t]
                print(f"{c:>5} {t:<5} {m['rps']:9.0f} {m['p50']:8.1f} {m['p90']:8.1f} {m['p99']:8.1f}")
            for t in ("webc", "webc*"):
                r = {k: med[t][k] / med["wrk"][k] for k in med["wrk"]}
                print(f"{c:>5} {'ratio':<5} {r['rps']:9.2f} {r['p50']:8.2f} {r['p90']:8.2f} {r['p99']:8.2f}   ({t} / wrk)")
            for t in ("wrk", "webc", "webc*"):
                print(f"        {t} runs: " + "; ".join(f"{x['rps']:.0f}/s p50 {x['p50']:.1f} p90 {x['p90']:.1f} p99 {x['p99']:.1f}" for x in res[t]))
    finally:
        os.killpg(webd.pid, signal.SIGKILL)
        webd.wait()


if __name__ == "__main__":
    sys.exit(main())
