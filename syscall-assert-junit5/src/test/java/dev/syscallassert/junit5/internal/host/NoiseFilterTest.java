package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;
import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceEvent;
import dev.syscallassert.core.linux.Signals;
import dev.syscallassert.core.xlat.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep the JVM's own calls out of a test's trace, on hand-made events (the walks on real paths, since
 * what realpath reads depends on the file system). Each hidden call must be hidden for what it is, and each of these
 * look-alikes the code could make must stay visible.
 */
class NoiseFilterTest {

    private static final long O_RDONLY = Constants.value("open_access", "O_RDONLY");
    private static final long O_WRONLY_CREAT_TRUNC = Constants.value("open_access", "O_WRONLY")
            | Constants.value("open_flags", "O_CREAT") | Constants.value("open_flags", "O_TRUNC");
    private static final long CLONE_THREAD = Constants.value("clone_flags", "CLONE_THREAD");
    private static final long CLONE_VM_VFORK = Constants.value("clone_flags", "CLONE_VM")
            | Constants.value("clone_flags", "CLONE_VFORK");

    /** The traced JVM's pid in these events; a process it starts is 200. */
    private static final int JVM = 100;
    private final Path work = Path.of("/tmp/syscall-assert-123");
    private final NoiseFilter filter = new NoiseFilter("/opt/jdk", List.of("/app/classes", "/app/lib/dep.jar", ""),
            work);

    private static SyscallEvent.Builder call(String syscall) {
        return SyscallEvent.builder().pid(100).tid(100).thread("java").syscall(syscall).finished(true);
    }

    private static SyscallEvent read(String thread, String path) {
        return call("openat").thread(thread).path(path).openFlags(O_RDONLY).returnValue(3).build();
    }

    private static SyscallEvent write(String path) {
        return call("openat").path(path).openFlags(O_WRONLY_CREAT_TRUNC).returnValue(3).build();
    }

    private static SyscallEvent stat(String path) {
        return call("newfstatat").path(path).build();
    }

    private static SyscallEvent readlink(String path) {
        return call("readlink").path(path).returnValue(-22).errno("EINVAL").build();
    }

    private NoiseRule ruleOf(SyscallEvent e) {
        return filter.classify(List.of(e), JVM)[0];
    }

    private static List<String> names(NoiseRule[] rules) {
        return Arrays.stream(rules).map(r -> r == null ? "visible" : r.ruleName()).collect(Collectors.toList());
    }

    @Test
    void eachKindOfJvmCallIsHiddenByItsRule() {
        assertThat(ruleOf(read("C2 CompilerThre", "/sys/fs/cgroup/memory.max"))).isEqualTo(NoiseRule.JVM_THREAD);
        assertThat(ruleOf(write(work.resolve("result.bin").toString()))).isEqualTo(NoiseRule.HARNESS_FILE);
        assertThat(ruleOf(read("java", "/opt/jdk/lib/libnio.so"))).isEqualTo(NoiseRule.JAVA_HOME);
        assertThat(ruleOf(stat("/app/classes/com/example/Foo.class"))).isEqualTo(NoiseRule.CLASS_LOOKUP);
        assertThat(ruleOf(read("java", "/app/classes/com/example/Foo$1.class"))).isEqualTo(NoiseRule.CLASS_LOOKUP);
        assertThat(ruleOf(stat("/app/lib/dep.jar"))).isEqualTo(NoiseRule.CLASS_PATH_ENTRY);
        assertThat(ruleOf(call("pread64").fdPath("/app/lib/dep.jar").build()))
                .as("reading classes out of the jar").isEqualTo(NoiseRule.CLASS_PATH_ENTRY);
        assertThat(ruleOf(stat("/app/classes/META-INF/services/x.Provider")))
                .isEqualTo(NoiseRule.CLASS_PATH_METADATA);
        assertThat(ruleOf(stat(Path.of("META-INF/services/x.Provider").toAbsolutePath().toString())))
                .as("an empty class path entry is the working directory").isEqualTo(NoiseRule.CLASS_PATH_METADATA);
        assertThat(ruleOf(read("java", "/proc/net/if_inet6"))).isEqualTo(NoiseRule.JDK_PROBE);
    }

