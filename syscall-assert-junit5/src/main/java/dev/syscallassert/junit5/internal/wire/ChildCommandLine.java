package dev.syscallassert.junit5.internal.wire;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A child JVM's command line as a value: its JVM options, class path, main class and program arguments. The test JVM
 * builds it and hands it to java in an {@code @argfile} ({@link #command}), because a Maven class path easily passes
 * the kernel's 128 KiB limit for one argument; the child's {@code main} reads its end with {@link #parse}.
 *
 * <p>Without program arguments it names how a child is started, whatever its test: two tests whose command lines are
 * equal can run in children started alike, which is what lets a spare child started ahead serve the next test.
 */
public record ChildCommandLine(List<String> jvmOptions, String classPath, String mainClass,
                               List<String> programArguments) {

    /**
     * The main class of every child JVM. A name, not a class literal: the test JVM's side starts it but never links
     * against the child's code (ChildCommandLineTest checks the name).
     */
    public static final String CHILD_MAIN = "dev.syscallassert.junit5.internal.child.ChildMain";

    /**
     * The first program argument of a JVM that only rehearses a test so that its loaded classes can be archived at its
     * exit; it is not traced and runs no test of the user's.
     */
    private static final String REHEARSAL = "--rehearse-for-class-data-archive";

    /** The first program argument of a worker JVM, which runs one test after another; its work directory follows. */
    private static final String WORKER = "--worker";

    private static final String JAVA_AGENT = "-javaagent:";
    private static final String BOOT_CLASS_PATH_APPENDED = "-Xbootclasspath/a:";

    public ChildCommandLine {
        jvmOptions = List.copyOf(jvmOptions);
        programArguments = List.copyOf(programArguments);
    }

    /** The command line of a child that has yet to be given its work directory. */
    public static ChildCommandLine of(List<String> jvmOptions, String classPath, String mainClass) {
        return new ChildCommandLine(jvmOptions, classPath, mainClass, List.of());
    }

    public ChildCommandLine withClassPath(String otherClassPath) {
        return new ChildCommandLine(jvmOptions, otherClassPath, mainClass, programArguments);
    }

    /** These options after the others, so that they win where java lets the last one win. */
    public ChildCommandLine withJvmOptionsAdded(List<String> more) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(more);
        return new ChildCommandLine(all, classPath, mainClass, programArguments);
    }

    public ChildCommandLine withJvmOptionsRemoved(Predicate<String> removed) {
        List<String> kept = new ArrayList<>(jvmOptions);
        kept.removeIf(removed);
        return new ChildCommandLine(kept, classPath, mainClass, programArguments);
    }

    /** A child that runs a test and shares {@code work} with the test JVM. */
    public ChildCommandLine forTest(WorkDirectory work) {
        return new ChildCommandLine(jvmOptions, classPath, mainClass, List.of(absolute(work)));
    }

    /** A worker that runs one test after another, each asked for with the marker "next", sharing {@code work}. */
    public ChildCommandLine forWorker(WorkDirectory work) {
        return new ChildCommandLine(jvmOptions, classPath, mainClass, List.of(WORKER, absolute(work)));
    }

    /** A JVM that rehearses a traced test untraced, in {@code work}, for a class data archive. */
    public ChildCommandLine forRehearsal(WorkDirectory work) {
        return new ChildCommandLine(jvmOptions, classPath, mainClass, List.of(REHEARSAL, absolute(work)));
    }

    private static String absolute(WorkDirectory work) {
        return work.path().toAbsolutePath().toString();
    }

    /**
     * The files the child's class loaders read classes from, as this command line names them: the class path's
     * entries (an empty one is the working directory), each {@code -javaagent} jar (the JVM appends it to the class
     * path) and the entries of {@code -Xbootclasspath/a}.
     */
    public List<String> classLoaderEntries() {
        List<String> entries = new ArrayList<>(List.of(classPath.split(File.pathSeparator, -1)));
        for (String option : jvmOptions) {
            if (option.startsWith(JAVA_AGENT)) {
                String agent = option.substring(JAVA_AGENT.length());
                int options = agent.indexOf('='); // the JVM splits at the first '=': the agent's own options follow
                entries.add(options < 0 ? agent : agent.substring(0, options));
            } else if (option.startsWith(BOOT_CLASS_PATH_APPENDED)) {
                entries.addAll(List.of(option.substring(BOOT_CLASS_PATH_APPENDED.length()).split(File.pathSeparator)));
            }
        }
        return entries;
    }

    /** The arguments after {@code java}, in java's order. */
    public List<String> toList() {
        List<String> args = new ArrayList<>(jvmOptions);
        args.add("-cp");
        args.add(classPath);
        args.add(mainClass);
        args.addAll(programArguments);
        return args;
    }

    /**
     * Test JVM: the command that starts it, the test JVM's own java with an argument file in {@code work} that holds
     * {@link #toList()}.
     */
    public List<String> command(WorkDirectory work) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String a : toList()) {
            text.append(quote(a)).append('\n');
        }
        Files.writeString(work.argFile(), text, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "@" + work.argFile().toAbsolutePath());
    }

    /** Quoting for java's @argfiles: inside double quotes, a backslash escapes the next character. */
    private static String quote(String arg) {
        StringBuilder b = new StringBuilder(arg.length() + 2).append('"');
        for (char c : arg.toCharArray()) {
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '"': b.append("\\\""); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Child: what its {@code main} was given, {@link #forTest}, {@link #forWorker} or {@link #forRehearsal}. */
    public static ProgramArguments parse(String[] args) {
        if (args[0].equals(REHEARSAL) || args[0].equals(WORKER)) {
            return new ProgramArguments(args[0].equals(REHEARSAL), args[0].equals(WORKER),
                    WorkDirectory.at(Path.of(args[1])));
        }
        return new ProgramArguments(false, false, WorkDirectory.at(Path.of(args[0])));
    }

    /** The child's end of {@link #programArguments()}: {@link #forTest}, {@link #forWorker}, {@link #forRehearsal}. */
    public record ProgramArguments(boolean rehearsal, boolean worker, WorkDirectory workDirectory) {
    }
}
