#!/bin/sh
# What acting on calls costs: deny mode (no allow-list) and a fault injected into every write, against the same
# programs untraced, traced with nothing recorded, and strace's own injection; medians of interleaved rounds.
# Usage: bench/act-benchmark.sh [rounds]   (needs strace, dd, /usr/bin/python3; builds the core module's test classes)
set -e
cd "$(dirname "$0")/.."
mvn -q -pl syscall-assert-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="syscall-assert-core/target/classes:syscall-assert-core/target/test-classes:$(cat syscall-assert-core/target/bench-classpath.txt)"
exec java -cp "$CP" dev.syscallassert.bench.ActBenchmark "$@"
