package dev.syscallassert.core.format;

import java.time.Duration;

/** How messages write a duration, the same in the tracer's and the JUnit extension's. Stateless: any thread. */
public final class Durations {
    private Durations() {
    }

    /** Whole seconds as "30 s", anything else as "1500 ms": the units a user writes in a timeout setting. */
    public static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