    @Test
    void whatTheCodeDoesToTheSameKindsOfFilesIsSeen() {
        assertThat(ruleOf(write("/tmp/junit-1/built.jar"))).as("a jar the test writes").isNull();
        assertThat(ruleOf(write("/tmp/junit-1/Generated.class"))).as("a class file the test writes").isNull();
        assertThat(ruleOf(read("java", "/tmp/junit-1/built.jar"))).as("a jar that is not on the class path")
                .isNull();
        assertThat(ruleOf(read("java", "/tmp/junit-1/Generated.class"))).isNull();
        assertThat(ruleOf(write("/app/classes/com/example/Foo.class"))).as("a write into a class-path directory")
                .isNull();
        assertThat(ruleOf(write("/app/lib/dep.jar"))).as("a write to a class-path jar").isNull();
        assertThat(ruleOf(write("/opt/jdk/lib/security/cacerts"))).as("a write into java.home").isNull();
        assertThat(ruleOf(call("unlink").path("/opt/jdk/release").build())).isNull();
        assertThat(ruleOf(read("worker-1", "/app/classes/config.properties")))
                .as("a resource the test reads from its class path").isNull();
        assertThat(ruleOf(read("java", "/etc/hosts"))).isNull();
        assertThat(ruleOf(read("java", "/opt/jdkother/file"))).isNull();
        assertThat(ruleOf(call("openat").path("/opt/jdk/lib/libnio.so").build()))
                .as("an open whose flags are unknown is not taken for a look").isNull();
        assertThat(ruleOf(call("connect").address("127.0.0.1:80").build())).isNull();
    }

    @Test
    void theWalkOfAClassPathEntryIsHiddenAndOnlyThat(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(Files.createDirectories(dir.resolve("repository/org/lib/1.0")).resolve("lib.jar"));
        NoiseFilter noise = new NoiseFilter("/opt/jdk", List.of(jar.toString()), work);
        List<SyscallEvent> walk = new ArrayList<>();
        for (String p : RealpathWalk.of(jar.toString())) {
            walk.add(readlink(p));
        }
        assertThat(walk.get(0).path()).as("realpath starts at the root").contains("/tmp");
        List<SyscallEvent> events = new ArrayList<>(walk);
        events.add(stat(jar.toString()));
        assertThat(names(noise.classify(events, JVM))).containsOnly("jvm-canonicalisation", "class-path-entry");

        assertThat(names(noise.classify(walk.subList(0, walk.size() - 1), JVM)))
                .as("a canonicalisation of the entry's directory, not the entry: the code's").containsOnly("visible");
        assertThat(names(noise.classify(List.of(readlink(dir.toString())), JVM))).containsOnly("visible");

        List<SyscallEvent> interleaved = new ArrayList<>(walk);
        interleaved.add(2, call("openat").path("/etc/hosts").openFlags(O_RDONLY).build());
        assertThat(names(noise.classify(interleaved, JVM)))
                .as("a call between the readlinks: no single realpath").contains("visible");

        List<SyscallEvent> otherThread = new ArrayList<>(walk);
        otherThread.add(2, call("openat").tid(101).thread("worker").path("/etc/hosts").openFlags(O_RDONLY).build());
        assertThat(names(noise.classify(otherThread, JVM)).subList(0, 2)).containsOnly("jvm-canonicalisation");
    }

