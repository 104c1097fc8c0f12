#!/bin/sh
# What a read of a traced test's live trace costs as its window grows, on this tree and on another git ref (default
# main): a @TraceSyscalls test makes CALLS stat calls (Files.exists of a missing file) and reads its trace every EVERY
# calls, then reads it 10 times more; the child times each read (the marker round trip, the tracer's answer, the
# child's decoding) and the size of the snapshot file after it. Rounds interleave the two trees; medians over the
# rounds are printed per read.
# Usage: bench/snapshot-benchmark.sh [rounds] [ref]     (CALLS=20000 EVERY=1000 by default; needs git, mvn, java)
# The ref is exported with git archive into a temporary directory and built there (offline, nothing installed).
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
REF=${2:-main}
CALLS=${CALLS:-20000}
EVERY=${EVERY:-1000}
HERE=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# classpath_of DIR: builds DIR's JUnit module test classes and prints their class path
classpath_of() {
    (cd "$1" && mvn -q -o -B -pl syscall-assert-junit5 -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2)
    echo "$1/syscall-assert-junit5/target/test-classes:$1/syscall-assert-junit5/target/classes:$(cat "$1/syscall-assert-junit5/target/bench-classpath.txt")"
}

mkdir -p "$WORK/base" "$WORK/src/snapbench"
git archive "$REF" | tar -x -C "$WORK/base"
BASE_CP=$(classpath_of "$WORK/base")
THIS_CP=$(classpath_of "$HERE")

cat > "$WORK/src/snapbench/SnapshotBench.java" <<'EOF'
package snapbench;

import dev.syscallassert.SyscallTrace;
import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@TraceSyscalls(timeout = "10 m")
public class SnapshotBench {
    @Test
    void readsAsTheWindowGrows(SyscallTrace trace) throws Exception {
        int calls = Integer.getInteger("bench.calls"), every = Integer.getInteger("bench.every");
        Path snapshot = snapshotFile();
        long start = System.nanoTime();
        int read = 0;
        for (int i = 1; i <= calls; i++) {
            Files.exists(Path.of("/proc/self/bench-missing-" + i));
            if (i % every == 0) {
                long t0 = System.nanoTime();
                int events = trace.events().size();
                long t1 = System.nanoTime();
                System.out.println("READ " + (++read) + " " + events + " " + (t1 - t0) / 1000 + " "
                        + Files.size(snapshot));
            }
        }
        System.out.println("TOTAL " + (System.nanoTime() - start) / 1000000);
        for (int again = 1; again <= 10; again++) { // checks one after another, nothing new between them
            long t0 = System.nanoTime();
            trace.events().size();
            System.out.println("AGAIN " + again + " " + (System.nanoTime() - t0) / 1000 + " " + Files.size(snapshot));
        }
    }

    /** The snapshot file this child holds open (read through its descriptor: its size is the last snapshot's). */
    private static Path snapshotFile() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            List<Path> open = fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().endsWith("/snapshot.bin");
                } catch (Exception e) {
                    return false;
                }
            }).collect(Collectors.toList());
            return open.get(0);
        }
    }
}
EOF
cat > "$WORK/src/snapbench/Run.java" <<'EOF'
package snapbench;

import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

public class Run {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        long failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SnapshotBench.class)).execute()
                .testEvents().failed().count();
        System.out.println("WALL " + (System.nanoTime() - t0) / 1000000 + " failed=" + failed);
    }
}
EOF
for tree in base this; do
    if [ "$tree" = base ]; then CP=$BASE_CP; else CP=$THIS_CP; fi
    mkdir -p "$WORK/out-$tree"
    javac -d "$WORK/out-$tree" -cp "$CP" "$WORK/src/snapbench/"*.java
done

for round in $(seq "$ROUNDS"); do
    for tree in base this; do
        if [ "$tree" = base ]; then CP=$BASE_CP; else CP=$THIS_CP; fi
        (cd "$WORK" && java -Dbench.calls="$CALLS" -Dbench.every="$EVERY" -cp "$WORK/out-$tree:$CP" snapbench.Run) \
            2>/dev/null | grep -E "^(READ|TOTAL|WALL|AGAIN)" | sed "s/^/$tree $round /" >> "$WORK/results"
    done
    echo "round $round done" >&2
done

if grep 'WALL' "$WORK/results" | grep -qv 'failed=0'; then
    echo "a benchmark test failed:" >&2; grep WALL "$WORK/results" >&2; exit 1
fi

median() { sort -n | awk '{a[NR]=$1} END {printf "%d\n", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "$ROUNDS interleaved rounds, $CALLS stat calls, a read every $EVERY; medians. base = $REF, this = $(git rev-parse --short HEAD)"
printf '%-6s %-8s | %12s %14s | %12s %14s\n' read events "$REF µs" "$REF bytes" "this µs" "this bytes"
reads=$(grep ' READ ' "$WORK/results" | awk '{print $4}' | sort -n | uniq)
for r in $reads; do
    ev=$(awk -v r="$r" '$1 == "this" && $3 == "READ" && $4 == r {print $5}' "$WORK/results" | median)
    bt=$(awk -v r="$r" '$1 == "base" && $3 == "READ" && $4 == r {print $6}' "$WORK/results" | median)
    bb=$(awk -v r="$r" '$1 == "base" && $3 == "READ" && $4 == r {print $7}' "$WORK/results" | median)
    tt=$(awk -v r="$r" '$1 == "this" && $3 == "READ" && $4 == r {print $6}' "$WORK/results" | median)
    tb=$(awk -v r="$r" '$1 == "this" && $3 == "READ" && $4 == r {print $7}' "$WORK/results" | median)
    printf '%-6s %-8s | %12s %14s | %12s %14s\n' "$r" "$ev" "$bt" "$bb" "$tt" "$tb"
done
b=$(awk '$1 == "base" && $3 == "AGAIN" {print $5}' "$WORK/results" | median)
t=$(awk '$1 == "this" && $3 == "AGAIN" {print $5}' "$WORK/results" | median)
bb=$(awk '$1 == "base" && $3 == "AGAIN" {print $6}' "$WORK/results" | median)
tb=$(awk '$1 == "this" && $3 == "AGAIN" {print $6}' "$WORK/results" | median)
printf '%-40s %s: %s µs, %s bytes   this: %s µs, %s bytes\n' "each read after the last (a few new)" "$REF" "$b" "$bb" "$t" "$tb"
for what in TOTAL WALL; do
    b=$(awk -v w="$what" '$1 == "base" && $3 == w {print $4}' "$WORK/results" | median)
    t=$(awk -v w="$what" '$1 == "this" && $3 == w {print $4}' "$WORK/results" | median)
    case $what in TOTAL) label="test method, ms";; WALL) label="whole run (JVM start, test, report), ms";; esac
    printf '%-40s %s: %s   this: %s\n' "$label" "$REF" "$b" "$t"
done
for tree in base this; do
    s=$(awk -v t="$tree" '$1 == t && $3 == "READ" {s += $6} END {print s}' "$WORK/results")
    echo "all reads of $tree, summed over the rounds: $((s / 1000)) ms"
done
