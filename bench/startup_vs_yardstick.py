#!/usr/bin/env python3
"""sandbench's startup probe against the yardstick (../shared/tools/reference-prober.py).

Runs both, alternating, in the same session on the same workload (busybox httpd from the tree
sandbench lays out), for 1 and for 64 instances launched at once, and prints per round:
the 1-instance median and the 64-instance mean time to first 200, and each tool's own CPU per
launched instance. Usage (from the repository root, after ./sandbench has built once):

  python3 bench/startup_vs_yardstick.py [--rounds 3] [--prober ../shared/tools/reference-prober.py]
"""
import argparse, glob, json, os, statistics, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--rounds", type=int, default=3)
ap.add_argument("--prober", default=os.path.join("..", "shared", "tools", "reference-prober.py"))
ap.add_argument("--one-iterations", type=int, default=15)
ap.add_argument("--many", type=int, default=64)
ap.add_argument("--many-iterations", type=int, default=5)
a = ap.parse_args()

roots = glob.glob(os.path.expanduser("~/.cache/sandbench/workloads/busybox-httpd-*"))
if not roots:
    sys.exit("run ./sandbench startup --workload busybox-httpd once first (it lays out busybox)")
root = roots[0]
server = [root + "/bin/busybox", "httpd", "-f", "-p", "127.0.0.1:{port}", "-h", root + "/www"]


def prober(instances, iterations):
    out = subprocess.run([sys.executable, a.prober, "--instances", str(instances), "--iterations",
                          str(iterations), "--cooldown", "1", "--base-port", "20000", "--"] + server,
                         check=True, capture_output=True, text=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("Iteration")]
    means = [float(l.split(",")[1].strip().rstrip("ms")) for l in lines]
    j = json.loads(out.strip().splitlines()[-1])
    return means, j["prober_cpu_ms_per_instance"]


def sandbench(instances, iterations):
    with tempfile.TemporaryDirectory() as d:
        f = os.path.join(d, "r.json")
        subprocess.run(["./sandbench", "startup", "--workload", "busybox-httpd", "--instances",
                        str(instances), "--iterations", str(iterations), "--warmup", "1",
                        "--cooldown", "1s", "--base-port", "21000", "--export-json", f],
                       check=True, capture_output=True, text=True)
        r = json.load(open(f))
    c = r["configurations"][0]
    means = [it["meanMillis"] for it in c["iterations"] if not it["warmup"]]
    return means, c["harnessCpuMicrosPerInstance"] / 1000.0


print("round | tool | 1-inst median ms | %d-inst mean ms | own CPU ms/instance (at %d)"
      % (a.many, a.many))
for r in range(1, a.rounds + 1):
    order = [("yardstick", prober), ("sandbench", sandbench)]
    if r % 2 == 0:
        order.reverse()
    for name, tool in order:
        one, _ = tool(1, a.one_iterations)
        many, cpu = tool(a.many, a.many_iterations)
        print("%d | %s | %.3f | %.3f | %.3f" % (r, name, statistics.median(one),
                                               statistics.mean(many), cpu), flush=True)