    @Test
    void aWalkThroughASymbolicLinkIsRecognisedAsTheEntrysWalk(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.createFile(real.resolve("lib.jar"));
        Files.createSymbolicLink(dir.resolve("m2"), real);
        String entry = dir.resolve("m2/lib.jar").toString();
        List<String> paths = RealpathWalk.of(entry);
        assertThat(paths).as("the link, then its target from the root").contains(dir.resolve("m2").toString(),
                real.resolve("lib.jar").toString());
        List<SyscallEvent> walk = new ArrayList<>();
        for (String p : paths) {
            boolean link = p.equals(dir.resolve("m2").toString());
            walk.add(link ? call("readlink").path(p).returnValue(real.toString().length()).build() : readlink(p));
        }
        NoiseFilter noise = new NoiseFilter("/opt/jdk", List.of(entry), work);
        assertThat(names(noise.classify(walk, JVM))).containsOnly("jvm-canonicalisation");
    }

    @Test
    void aMissingEntrysWalkAndTheJdksRetryOnItsParentAreHidden(@TempDir Path dir) {
        String missing = dir.resolve("target/classes").toString();
        NoiseFilter noise = new NoiseFilter("/opt/jdk", List.of(missing), work);
        List<String> full = RealpathWalk.of(missing);
        assertThat(full).last().isEqualTo(dir.resolve("target").toString()); // stops at the missing component
        List<SyscallEvent> events = new ArrayList<>();
        for (String p : full) {
            events.add(readlink(p));
        }
        for (String p : full.subList(0, full.size() - 1)) {
            events.add(readlink(p)); // the JDK's realpath of the parent
        }
        assertThat(names(noise.classify(events, JVM))).containsOnly("jvm-canonicalisation");
    }

    @Test
    void theWalkOfAPathInJavaHomeIsHidden() {
        String home = System.getProperty("java.home");
        NoiseFilter noise = new NoiseFilter(home, List.of(), work);
        List<SyscallEvent> events = new ArrayList<>();
        for (String p : RealpathWalk.of(home + "/lib/libzip.so")) {
            events.add(readlink(p));
        }
        assertThat(names(noise.classify(events, JVM))).containsOnly("jvm-canonicalisation");
        assertThat(names(noise.classify(events.subList(0, 2), JVM))).as("only its first directories").containsOnly(
                "visible");
    }

    @Test
    void jspawnhelpersOwnStartIsHiddenTheProcessAndItsProgramAreNot() {
        String helper = "/opt/jdk/lib/jspawnhelper";
        List<SyscallEvent> events = List.of(
                call("clone3").cloneFlags(CLONE_VM_VFORK).returnValue(200).build(),
                call("execve").pid(200).tid(200).thread("jspawnhelper").path(helper).returnValue(0).build(),
                call("openat").pid(200).tid(200).thread("jspawnhelper").path("/etc/ld.so.cache")
                        .openFlags(O_RDONLY).returnValue(3).build(),
                call("openat").pid(200).tid(200).thread("jspawnhelper").path("/proc/self/fd")
                        .openFlags(O_RDONLY).returnValue(4).build(),
                call("execve").pid(200).tid(200).thread("jspawnhelper").path("/usr/local/bin/true")
                        .returnValue(-2).errno("ENOENT").build(),
                call("execve").pid(200).tid(200).thread("true").path("/usr/bin/true").returnValue(0).build(),
                call("openat").path("/proc/200/stat").openFlags(O_RDONLY).returnValue(5).build(),
                call("newfstatat").fdPath("/proc/200/stat").path("/proc/200/stat").build(),
                call("openat").pid(200).tid(200).thread("true").path("/etc/ld.so.cache").openFlags(O_RDONLY)
                        .returnValue(3).build(),
                call("openat").path("/tmp/out.txt").openFlags(O_WRONLY_CREAT_TRUNC).returnValue(6).build(),
                call("openat").path("/proc/200/stat").openFlags(O_RDONLY).returnValue(5).build());
        assertThat(names(filter.classify(events, JVM))).containsExactly(
                "visible", // the code started a process
                "jdk-spawn-helper", "jdk-spawn-helper", "jdk-spawn-helper",
                "visible", // the PATH search for the code's program
                "visible", // the program
                "jdk-child-probe", "jdk-child-probe", // the JDK's start time of its new child
                "visible", // the program's own loader
                "visible", // the spawning thread's next call of its own
                "visible"); // so a later read of the same file is the code's
    }

