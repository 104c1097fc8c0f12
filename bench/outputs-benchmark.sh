#!/bin/sh
# Sizes and timings of the outputs users take away from a trace (README "What to take away from a trace"):
#   1. the Chrome timeline's size per 100,000 events, and what --timeline adds to a trace of them;
#   2. a seccomp profile for a whole test plan: sample-project's tests with and without
#      syscallassert.seccomp.profile (its children are then traced from their first instruction, every syscall).
# Rounds are interleaved (with, without, with, ...) and medians printed. Needs the jar:
#   mvn -q -o package -DskipTests -pl syscall-assert-core
# usage: bench/outputs-benchmark.sh [rounds]
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
JAR=syscall-assert-core/target/syscall-assert.jar
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

LOOP='import os
for _ in range(100000): os.getppid()'

: > "$WORK/with"; : > "$WORK/without"
for i in $(seq "$ROUNDS"); do
    t0=$(now); java -jar "$JAR" -o /dev/null -- /usr/bin/python3 -c "$LOOP"; t1=$(now)
    java -jar "$JAR" -o /dev/null --timeline="$WORK/t.json" -- /usr/bin/python3 -c "$LOOP"; t2=$(now)
    echo $(( (t1 - t0) / 1000000 )) >> "$WORK/without"
    echo $(( (t2 - t1) / 1000000 )) >> "$WORK/with"
done
events=$(grep -c '"ph": "X"' "$WORK/t.json")
bytes=$(stat -c %s "$WORK/t.json")
echo "timeline: $events calls, $bytes bytes: $(( bytes * 100000 / events / 1000000 )) MB per 100,000 events" \
     "($(( bytes / events )) bytes per call, gzip: $(gzip -c "$WORK/t.json" | wc -c) bytes)"
echo "tracing them: median $(median < "$WORK/without") ms without --timeline, $(median < "$WORK/with") ms with"

PLAN="mvn -o -q -B test -pl sample-project -am -Dtest=dev.syscallassert.sample.*Test -Dsurefire.failIfNoSpecifiedTests=false"
: > "$WORK/plan-with"; : > "$WORK/plan-without"
for i in $(seq "$ROUNDS"); do
    t0=$(now); $PLAN > "$WORK/log" 2>&1 || { cat "$WORK/log"; exit 1; }; t1=$(now)
    $PLAN -Dsyscallassert.seccomp.profile="$WORK/profile.json" > "$WORK/log" 2>&1 || { cat "$WORK/log"; exit 1; }
    t2=$(now)
    echo $(( (t1 - t0) / 1000000 )) >> "$WORK/plan-without"
    echo $(( (t2 - t1) / 1000000 )) >> "$WORK/plan-with"
done
echo "test plan (sample-project): median $(median < "$WORK/plan-without") ms without a profile," \
     "$(median < "$WORK/plan-with") ms writing one ($(grep -o 'seen in [0-9]* traced runs' "$WORK/profile.json"))"
