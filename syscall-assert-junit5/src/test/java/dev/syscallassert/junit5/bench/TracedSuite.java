package dev.syscallassert.junit5.bench;

import dev.syscallassert.junit5.TraceSyscalls;

/**
 * {@link PlainSuite}'s 20 small tests, traced with the default categories: they inherit the very same methods, so only
 * the annotation differs. Run by {@link OverheadBenchmark}.
 */
@TraceSyscalls
class TracedSuite extends PlainSuite {
}
