package dev.syscallassert.junit5.internal.cds;

import dev.syscallassert.junit5.internal.config.PlanConfiguration;
import dev.syscallassert.junit5.internal.wire.ChildCommandLine;
import dev.syscallassert.junit5.internal.wire.WorkDirectory;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A class data sharing archive (the JDK's dynamic AppCDS) of what a traced child JVM loads: JUnit's launcher and
 * engine, this extension, AssertJ. A child started with it maps those classes parsed and verified instead of
 * loading them one by one, which halves a fresh JVM's time to its test (about 440 ms to 240 ms here).
 *
 * <p>The archive is made once per java, JVM options and class path, by a JVM of its own that rehearses a test
 * ({@link ChildCommandLine#forRehearsal}) in the background while the first tests run without it, and is kept in a cache
 * directory for later builds ({@value PlanConfiguration#CDS_DIRECTORY}, default {@code ~/.cache/syscall-assert/cds}).
 * The JVM checks an archive against the jars it was made from and silently ignores it when one changed, so a stale
 * archive only costs the speed; one that was not used for 30 days is deleted. A rehearsal that fails leaves its output
 * in {@code NAME.failed.log} next to where the archive would be, and that archive is not tried again while the log is
 * there (30 days at most); one that another test JVM is making at the same time is left to it. On JDK 25 the archive
 * is an ahead-of-time cache instead (see {@code AOT_CACHE}).
 *
 * <p>One instance per test plan, in the root context's store: a dump still running when the plan ends is waited for
 * (it takes about a second), so that no JVM outlives the build. Test JVM only, on the tests' threads (synchronized)
 * and on the thread that closes the plan.
 *
 * <p>It is both a {@code Store.CloseableResource} and an {@link AutoCloseable} so that the plan closes it on every JUnit
 * 5.x: before 5.13 the store closes only {@code CloseableResource}s; 5.13 deprecates that interface and closes
 * {@code AutoCloseable}s instead (unless {@code junit.jupiter.extensions.store.close.autocloseable.enabled} is false).
 * {@link #close()} does nothing the second time, should both ever be honoured.
 */
@SuppressWarnings("deprecation") // CloseableResource, see above
public final class ClassDataArchive implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ClassDataArchive.class);
    /** Options with which the user chose their own class data sharing, or a class path the archive cannot describe. */
    private static final Pattern OWN_CHOICE = Pattern.compile(
            "-Xshare:.*|-XX:SharedArchiveFile=.*|-XX:ArchiveClassesAtExit=.*|-XX:[+-]AutoCreateSharedArchive"
                    + "|-XX:AOT.*|-XX:SharedClassListFile=.*|-XX:DumpLoadedClassList=.*|--module-path.*|-p"
                    + "|--upgrade-module-path.*|--patch-module.*|-Xbootclasspath.*");
    /** A rehearsal must not write coverage data or profiles of itself: agents run in the real children only. */
    private static final Pattern AGENT = Pattern.compile("-javaagent:.*|-agentlib:.*|-agentpath:.*");
    /**
     * JDK 25 makes an ahead-of-time cache in one run (JEP 514) that also holds classes linked and lambdas resolved:
     * a child starts in about 200 ms with it, 350 ms with a dynamic archive, 520 ms with neither. Older JDKs get the
     * dynamic archive (JDK 13 and later).
     */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final String SUFFIX = AOT_CACHE ? ".aot" : ".jsa";
    private static final Duration UNUSED_LIFETIME = Duration.ofDays(30);
    private static final Duration DUMP_WAIT_AT_END = Duration.ofSeconds(60);

    /** One command line's archive. */
    private static final class Entry {
        final ArchivableClassPath layout;
        /** The same java, options and class path entries: an archive of the family made from other jars is stale. */
        final String family;
        final Path archive;
        Process dump;
        WorkDirectory dumpWork;
        boolean failed;
        boolean touched;

        Entry(ArchivableClassPath layout, String family, Path archive) {
            this.layout = layout;
            this.family = family;
            this.archive = archive;
        }
    }

    private final Path directory;
    private final Map<ChildCommandLine, Optional<Entry>> entries = new HashMap<>();
    private boolean closed;
    private boolean swept;

    private ClassDataArchive(Path directory) {
        this.directory = directory;
    }

    /** The test plan's archives; empty when {@link PlanConfiguration#CDS} turned them off. */
    public static Optional<ClassDataArchive> of(ExtensionContext context, PlanConfiguration plan) {
        if (!plan.archiveEnabled()) {
            return Optional.empty();
        }
        Path directory = plan.archiveDirectory();
        return Optional.of(context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClassDataArchive.class, k -> new ClassDataArchive(directory),
                        ClassDataArchive.class));
    }

    /**
     * The command line to start a child with: with the archive when it is there and the class path can be laid out for
     * it; unchanged otherwise, and then the archive is made for the next children.
     */
    public synchronized ChildCommandLine withArchive(ChildCommandLine commandLine) {
        if (closed) {
            return commandLine;
        }
        Optional<Entry> found = entries.computeIfAbsent(commandLine, this::entry);
        if (found.isEmpty()) {
            return commandLine;
        }
        Entry entry = found.get();
        collect(entry);
        if (Files.isRegularFile(entry.archive)) {
            entry.layout.ensureCopies();
            if (!entry.touched) {
                touch(entry.archive);
                entry.touched = true;
            }
            // a stale archive is not worth a warning on the test's output: the JVM just loads as usual
            return commandLine.withClassPath(entry.layout.classPath()).withJvmOptionsAdded(AOT_CACHE
                    ? List.of("-XX:AOTCache=" + entry.archive, "-Xlog:aot=off", "-Xlog:cds=off")
                    : List.of("-XX:SharedArchiveFile=" + entry.archive, "-Xshare:auto", "-Xlog:cds=off",
                            "-Xlog:cds+dynamic=off"));
        }
        if (entry.dump == null && !entry.failed && !Files.exists(failureLog(entry)) && !dumpingElsewhere(entry)) {
            startDump(commandLine, entry);
        }
        return commandLine;
    }

    /** Where a failed rehearsal leaves its output; while it is there, the same archive is not tried again. */
    private Path failureLog(Entry entry) {
        return directory.resolve(entry.archive.getFileName() + ".failed.log");
    }

    /**
     * Whether another test JVM (a parallel build, another fork) is making this archive now: its work directory is
     * there and young. It will be there for the next plan; one rehearsal is enough.
     */
    private boolean dumpingElsewhere(Entry entry) {
        Instant recent = Instant.now().minus(Duration.ofMinutes(10));
        try (DirectoryStream<Path> dumps = Files.newDirectoryStream(directory,
                entry.archive.getFileName() + ".dump-*")) {
            for (Path d : dumps) {
                if (Files.getLastModifiedTime(d).toInstant().isAfter(recent)) {
                    return true;
                }
            }
        } catch (IOException e) {
            // then make it here
        }
        return false;
    }

    private Optional<Entry> entry(ChildCommandLine commandLine) {
        if (commandLine.jvmOptions().stream().anyMatch(a -> OWN_CHOICE.matcher(a).matches())) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            return Optional.empty();
        }
        return ArchivableClassPath.of(commandLine.classPath(), directory).map(layout -> {
            MessageDigest digest = ArchivableClassPath.sha256();
            digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
            for (String a : commandLine.toList()) {
                if (!a.startsWith("-D")) { // properties do not decide whether an archive fits; VM options can
                    digest.update(a.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            }
            String family = ArchivableClassPath.hex(digest);
            MessageDigest contents = ArchivableClassPath.sha256();
            layout.fingerprint(contents);
            return new Entry(layout, family, directory.resolve(family + "-" + ArchivableClassPath.hex(contents)
                    + SUFFIX));
        });
    }

    /**
     * Starts a JVM like the children, on the archived part of the class path only, that rehearses a traced test and
     * writes the archive when it exits. Its output goes to a log in its work directory, kept when it fails.
     */
    private void startDump(ChildCommandLine commandLine, Entry entry) {
        sweepOnce();
        WorkDirectory work = null;
        try {
            work = WorkDirectory.createIn(directory, entry.archive.getFileName() + ".dump-");
            ChildCommandLine rehearsal = commandLine.withClassPath(entry.layout.archivedClassPath())
                    .withJvmOptionsRemoved(a -> AGENT.matcher(a).matches());
            if (Runtime.version().feature() == 25) {
                // Method profiles of the rehearsal (JEP 515) start no test sooner, but their compilations compete
                // with the test body's: a 20,000-syscall body ran 1.2-1.3 times slower. (A diagnostic flag, so only
                // where it was checked; a later JDK that refused it would only make no cache.)
                rehearsal = rehearsal.withJvmOptionsAdded(List.of("-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-AOTRecordTraining"));
            }
            Path made = work.path().resolve("archive" + SUFFIX);
            rehearsal = rehearsal.withJvmOptionsAdded(List.of(
                    (AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + made));
            List<String> command = rehearsal.forRehearsal(work).command(work);
            entry.dumpWork = work;
            entry.dump = new ProcessBuilder(command).directory(work.path().toFile())
                    .redirectErrorStream(true).redirectOutput(work.path().resolve("dump.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException | RuntimeException e) {
            entry.failed = true;
            if (work != null) {
                work.delete();
            }
        }
    }

    /** A finished dump's archive moves into place; a failed one leaves its log next to where the archive would be. */
    private void collect(Entry entry) {
        if (entry.dump == null || entry.dump.isAlive()) {
            return;
        }
        Path made = entry.dumpWork.path().resolve("archive" + SUFFIX);
        try {
            if (entry.dump.exitValue() == 0 && Files.isRegularFile(made)) {
                Files.move(made, entry.archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                ArchivableClassPath.deleteOthers(directory, entry.family + "-", SUFFIX, entry.archive);
            } else {
                entry.failed = true;
                Files.move(entry.dumpWork.path().resolve("dump.log"), failureLog(entry), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            entry.failed = true;
        }
        entry.dumpWork.delete();
        entry.dump = null;
    }

    /** Archives and copies nobody used for a month go; so do the leftovers of dumps killed long ago. */
    private void sweepOnce() {
        if (swept) {
            return;
        }
        swept = true;
        Instant unused = Instant.now().minus(UNUSED_LIFETIME);
        Instant abandoned = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Instant modified = Files.getLastModifiedTime(f).toInstant();
                if ((name.endsWith(".jsa") || name.endsWith(".aot") || name.endsWith(".jar") || name.endsWith(".log"))
                        && modified.isBefore(unused)) {
                    Files.deleteIfExists(f);
                } else if ((name.contains(".dump-") || name.endsWith(".partial")) && modified.isBefore(abandoned)) {
                    WorkDirectory.at(f).delete(); // a rehearsal's work directory, or a jar copy's partial file
                }
            }
        } catch (IOException e) {
            // a cache that cannot be swept only takes more room
        }
    }

    /** Marks an archive as used, for {@link #sweepOnce}; its copies of class directories with it. */
    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // then it may be swept and made again
        }
    }

    /** The plan has ended: a dump still running is waited for, since the next build would only start it again. */
    @Override
    public void close() {
        List<Entry> running = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Optional<Entry> e : entries.values()) {
                e.filter(x -> x.dump != null).ifPresent(running::add);
            }
        }
        for (Entry e : running) {
            try {
                if (!e.dump.waitFor(DUMP_WAIT_AT_END.toMillis(), TimeUnit.MILLISECONDS)) {
                    e.dump.destroyForcibly().waitFor();
                }
            } catch (InterruptedException interrupted) {
                e.dump.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                collect(e);
            }
        }
    }
}