    @Test
    void aProgramTheCodeStartsIsTheCodesAllOfItEvenAnotherJvm() {
        List<SyscallEvent> events = List.of(
                call("clone3").cloneFlags(CLONE_VM_VFORK).returnValue(200).build(),
                call("execve").pid(200).tid(200).thread("java").path("/opt/jdk/bin/java").returnValue(0).build(),
                call("openat").pid(200).tid(200).thread("java").path("/opt/jdk/lib/modules").openFlags(O_RDONLY)
                        .returnValue(3).build(),
                call("openat").pid(200).tid(201).thread("C1 CompilerThre").path("/proc/self/stat")
                        .openFlags(O_RDONLY).returnValue(4).build(),
                call("newfstatat").pid(200).tid(200).thread("java").path("/app/lib/dep.jar").build(),
                call("clone3").pid(200).tid(200).thread("java").cloneFlags(CLONE_VM_VFORK).returnValue(300).build(),
                call("execve").pid(300).tid(300).thread("jspawnhelper").path("/opt/jdk/lib/jspawnhelper")
                        .returnValue(0).build(),
                call("openat").pid(300).tid(300).thread("jspawnhelper").path("/etc/ld.so.cache")
                        .openFlags(O_RDONLY).returnValue(3).build());
        assertThat(names(filter.classify(events, JVM))).containsOnly("visible");
        assertThat(names(filter.classify(events.subList(2, 3), 200))).as("the same calls in the traced JVM")
                .containsOnly("java-home");
    }

    @Test
    void aThreadsCreationIsNoProcessAndHasNoProbe() {
        List<SyscallEvent> events = List.of(
                call("clone3").cloneFlags(CLONE_THREAD | CLONE_VM_VFORK).returnValue(300).build(),
                call("openat").path("/proc/300/stat").openFlags(O_RDONLY).returnValue(5).build());
        assertThat(names(filter.classify(events, JVM))).containsOnly("visible");
    }

    @Test
    void eachRuleHasANameAndAReason() {
        assertThat(NoiseRule.values()).extracting(NoiseRule::ruleName).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z][a-z-]*"));
        assertThat(NoiseRule.values()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }

    @Test
    void markingHidesTheEventsAndSaysByWhichRule() {
        NoiseFilter.Marked marked = filter.mark(List.of(read("GC Thread#1", "/proc/self/stat"),
                read("java", "/etc/hosts")), JVM);
        assertThat(marked.timeline()).extracting(TraceEvent::harness).containsExactly(true, false);
        assertThat(marked.rules()).containsExactly(NoiseRule.JVM_THREAD, null);
    }

    private static SignalEvent.Builder signal(String name, String group, String code) {
        return SignalEvent.builder().pid(JVM).tid(JVM + 5).thread("Test worker")
                .signal(Signals.number(name), name).code(Constants.intValue(group, code), code)
                .siginfo("{si_signo=" + name + ", si_code=" + code + "}");
    }

    @Test
    void aFaultInTheJvmIsItsOwnOnAnyThreadButNotInAProcessItStarted() {
        SignalEvent pollOnTheTestsThread = signal("SIGSEGV", "sigsegv_code", "SEGV_ACCERR").faultAddress(0x7f00L)
                .build();
        assertThat(NoiseFilter.ruleOf(pollOnTheTestsThread, JVM)).isEqualTo(NoiseRule.JVM_FAULT);
        assertThat(NoiseFilter.ruleOf(pollOnTheTestsThread.toBuilder().pid(200).tid(200).build(), JVM))
                .as("a program the test started crashed: that is the test's").isNull();
    }

