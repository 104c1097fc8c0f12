package dev.syscallassert.junit5.bench;

import dev.syscallassert.junit5.TraceSyscalls;

/** {@link PlainServerSuite}'s class, traced: its server starts in {@code @BeforeAll}. Run by OverheadBenchmark. */
@TraceSyscalls
class TracedServerSuite extends PlainServerSuite {
}
