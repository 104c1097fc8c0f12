package dev.syscallassert.junit5.internal.host;

/**
 * Why a call, signal or end in a traced test's window is the JVM's or the harness's and not the code under test's:
 * each hidden entry is hidden by exactly one of these (the first that applies, in this order), and the report names
 * it. A rule says what a call IS (made by a JVM thread, a look at a class-path entry, part of the JDK's process start), never what
 * its file is called: {@code built.jar} written by the test is the test's. The README's table lists the same rules.
 */
public enum NoiseRule {

    JVM_THREAD("jvm-thread", "made by a thread no test code runs on: the JVM's own (compiler, garbage collector, VM "
            + "operations, reference handling, the process reaper), a JDK or JNA housekeeping thread, or the harness's; "
            + "also a signal sent to one such thread alone, and the end of one (or of a thread that never stopped while "
            + "traced: every Java thread names itself, so these started before the test's filter)"),
    EARLIER_TEST_THREAD("earlier-test-thread", "made by a thread (or a process) that already ran when this test was "
            + "handed to its worker JVM, which runs one test after another: left running by an earlier test (or "
            + "started by an agent before it), not by this test; also a signal sent to one such thread alone, and its "
            + "end"),
    JVM_FAULT("jvm-fault", "a fault the kernel signalled in the traced JVM (SIGSEGV, SIGBUS, SIGFPE or SIGILL with a "
            + "fault address), on any thread: HotSpot's safepoint polls, implicit null checks and stack banging, "
            + "handled inside the JVM (one it cannot handle ends the JVM, and the test fails with that crash)"),
    HARNESS_FILE("harness-file", "the harness's own files in the child's work directory: its request, snapshot and "
            + "outcome"),
    JDK_SPAWN_HELPER("jdk-spawn-helper", "the JDK's jspawnhelper starting up between its own execve and the execve of "
            + "the program the code started: its loader's opens, its closing of descriptors (the process creation "
            + "and every execve of the program, the PATH search included, stay visible)"),
    JDK_CHILD_PROBE("jdk-child-probe", "the JDK reading /proc/PID/stat of the process the same thread has just "
            + "created, for the start time of its ProcessHandle"),
    CANONICALISATION("jvm-canonicalisation", "realpath of a class-path entry (or of the ancestors of a missing one) "
            + "or of a path in java.home, one readlink per directory from the root: the class loader opening a "
            + "class-path entry for the first time, System.loadLibrary"),
    CLASS_PATH_ENTRY("class-path-entry", "the class loader looking at or reading a class-path entry itself (a jar, a "
            + "directory, a -javaagent jar): stat, open for reading, reads through its descriptor"),
    CLASS_LOOKUP("class-lookup", "the class loader looking for a class file in a class-path directory (stat, open "
            + "for reading)"),
    CLASS_PATH_METADATA("class-path-metadata", "the class loader and ServiceLoader looking in META-INF of a "
            + "class-path directory"),
    JAVA_HOME("java-home", "the JDK reading its own installation: libraries, the modules image, time-zone and "
            + "security files (reads only: a write there is shown)"),
    JDK_PROBE("jdk-probe", "a file the JDK reads by itself the first time any code uses the network (its IPv6 "
            + "detection)");

    private final String ruleName;
    private final String reason;

    NoiseRule(String ruleName, String reason) {
        this.ruleName = ruleName;
        this.reason = reason;
    }

    /** The name reports use ({@code hidden_by} in the .jsonl). */
    public String ruleName() {
        return ruleName;
    }

    /** In words, what the calls this rule hides are. */
    public String reason() {
        return reason;
    }
}
