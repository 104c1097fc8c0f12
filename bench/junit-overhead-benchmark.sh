#!/bin/sh
# Runs the JUnit extension's OverheadBenchmark: small tests untraced, traced in a child JVM per test
# (syscallassert.fork=per-test) and in a worker JVM (the default), a class whose @BeforeAll starts a server, and a
# 20,000-syscall body; medians per test, rounds interleaved.
# Usage: bench/junit-overhead-benchmark.sh [rounds] [body runs]   (builds the two modules' test classes first;
# JVM options such as -Dsyscallassert.spare=false go in JAVA_OPTS)
set -e
cd "$(dirname "$0")/.."
mvn -q -pl syscall-assert-junit5 -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd syscall-assert-junit5
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec java $JAVA_OPTS -cp "$CP" dev.syscallassert.junit5.bench.OverheadBenchmark "${1:-2}" "${2:-11}"
