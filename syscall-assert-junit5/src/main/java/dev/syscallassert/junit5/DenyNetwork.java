package dev.syscallassert.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Cuts a {@link TraceSyscalls traced} test off the network: its code, the native code it calls and every process it
 * starts. On a method, for that test; on a class, for each of its tests (a method's own annotation wins); for every
 * traced test of a plan, {@code syscallassert.deny.network=true} in junit-platform.properties (with
 * {@code syscallassert.deny.network.allow=127.0.0.1:*,...}).
 *
 * <p>A denied call fails as on a machine that is offline, so the code under test sees a realistic error: without
 * {@link #allow()} no internet socket can be made (socket() fails with EAFNOSUPPORT); with it, a connect or send to
 * any other internet address fails with ENETUNREACH, one to port 53 with ECONNREFUSED (so a DNS lookup fails as with
 * no resolver), unless a pattern names port 53. The test then fails, even when its code swallowed the error, with a
 * message listing each denied call in strace's form with its thread and address; {@code failTest = false} leaves
 * that to the test ({@code assertThat(trace).deniedCalls()}). The README's "Acting on calls" has every rule.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TraceSyscallsExtension.class)
public @interface DenyNetwork {

    /**
     * The addresses still allowed, as {@code HOST:PORT} with an IPv4 literal, a bracketed IPv6 literal or {@code *},
     * and a port or {@code *}: {@code {"127.0.0.1:*", "[::1]:*"}}. Empty: no internet socket at all.
     */
    String[] allow() default {};

    /** Whether a test whose code made a denied call fails (default), even when that code swallowed the error. */
    boolean failTest() default true;
}
