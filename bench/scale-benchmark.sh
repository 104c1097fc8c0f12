#!/bin/sh
# The engine at scale, side by side in one run (issue 13):
#   1. peak RSS and peak heap for a trace of N calls (1,000,000; 10,000,000 with --10m): the CLI with -Xmx64m
#      writing to /dev/null, against strace -f -o /dev/null;
#   2. bytes of heap per retained event (a loop of stat calls, the events kept by the Java API, -Xmx256m);
#   3. CLI start on /bin/true (-o /dev/null -- /bin/true) against java -version and strace: the launcher
#      bin/syscall-assert (class data sharing archive, C1, serial GC) and plain java -jar; and the launcher on JDK 25
#      (its AOT cache) against that JDK's java -version when $JAVA25 (default Temurin 25's place) has one; and the
#      floor under plain java -jar: a JVM that only loads (no initialising, no work) the classes of ours such a run
#      loads, against the same JVM with an empty list;
#   4. the cost of one ptrace stop: (time of N getppid calls - time of 0) / stops, for a minimal C ptrace loop,
#      strace -f -o /dev/null, the launcher and java -jar, -o /dev/null; and on one CPU (the C loop and strace under
#      taskset -c 0, java -jar --same-cpu), where no stop wakes another CPU; N = 20,000 and 200,000 (STOP_CALLS, a
#      list). A JVM's first tens of thousands of stops run interpreted and then in code it is still compiling, so
#      the short trace measures that warm-up too and the long one the steady cost (the warm-up spread over 400,000
#      stops is well under a microsecond each).
# Timings are interleaved rounds (one of each, then the next round), medians. Usage:
#   bench/scale-benchmark.sh [rounds] [--10m]     (rounds default 7; builds the CLI jar and test classes first)
#   SECTIONS=34 bench/scale-benchmark.sh          (only some of the four parts)
set -e
cd "$(dirname "$0")/.."
ROUNDS=${1:-7}
TEN_M=${2:-}
SECTIONS=${SECTIONS:-1234}
section() { case "$SECTIONS" in *"$1"*) return 0 ;; *) return 1 ;; esac; }
mvn -q -o -B -pl syscall-assert-core package -DskipTests
JAR=$PWD/syscall-assert-core/target/syscall-assert.jar
LAUNCHER=$PWD/bin/syscall-assert
CLASSES=$PWD/syscall-assert-core/target/test-classes
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/calls" bench/c/calls.c
gcc -O2 -o "$WORK/ptrace-loop" bench/c/ptrace-loop.c

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# wall ms of one run of "$@", output discarded
wall() { s=$(now_ms); "$@" >/dev/null 2>&1; e=$(now_ms); echo $((e - s)); }
# peak RSS in MB of one run
rss() { /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1; awk '{printf "%.1f", $1/1024}' "$WORK/rss"; }
# the largest heap occupancy before any GC, from -Xlog:gc ("Pause Young ... 40M->3M(64M)")
peak_heap() { sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$1" | sort -n | tail -1; }

if section 1; then
echo "== 1. memory for a trace of N getppid calls (CLI: -Xmx64m, -o /dev/null; strace -f -o /dev/null)"
for n in 1000000 ${TEN_M:+10000000}; do
    ours=$(rss java -Xmx64m -Xlog:gc:file="$WORK/gc.txt" -jar "$JAR" --same-cpu -o /dev/null -- "$WORK/calls" getppid $n)
    theirs=$(rss taskset -c 0 strace -f -o /dev/null "$WORK/calls" getppid $n)
    echo "$n calls: ours peak RSS ${ours} MB, peak heap $(peak_heap "$WORK/gc.txt") MB (of 64); strace peak RSS ${theirs} MB"
done

fi
if section 2; then
echo "== 2. bytes per retained event (stat loop, Java API, -Xmx256m)"
for n in 100000 1000000; do
    java -Xmx256m -cp "$JAR:$CLASSES" dev.syscallassert.bench.RetainedBytes "$WORK/calls" stat $n | sed "s/^/$n stat calls: /"
done

fi
if section 3; then
echo "== 3. start on /bin/true, median of $ROUNDS interleaved rounds (ms)"
# JDK 25 too when it is there (JAVA25=/path/to/jdk, default Temurin 25's place): its launcher makes an AOT cache
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA25/bin/java" ] || JAVA25=
"$LAUNCHER" -o /dev/null -- /bin/true >/dev/null 2>&1 || true   # the launcher's first run makes its archive
[ -z "$JAVA25" ] || JAVA_HOME=$JAVA25 "$LAUNCHER" -o /dev/null -- /bin/true >/dev/null 2>&1 || true
: > "$WORK/v"; : > "$WORK/c"; : > "$WORK/a"; : > "$WORK/s"; : > "$WORK/v25"; : > "$WORK/a25"
i=0
while [ $i -lt "$ROUNDS" ]; do
    wall java -version >> "$WORK/v"
    wall "$LAUNCHER" -o /dev/null -- /bin/true >> "$WORK/a"
    wall java -jar "$JAR" -o /dev/null -- /bin/true >> "$WORK/c"
    wall strace -f -o /dev/null /bin/true >> "$WORK/s"
    if [ -n "$JAVA25" ]; then
        wall "$JAVA25/bin/java" -version >> "$WORK/v25"
        s25=$(now_ms); JAVA_HOME=$JAVA25 "$LAUNCHER" -o /dev/null -- /bin/true >/dev/null 2>&1; e25=$(now_ms)
        echo $((e25 - s25)) >> "$WORK/a25"
    fi
    i=$((i + 1))
done
v=$(median < "$WORK/v"); c=$(median < "$WORK/c"); a=$(median < "$WORK/a"); s=$(median < "$WORK/s")
echo "java -version $v; launcher $a ($(awk "BEGIN {printf \"%.2f\", $a / $v}")x); java -jar $c" \
     "($(awk "BEGIN {printf \"%.2f\", $c / $v}")x); strace $s"
