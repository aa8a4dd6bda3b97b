#!/usr/bin/env bash
# The start-up goal, with the tools the brief names: hyperfine times an empty main
# (java -XX:+UseSerialGC -XX:TieredStopAtLevel=1), the reference prober times webd from launch to
# its first 200, then hyperfine again (a sandwich, so drift of the shared machine shows).
#   workload/bench/webd-vs-empty-main.sh [RUNS]    (after ./mvnw package; the JDK on PATH)
# IMAGE=/path/to/webd-image and JAVA_HOME=... measure another image (e.g. one built on JDK 25).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${IMAGE:-$here/../target/webd-image}"
if [ -n "${JAVA_HOME:-}" ]; then PATH="$JAVA_HOME/bin:$PATH"; fi
prober="${PROBER:-$here/../../../shared/tools/reference-prober.py}"
[ -f "$prober" ] || prober=/work/shared/tools/reference-prober.py
runs="${1:-15}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo 'public class Empty { public static void main(String[] a) {} }' >"$tmp/Empty.java"
javac -d "$tmp" "$tmp/Empty.java"
empty="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp $tmp Empty"
median() { python3 -c "import json,statistics,sys; print(round(statistics.median(json.load(open(sys.argv[1]))['results'][0]['times'])*1000,1))" "$1"; }
hyperfine -N -w 3 -r "$runs" --export-json "$tmp/h1.json" "$empty" >/dev/null 2>&1
python3 "$prober" --instances 1 --iterations "$runs" --cooldown 0.3 --base-port 21000 -- \
  "$image/bin/webd" --bind 127.0.0.1 '{port}' >"$tmp/prober.txt"
hyperfine -N -w 3 -r "$runs" --export-json "$tmp/h2.json" "$empty" >/dev/null 2>&1
m1=$(median "$tmp/h1.json"); m2=$(median "$tmp/h2.json")
w=$(python3 -c "import json,sys; print(round(json.loads(open(sys.argv[1]).read().splitlines()[-1])['median_of_means_ms'],1))" "$tmp/prober.txt")
python3 - "$m1" "$w" "$m2" <<'P'
import sys
m1, w, m2 = map(float, sys.argv[1:])
base = (m1 + m2) / 2
print(f"empty main (hyperfine, median, before/after): {m1} / {m2} ms")
print(f"webd first 200 (reference-prober, median):    {w} ms")
print(f"ratio webd / empty main (mean of before/after): {w / base:.2f}")
P
