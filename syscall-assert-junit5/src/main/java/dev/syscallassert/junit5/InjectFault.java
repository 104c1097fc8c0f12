package dev.syscallassert.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a fault into a {@link TraceSyscalls traced} test's calls, as {@link dev.syscallassert.Fault} does for the
 * Java API: which calls ({@link #syscalls()}, {@link #path()}, {@link #address()}), which of them ({@link #nth()},
 * {@link #every()}, {@link #first()}..{@link #last()}, {@link #probability()}; counted over the whole traced tree)
 * and what happens ({@link #errno()}, {@link #returnValue()}, {@link #shortBy()}, {@link #delay()},
 * {@link #delayAfter()}, {@link #signal()}). Or all of it in strace's syntax in {@link #value()}. Repeatable; on a
 * class it applies to each of its tests, before the method's own.
 *
 * <pre>{@code
 * @InjectFault(syscalls = "write", path = "glob:**}{@code /journal.log", errno = "ENOSPC", nth = 3)
 * @InjectFault("connect:error=ECONNREFUSED:address=127.0.0.1:5432")
 * }</pre>
 *
 * A mistake (an unknown errno or syscall, a path on a syscall that has none, a probability outside 0..1) fails the
 * test as a configuration error before its child starts.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(InjectFaults.class)
public @interface InjectFault {

    /** The whole fault in strace's {@code -e inject=} syntax; the other attributes must then be left out. */
    String value() default "";

    /** The syscalls, in strace's syntax: {@code "write"}, {@code "read,pread64"}, {@code "%file"}. */
    String syscalls() default "";

    /** Only calls on a path this PathMatcher pattern matches ({@code "glob:**}{@code /journal.log"}). */
    String path() default "";

    /** Only calls on this socket address ({@code "127.0.0.1:5432"}, {@code "[::1]:*"}). */
    String address() default "";

    /** Only the nth matching call (0: not chosen this way). */
    long nth() default 0;

    /** Every nth matching call (0: not chosen this way). */
    long every() default 0;

    /** The matching calls from this one ... (0: not chosen this way) */
    long first() default 0;

    /** ... to this one (0: no end). */
    long last() default 0;

    /** Each matching call with this probability (-1: not chosen this way), drawn with {@link #seed()}. */
    double probability() default -1;

    long seed() default 0;

    /** The call fails with this errno without running ({@code "ENOSPC"}). */
    String errno() default "";

    /** The call returns this value without running ({@link Long#MIN_VALUE}: none). */
    long returnValue() default Long.MIN_VALUE;

    /** A real short read or write: the count cut by this fraction (0: none). */
    double shortBy() default 0;

    /** Hold the thread this long before the call ({@code "200 ms"}). */
    String delay() default "";

    /** Hold the thread this long after the call. */
    String delayAfter() default "";

    /** Send this signal to the thread as the call returns ({@code "SIGUSR1"}). */
    String signal() default "";
}
