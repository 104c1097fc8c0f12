package dev.syscallassert.junit5.bench;

import dev.syscallassert.junit5.TraceSyscalls;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** The 20,000-syscall body in a traced child; prints its own duration, which the test JVM relays. */
@TraceSyscalls
class TracedBody {
    @Test
    void twentyThousandReads() throws IOException {
        System.out.println("BODY_NANOS " + Bodies.twentyThousandReads());
    }
}