    @Test
    void aSignalToOneJvmThreadIsTheJvmsOnlyWhenThatThreadIsOneOfItsOwn() {
        SignalEvent toTheVmThread = signal("SIGUSR2", "siginfo_code", "SI_TKILL").thread("VM Thread").senderPid(JVM)
                .build();
        assertThat(NoiseFilter.ruleOf(toTheVmThread, JVM)).isEqualTo(NoiseRule.JVM_THREAD);
        assertThat(NoiseFilter.ruleOf(toTheVmThread.toBuilder().thread("Test worker").build(), JVM))
                .as("the test's own thread signalled").isNull();
        SignalEvent killToTheProcess = signal("SIGTERM", "siginfo_code", "SI_USER").thread("VM Thread").senderPid(1)
                .build();
        assertThat(NoiseFilter.ruleOf(killToTheProcess, JVM))
                .as("a process-directed signal lands on any thread: which one says nothing").isNull();
        SignalEvent sigchld = signal("SIGCHLD", "sigchld_code", "CLD_EXITED").thread("GC Thread#0").build();
        assertThat(NoiseFilter.ruleOf(sigchld, JVM)).isNull();
    }

    @Test
    void theEndOfAJvmThreadIsItsOwnTheEndOfAProcessOrOfTheTestsThreadIsNot() {
        assertThat(NoiseFilter.ruleOf(ProcessExit.exited(JVM, JVM + 7, "C2 CompilerThre", 0, 0), JVM))
                .isEqualTo(NoiseRule.JVM_THREAD);
        assertThat(NoiseFilter.ruleOf(ProcessExit.exited(JVM, JVM + 8, "", 0, 0), JVM))
                .as("never stopped while traced, so never named itself").isEqualTo(NoiseRule.JVM_THREAD);
        assertThat(NoiseFilter.ruleOf(ProcessExit.exited(JVM, JVM + 9, "Thread-0", 0, 0), JVM)).isNull();
        assertThat(NoiseFilter.ruleOf(ProcessExit.exited(200, 201, "", 0, 0), JVM))
                .as("a thread of a program the test started").isNull();
        assertThat(NoiseFilter.ruleOf(ProcessExit.exited(200, 200, "VM Thread", 0, 0), JVM))
                .as("a process").isNull();
    }

    @Test
    void markingGoesPlaceByPlaceThroughCallsSignalsAndEnds() {
        List<TraceEvent> timeline = List.of(read("java", "/etc/hosts"),
                signal("SIGSEGV", "sigsegv_code", "SEGV_MAPERR").faultAddress(0L).build(),
                ProcessExit.exited(JVM, JVM + 7, "GC Thread#2", 0, 0),
                read("GC Thread#1", "/proc/self/stat"),
                signal("SIGCHLD", "sigchld_code", "CLD_EXITED").build());
        NoiseFilter.Marked marked = filter.mark(timeline, JVM);
        assertThat(marked.rules()).containsExactly(null, NoiseRule.JVM_FAULT, NoiseRule.JVM_THREAD,
                NoiseRule.JVM_THREAD, null);
        assertThat(marked.timeline()).extracting(TraceEvent::harness).containsExactly(false, true, true, true, false);
        assertThat(marked.trace().signals()).extracting(SignalEvent::signal).containsExactly("SIGCHLD");
        assertThat(marked.trace().exits()).isEmpty();
    }

    @Test
    void aStoppedJvmsOwnThreadsStopsAreItsOwnTheTestThreadsIsNot() {
        List<TraceEvent> timeline = List.of(GroupStop.of(JVM, JVM + 7, "GC Thread#2", Signals.SIGSTOP, "SIGSTOP", 0),
                GroupStop.of(JVM, JVM + 9, "Thread-0", Signals.SIGSTOP, "SIGSTOP", 0),
                GroupStop.of(200, 200, "sleep", Signals.SIGSTOP, "SIGSTOP", 0));
        NoiseFilter.Marked marked = filter.mark(timeline, JVM);
        assertThat(marked.rules()).containsExactly(NoiseRule.JVM_THREAD, null, null);
        assertThat(marked.trace().groupStops()).extracting(GroupStop::tid).containsExactly(JVM + 9, 200);
        assertThat(marked.trace().allGroupStops()).hasSize(3);
    }
}
