#!/usr/bin/env bash
# webd start-up and idle memory against an empty main, and the effect of each choice of the
# image (jlink, class-data archive, JVM flags). Interleaved rounds (bench/startup.py), same run.
#   workload/bench/webd-startup.sh [ROUNDS]      (after ./mvnw package; uses the JDK on PATH)
# IMAGE=/path/to/webd-image and JAVA_HOME=... measure another image (e.g. one built on JDK 25).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${IMAGE:-$here/../target/webd-image}"
if [ -n "${JAVA_HOME:-}" ]; then PATH="$JAVA_HOME/bin:$PATH"; fi
rounds="${1:-15}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/Empty.java" <<'J'
public class Empty { public static void main(String[] a) {} }
J
cat >"$tmp/Idle.java" <<'J'
public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }
J
javac -d "$tmp" "$tmp/Empty.java" "$tmp/Idle.java"
main=io.sandbench.webd/io.sandbench.workload.webd.Webd
all=$(sed -n 's/^exec "$bin\/java"\(.*\) ${WEBD_JAVA_OPTS-}.*/\1/p' "$image/bin/webd" | sed "s|\"-XX:AOTCache=\$bin/..|-XX:AOTCache=$image|; s|\"||g")
java="$image/bin/java"
# the archive option: none on JDK 17..23 (the image's default CDS archive), the AOT cache on 24+
arch=""
noarch="-Xshare:off"
if [ -f "$image/lib/webd.aot" ]; then arch="-XX:AOTCache=$image/lib/webd.aot"; noarch="-XX:AOTMode=off"; fi
classes="$here/../target/classes"
# shellcheck disable=SC2086
python3 "$here/startup.py" --rounds "$rounds" \
  --label "empty main (Serial, C1)" -- java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$tmp" Empty \
  --label "idle main (Serial)" -- java -XX:+UseSerialGC -cp "$tmp" Idle {idle} \
  --label "webd: bin/webd (all)" -- "$image/bin/webd" --bind 127.0.0.1 {port} \
  --label "  all but archive" -- "$java" $all $noarch -m $main --bind 127.0.0.1 {port} \
  --label "  archive only" -- "$java" $arch -m $main --bind 127.0.0.1 {port} \
  --label "  archive+Serial" -- "$java" $arch -XX:+UseSerialGC -m $main --bind 127.0.0.1 {port} \
  --label "  archive+Serial+C1" -- "$java" $arch -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -m $main --bind 127.0.0.1 {port} \
  --label "  all + -Xint" -- "$java" $all -Xint -m $main --bind 127.0.0.1 {port} \
  --label "  all but small heap/meta/code" -- "$java" $(echo $all | sed 's/-Xms8m -Xmx64m -XX:MaxMetaspaceSize=32m -XX:ReservedCodeCacheSize=16m//') -m $main --bind 127.0.0.1 {port} \
  --label "  all but -UsePerfData" -- "$java" $(echo $all | sed 's/-XX:-UsePerfData//') -m $main --bind 127.0.0.1 {port} \
  --label "webd on full JDK, cp, flags" -- java $(echo $all | sed 's/-XX:AOTCache=[^ ]*//') -cp "$classes" io.sandbench.workload.webd.Webd --bind 127.0.0.1 {port}
