package dev.syscallassert.compare;

import dev.syscallassert.fixtures.BoundedWait;
import dev.syscallassert.fixtures.ThreadedProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The process, signal, time, memory, system and socket-option decoders compared with strace 6.1 on programs that make
 * those calls (see {@link StraceComparison}): C programs compiled here (threads, signals with handlers, children,
 * limits, clocks, scheduling, control messages, message vectors, socket options, netlink and packet addresses, all on
 * loopback or socketpairs), Python sockets, a shell with a trap, and JVMs. Prints each workload's share of identical
 * argument lists and returns and writes the differing pairs to target/strace-comparison/process-*.txt. A syscall in
 * {@link #RENDERED_AS_STRACE} must render identically in every pair once what differs between two runs of any program
 * (times, load figures, ephemeral ports, the start state's blocked SIGQUIT) is masked: that is the guard.
 */
class ProcessRenderingComparisonTest {

    /**
     * Syscalls of these families whose decoders were compared with strace 6.1 and must stay identical. mmap, munmap
     * and brk are the other comparison's: a JVM's and a threaded malloc's sizes depend on where ASLR put things.
     * futex is guarded apart ({@link #FUTEX}): which call pairs with which, and what it returns, follow the threads'
     * timing, so only pairs of the same operation and value are held to identical arguments.
     */
    static final List<String> RENDERED_AS_STRACE = List.of(
            "arch_prctl", "clock_getres", "clock_gettime", "clock_nanosleep", "nanosleep", "gettimeofday", "clone",
            "clone3", "getgroups", "getrandom", "getrusage", "kill", "tgkill", "madvise", "mlock", "munlock",
            "msync", "mincore", "mremap", "prctl", "prlimit64", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
            "rt_sigpending", "rt_sigtimedwait", "sigaltstack", "sched_getaffinity", "sched_setaffinity",
            "sched_yield", "sched_getparam", "sched_getscheduler", "sched_get_priority_max", "set_robust_list",
            "set_tid_address", "rseq", "sysinfo", "uname", "wait4", "exit", "exit_group", "getpid", "gettid",
            "getpriority", "setitimer", "getitimer", "getsockopt", "setsockopt", "sendmmsg", "recvmmsg", "shutdown",
            "accept4", "sendmsg", "recvmsg", "socket", "bind", "getsockname", "getpeername", "rt_sigsuspend",
            "mlock2", "getrlimit", "setrlimit");
    private static final String FUTEX = "futex";

    /**
     * What differs between two runs of the same program, masked before the guard compares a pair. A value may already
     * read P1 or PARENT: the pid mask met a number that happened to equal a traced pid (a tv_usec, failed once).
     */
    private static final Pattern[] RUN_TO_RUN = {
        Pattern.compile("(tv_sec|tv_nsec|tv_usec)=(\\d+|P\\d+|PARENT)"),
        Pattern.compile("(uptime|loads|freeram|sharedram|bufferram|procs|freeswap)"
                + "=(\\[[\\dP, ]+]|\\d+|P\\d+|PARENT)"),
        Pattern.compile("(htons)\\(\\d{4,5}\\)"),
    };
    /**
     * strace's child inherits the test JVM's blocked SIGQUIT (ProcessBuilder keeps the mask); the tracer starts its
     * tracee with an empty one. A difference of start state, not of rendering.
     */
    /** A child killed before its first syscall has no thread to pair, so its pid is not mapped to a placeholder. */
    // (kill's and wait4's pid argument, and what clone and wait4 return.)
    private static final Pattern UNPAIRED_CHILD_ARG = Pattern.compile("^((?:kill|wait4)\\()\\d+");
    private static final Pattern UNPAIRED_CHILD_RET = Pattern.compile("^((?:clone|wait4).*\\) = )\\d+$");
    /**
     * In a JVM, which thread gets which fd or futex call first, and how much it read, follow its threads' timing: there
     * the guard holds each pair to the same names, flags and shape, every number masked.
     */
    private static final Pattern ANY_NUMBER = Pattern.compile("\\b\\d+\\b");
    private static final Pattern INHERITED_QUIT = Pattern.compile("(?<=\\[)QUIT ?|(?<=\\[)(.*?) QUIT(?=[ \\]])");

    private static final Path REPORTS = Path.of("target", "strace-comparison");
    private static final List<String> SUMMARY = new ArrayList<>();
    /** strace's "-1 (errno N)" with N far beyond any errno: it printed a return it could not have read right. */
    private static final Pattern STRACE_NO_ERRNO = Pattern.compile("= -1 \\(errno \\d{10,}\\)$");
    /** How strace ends the part of a call it printed at the entry when the exit never came to be shown. */
    private static final String UNFINISHED = " <unfinished ...>";
    private static final int[] TOTAL = new int[4]; // strace calls, identical args, identical returns, masked args
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASS_PATH = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));

    @TempDir
    static Path programs;

    @BeforeAll
    static void compilePrograms() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Files.createDirectories(REPORTS);
        for (String name : new String[] {"process", "sockets"}) {
            Path source = programs.resolve(name + ".c");
            try (InputStream in = ProcessRenderingComparisonTest.class.getResourceAsStream(name + ".c")) {
                Files.copy(in, source);
            }
            Process gcc = new ProcessBuilder("gcc", "-O1", "-pthread", "-o", programs.resolve(name).toString(),
                    source.toString()).redirectErrorStream(true).start();
            String output = BoundedWait.outputWithin(gcc, 60);
            assertThat(gcc.exitValue()).as(output).isZero();
        }
    }

    @AfterAll
    static void printSummary() {
        System.out.println("Process, signal, time, memory and socket-option rendering compared with strace:");
        SUMMARY.forEach(s -> System.out.println("  " + s));
        if (TOTAL[0] > 0) {
            System.out.printf("  %-28s strace %5d calls: args identical %5.1f%%, returns identical %5.1f%%; masking"
                    + " what differs run to run: args %5.1f%%%n", "all", TOTAL[0], 100.0 * TOTAL[1] / TOTAL[0],
                    100.0 * TOTAL[2] / TOTAL[0], 100.0 * TOTAL[3] / TOTAL[0]);
        }
    }

    static Stream<Object[]> workloads() {
        String python = String.join("\n",
                "import array, os, socket",
                "srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                "srv.bind(('127.0.0.1', 0)); srv.listen(1)",
                "cli = socket.create_connection(srv.getsockname())",
                "cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)",
                "print(cli.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) > 0)",
                "conn, _ = srv.accept()",
                "cli.sendall(b'ping'); print(conn.recv(4)); cli.shutdown(socket.SHUT_WR)",
                "a, b = socket.socketpair()",
                "r, w = os.pipe()",
                "socket.send_fds(a, [b'fd'], [r, w])",
                "print(socket.recv_fds(b, 16, 4)[0])",
                "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))",
                "v = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "v.sendmsg([b'x'], [], 0, u.getsockname())",
                "print(u.recvmsg(8)[0])");
        String shell = "trap 'echo usr1' USR1; kill -USR1 $$; (exit 3); echo $?; sleep 0.01 & wait; ulimit -n";
        return Stream.of(
                new Object[] {"C threads+signals+children", List.of("@process"), false},
                new Object[] {"C sockets", List.of("@sockets"), false},
                new Object[] {"python3 sockets+fds", List.of("/usr/bin/python3", "-c", python), false},
                new Object[] {"sh trap+wait", List.of("/bin/sh", "-c", shell), false},
                new Object[] {"java -version", List.of(JAVA, "-Xshare:auto", "-version"), true},
                new Object[] {"java with a thread", List.of(JAVA, "-Xshare:auto", "-cp", CLASS_PATH,
                        ThreadedProgram.class.getName(), "@out"), true});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void rendersAsStraceDoes(String workload, List<String> template, boolean jvm, @TempDir Path dir)
            throws Exception {
        List<String> command = template.stream()
                .map(a -> a.equals("@out") ? dir.resolve("out.txt").toString()
                        : a.startsWith("@") ? programs.resolve(a.substring(1)).toString() : a)
                .collect(Collectors.toList());
        StraceComparison.Result r = StraceComparison.compare(workload, command, dir);
        // Pairs whose arguments differ only in what differs between two runs (the report lists each differing pair).
        long runToRun = r.differences().stream()
                .filter(d -> !args(d.strace()).equals(args(d.ours())) && masked(args(d.strace())).equals(
                        masked(args(d.ours())))).count();
        String summary = String.format("%s; masking what differs run to run: args %5.1f%%", r.summary(),
                r.straceCalls == 0 ? 100.0 : 100.0 * (r.sameArgs + runToRun) / r.straceCalls);
        if (jvm) {
            // A JVM's threads race: how far two strace runs of it differ is the floor no tracer can get under.
            StraceComparison.Result floor = StraceComparison.compareStraceWithItself(workload, command, dir);
            summary += String.format("; strace against itself: args %5.1f%%, returns %5.1f%%",
                    100 * floor.argumentShare(), 100 * floor.returnShare());
        }
        SUMMARY.add(summary);
        synchronized (TOTAL) {
            TOTAL[0] += r.straceCalls;
            TOTAL[1] += r.sameArgs;
            TOTAL[2] += r.sameReturn;
            TOTAL[3] += r.sameArgs + (int) runToRun;
        }
        List<String> report = new ArrayList<>();
        report.add(summary);
        report.add("syscalls that differed (pairs): " + r.differingSyscalls());
        List<String> broken = new ArrayList<>();
        for (StraceComparison.Difference d : r.differences()) {
            report.add("strace: " + d.strace());
            report.add("  ours: " + d.ours());
            String name = name(d.strace());
            // A call the process's end cut short ("= ?") returned on one side only: its arguments still count.
            boolean cutShort = d.strace().endsWith(") = ?") || d.ours().endsWith(") = ?")
                    // strace's own return unreadable: "-1 (errno 18446744073709551554)", a register it read
                    // mid-race in a thread being set up, no errno at all; its arguments are still the reference
                    || STRACE_NO_ERRNO.matcher(d.strace()).find();
            boolean sameFutexCall = name.equals(FUTEX) && opAndValue(d.strace()).equals(opAndValue(d.ours()));
            String theirs = jvm ? ANY_NUMBER.matcher(masked(d.strace())).replaceAll("N") : masked(d.strace());
            String ours = jvm ? ANY_NUMBER.matcher(masked(d.ours())).replaceAll("N") : masked(d.ours());
            if (sameFutexCall && !args(theirs).equals(args(ours))
                    || RENDERED_AS_STRACE.contains(name) && !(cutShort ? sameArgumentsAsFarAsShown(theirs, ours)
                    : theirs.equals(ours))) {
                broken.add("strace: " + d.strace() + "\n  ours: " + d.ours());
            }
        }
        Files.write(REPORTS.resolve("process-" + workload.replaceAll("\\W+", "_") + ".txt"), report);

        // Threads of a JVM start in any order: its calls pair less well than a single-threaded program's.
        assertThat(r.paired).as("calls paired with strace's").isGreaterThan(r.straceCalls / 2);
        assertThat(broken).as("calls of syscalls that must render exactly as strace's").isEmpty();
    }

    @Test
    void aCallCutShortIsComparedAsFarAsStracePrintedIt() {
        String cut = "rt_sigprocmask(SIG_SETMASK, [QUIT],  <unfinished ...>) = ?";
        assertThat(sameArgumentsAsFarAsShown(cut, "rt_sigprocmask(SIG_SETMASK, [QUIT], NULL, 8) = 0")).isTrue();
        assertThat(sameArgumentsAsFarAsShown(cut, "rt_sigprocmask(SIG_BLOCK, [QUIT], NULL, 8) = 0")).isFalse();
        assertThat(sameArgumentsAsFarAsShown("exit(0) = ?", "exit(1) = ?")).isFalse();
    }

    /** A line with what differs between two runs of a program masked. */
    static String masked(String line) {
        String t = line;
        for (Pattern p : RUN_TO_RUN) {
            t = p.matcher(t).replaceAll("$1=N");
        }
        t = UNPAIRED_CHILD_ARG.matcher(t).replaceAll("$1PID");
        t = UNPAIRED_CHILD_RET.matcher(t).replaceAll("$1PID");
        return INHERITED_QUIT.matcher(t).replaceAll("$1");
    }

    /**
     * Whether two lines of a call the process's end cut short show the same arguments. A side that printed
     * {@code <unfinished ...>} never showed the arguments decoded at the exit (rt_sigprocmask's old set, a
     * thread killed inside it by exit_group): what it did show must begin the other side's.
     */
    static boolean sameArgumentsAsFarAsShown(String theirs, String ours) {
        String a = args(theirs);
        String b = args(ours);
        int cutA = a.indexOf(UNFINISHED);
        int cutB = b.indexOf(UNFINISHED);
        if (cutA < 0 && cutB < 0) {
            return a.equals(b);
        }
        return cutA >= 0 ? b.startsWith(a.substring(0, cutA)) || cutB >= 0 && a.startsWith(b.substring(0, cutB))
                : a.startsWith(b.substring(0, cutB));
    }

    /** futex's operation and value, its second and third arguments: which call of the program it is. */
    private static String opAndValue(String line) {
        String[] parts = line.split(", ", 4);
        return parts.length > 2 ? parts[1] + ", " + parts[2].replaceFirst("\\).*", "") : "";
    }

    /** The argument part of a report line "name(args) = ret". */
    private static String args(String line) {
        int end = line.lastIndexOf(") = ");
        return end < 0 ? line : line.substring(0, end);
    }

    private static String name(String line) {
        int paren = line.indexOf('(');
        return paren < 0 ? line : line.substring(0, paren);
    }
}
