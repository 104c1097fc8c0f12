#!/bin/sh
# Runs the tracer benchmark: this tracer vs strace -f -o /dev/null on the same workloads, medians and ratios.
# Usage: bench/tracer-benchmark.sh [rounds]   (needs strace; builds the core module's test classes first)
set -e
cd "$(dirname "$0")/.."
mvn -q -pl syscall-assert-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="syscall-assert-core/target/classes:syscall-assert-core/target/test-classes:$(cat syscall-assert-core/target/bench-classpath.txt)"
exec java -cp "$CP" dev.syscallassert.bench.TracerBenchmark "$@"
