package dev.syscallassert.junit5;

import dev.syscallassert.SyscallCategory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test (every invocation of a parameterized or repeated test too) in a child JVM traced with ptrace, and
 * lets it assert on the system calls its body made through an injected {@link dev.syscallassert.SyscallTrace}:
 *
 * <pre>{@code
 * @TraceSyscalls
 * class HostsFileTest {
 *     @Test
 *     void readsOnlyTheHostsFile(SyscallTrace trace) throws IOException {
 *         new HostsFile().load();
 *         assertThat(trace).openedFile("/etc/hosts").noNetworkCalls();
 *     }
 * }
 * }</pre>
 *
 * The trace covers the test method only (not {@code @BeforeEach}/{@code @AfterEach}, which run in the child around
 * it and are skipped in the test JVM). It is live: every read returns what was recorded up to that read. A
 * non-final, non-static field of type {@code SyscallTrace} in the test class receives the same trace.
 *
 * <p>On a method, this annotation replaces the one on its class (attributes are not merged). It is
 * {@link Inherited}: on a superclass it applies to every test of its subclasses; JUnit also finds it on an interface
 * the test class implements and on the class enclosing a {@code @Nested} one. An overriding method is not traced by
 * the annotation of the method it overrides (Java never inherits method annotations).
 *
 * <p>The class's own set-up (static initialisers, {@code @BeforeAll}, argument factories such as {@code @MethodSource})
 * runs in the test JVM and again in each traced test's child JVM: keep it cheap, or move it to {@code @BeforeEach},
 * which for a traced test runs in the child only. Project-wide defaults go
 * in {@code junit-platform.properties}:
 * <ul>
 *   <li>{@code syscallassert.unsupported} = {@code fail} | {@code skip}: where tracing is impossible (not Linux x86_64,
 *       ptrace forbidden), fail the test or abort it with the reason. Default: {@code fail} on Linux, {@code skip}
 *       elsewhere.</li>
 *   <li>{@code syscallassert.timeout.default}: e.g. {@code 60 s} (the default) or {@code 500 ms}; per child JVM, which
 *       is then killed and the test fails with the trace so far.</li>
 *   <li>{@code syscallassert.report} = {@code failed} (default) | {@code all}: which tests get their trace
 *       written.</li>
 *   <li>{@code syscallassert.report.dir}: where, as {@code <dir>/<class>/<test>.txt} (strace's form),
 *       {@code .jsonl} and {@code .timeline.json} (Chrome trace events, for Perfetto). Default
 *       {@code target/syscall-assert}.</li>
 *   <li>{@code syscallassert.seccomp.profile}: e.g. {@code target/seccomp/profile.json}: write, when the plan ends,
 *       a seccomp profile allowing what every traced test's child JVM did ({@code {class}} in the path: one per test
 *       class). Its children are then traced from their start with every syscall, without spare children.</li>
 *   <li>{@code syscallassert.jvm.options}: JVM options added to every child JVM, separated by spaces.</li>
 *   <li>{@code syscallassert.spare} = {@code true} (default) | {@code false}: start the next child ahead and let it
 *       warm up while the current test runs, or start each child when its test starts.</li>
 *   <li>{@code syscallassert.spare.start} = {@code auto} (default) | {@code test-start} | {@code test-end}: when that
 *       next child starts: alongside the test, or once the test's child has ended; {@code auto} is
 *       {@code test-start} with more than two processors.</li>
 *   <li>{@code syscallassert.cds} = {@code true} (default) | {@code false}: start children with a class data sharing
 *       archive of JUnit, AssertJ and this library, made once and then cached.</li>
 *   <li>{@code syscallassert.cds.dir}: where those archives are kept. Default {@code ~/.cache/syscall-assert/cds}
 *       ({@code $XDG_CACHE_HOME/syscall-assert/cds} when that is set).</li>
 * </ul>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TraceSyscallsExtension.class)
public @interface TraceSyscalls {

    /** The classes of syscalls to record. Everything else runs at native speed and is not seen. */
    SyscallCategory[] value() default {SyscallCategory.FILE, SyscallCategory.NETWORK, SyscallCategory.PROCESS};

    /**
     * More syscalls to record, in strace's {@code -e trace=} syntax, added to {@link #value()}: for example
     * {@code "fsync,fdatasync"} (those are not in {@code %file}). To record only these, set {@code value = {}}.
     */
    String syscalls() default "";

    /**
     * How long the child JVM may run (start-up, lifecycle methods and the test) before it is killed and the test
     * fails, as {@code "30 s"}, {@code "500 ms"} or {@code "2 m"}. Empty: {@code syscallassert.timeout.default}.
     */
    String timeout() default "";

    /** JVM options for the child, after the ones taken from the test JVM, e.g. {@code "-Xmx64m"}. */
    String[] jvmOptions() default {};

    /**
     * Let assertions see the JVM's own calls too: its internal threads, class loading from the class path and
     * {@code java.home}, the JDK's helper that starts processes, and the harness's own files. They are always in the
     * written report, each marked with the rule that hid it (the README's table of noise rules).
     */
    boolean includeJvmNoise() default false;
}