# our classes (not lambdas: the JVM makes those) that a java -jar start loads from the jar, by its class loading log
java -Xlog:class+load:file="$WORK/loaded.txt" -jar "$JAR" -o /dev/null -- /bin/true >/dev/null 2>&1 || true
sed -n 's/.*\] \(dev\.syscallassert\.[^ ]*\) source: file:.*/\1/p' "$WORK/loaded.txt" | grep -v 'Lambda' \
    > "$WORK/ours.txt"
: > "$WORK/empty.txt"; : > "$WORK/fv"; : > "$WORK/f0"; : > "$WORK/f1"
i=0
while [ $i -lt "$ROUNDS" ]; do
    wall java -version >> "$WORK/fv"
    wall java -cp "$JAR:$CLASSES" dev.syscallassert.bench.ClassLoadFloor "$WORK/empty.txt" >> "$WORK/f0"
    wall java -cp "$JAR:$CLASSES" dev.syscallassert.bench.ClassLoadFloor "$WORK/ours.txt" >> "$WORK/f1"
    i=$((i + 1))
done
fv=$(median < "$WORK/fv"); f0=$(median < "$WORK/f0"); f1=$(median < "$WORK/f1")
echo "floor of java -jar: loading the $(wc -l < "$WORK/ours.txt") classes of ours it loads, nothing run: $f1" \
     "($(awk "BEGIN {printf \"%.2f\", $f1 / $fv}")x java -version $fv); the same JVM loading none: $f0" \
     "($(awk "BEGIN {printf \"%.2f\", $f0 / $fv}")x)"
if [ -n "$JAVA25" ]; then
    v25=$(median < "$WORK/v25"); a25=$(median < "$WORK/a25")
    echo "JDK 25: java -version $v25; launcher $a25 ($(awk "BEGIN {printf \"%.2f\", $a25 / $v25}")x)"
fi
fi
if section 4; then
for N in ${STOP_CALLS:-20000 200000}; do
echo "== 4. cost of one stop, $N getppid calls, median of $ROUNDS interleaved rounds (us per stop)"
STOPS=$(( 2 * N ))
for t in c strace launcher jar c1 strace1 jar1; do : > "$WORK/$t"; done
# (time of N calls - time of 0 calls) / stops, one run of each, in turn
per_stop() {
    full=$(wall "$@" "$WORK/calls" getppid $N); empty=$(wall "$@" "$WORK/calls" getppid 0)
    awk "BEGIN {printf \"%.1f\", ($full - $empty) * 1000 / $STOPS}"; echo
}
i=0
while [ $i -lt "$ROUNDS" ]; do
    per_stop "$WORK/ptrace-loop" >> "$WORK/c"
    per_stop strace -f -o /dev/null >> "$WORK/strace"
    per_stop "$LAUNCHER" -o /dev/null -- >> "$WORK/launcher"
    per_stop java -jar "$JAR" -o /dev/null -- >> "$WORK/jar"
    # on one CPU: no wake-up of another (virtual) CPU at each stop, which on some VMs costs more than the rest of it
    per_stop taskset -c 0 "$WORK/ptrace-loop" >> "$WORK/c1"
    per_stop taskset -c 0 strace -f -o /dev/null >> "$WORK/strace1"
    per_stop java -jar "$JAR" --same-cpu -o /dev/null -- >> "$WORK/jar1"
    i=$((i + 1))
done
c=$(median < "$WORK/c"); s=$(median < "$WORK/strace"); l=$(median < "$WORK/launcher"); j=$(median < "$WORK/jar")
ratio() { awk "BEGIN {printf \"%.2f\", $1 / ($c > 0 ? $c : 1)}"; }
echo "C ptrace loop $c; strace $s ($(ratio "$s")x); launcher $l ($(ratio "$l")x the C loop); java -jar $j ($(ratio "$j")x)"
c=$(median < "$WORK/c1"); s=$(median < "$WORK/strace1"); j=$(median < "$WORK/jar1")
echo "on one CPU: C ptrace loop (taskset -c 0) $c; strace (taskset -c 0) $s ($(ratio "$s")x);" \
     "java -jar --same-cpu $j ($(ratio "$j")x)"
done
fi
