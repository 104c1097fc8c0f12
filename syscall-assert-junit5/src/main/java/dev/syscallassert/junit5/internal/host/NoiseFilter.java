package dev.syscallassert.junit5.internal.host;

import dev.syscallassert.SyscallEvent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which calls in a traced test's window are the JVM's or the harness's rather than the code under test, and
 * marks them {@linkplain SyscallEvent#harness() harness} so that assertions do not see them (the report still shows
 * them). A test that does no I/O must see an empty trace, whatever the JVM does meanwhile.
 */
public final class NoiseFilter {

    /**
     * Names of HotSpot's own threads as the kernel knows them ({@code /proc/TID/comm}, cut at 15 bytes), and of the
     * JDK's and JNA's housekeeping threads. Prefixes, because GC and compiler threads are numbered.
     */
    private static final List<String> JVM_THREAD_PREFIXES = List.of(
            "C1 CompilerThre", "C2 CompilerThre", "GC Thread#", "G1 ", "VM Thread", "VM Periodic Tas",
            "Signal Dispatch", "Finalizer", "Reference Handl", "Common-Cleaner", "Notification Th", "Service Thread",
            "Monitor Deflati", "Attach Listener", "process reaper", "Sweeper thread", "JNA Cleaner", "JFR ",
            "Shenandoah", "ZDirector", "ZDriver", "ZStat", "ZUnmapper", "ZWorker", "Thread-JVMCI",
            // the harness's own shutdown hook (ChildMain), which writes the result when the test calls System.exit
            "syscall-assert");

    /**
     * Files the JDK reads on its own the first time some code uses the network (IPv6 detection); a test would see
     * them whenever it touches a socket, which says nothing about the code under test.
     */
    private static final Set<String> JDK_PROBED_FILES = Set.of("/proc/net/if_inet6");

    /** Where JNA unpacks its native library, and deletes it again at exit. */
    private static final String JNA_TEMP = "/JNA/temp/";

    private final List<String> jvmDirectories;
    private final Set<String> classPathEntries;
    private final List<String> classPathDirectories;
    private final String harnessDirectory;

    public NoiseFilter(String javaHome, List<String> classPath, Path harnessDirectory) {
        Set<String> homes = new LinkedHashSet<>();
        homes.add(withSlash(javaHome));
        try {
            homes.add(withSlash(Path.of(javaHome).toRealPath().toString()));
        } catch (IOException e) {
            // a java.home that does not resolve is still worth matching as given
        }
        this.jvmDirectories = List.copyOf(homes);
        Set<String> entries = new LinkedHashSet<>();
        List<String> dirs = new ArrayList<>();
        for (String entry : classPath) {
            // an empty entry is the working directory to the JVM (Surefire's class path can end with one)
            String absolute = Path.of(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize().toString();
            entries.add(absolute);
            if (!absolute.endsWith(".jar") && !absolute.endsWith(".zip")) {
                dirs.add(withSlash(absolute));
            }
        }
        this.classPathEntries = entries;
        this.classPathDirectories = dirs;
        this.harnessDirectory = withSlash(harnessDirectory.toAbsolutePath().toString());
    }

    static List<String> splitClassPath(String classPath) {
        return List.of(classPath.split(File.pathSeparator, -1));
    }

    /** The same events, the noisy ones marked. */
    List<SyscallEvent> mark(List<SyscallEvent> events) {
        List<SyscallEvent> marked = new ArrayList<>(events.size());
        for (SyscallEvent e : events) {
            marked.add(!e.harness() && isNoise(e) ? e.toBuilder().harness(true).build() : e);
        }
        return marked;
    }

    public boolean isNoise(SyscallEvent e) {
        for (String prefix : JVM_THREAD_PREFIXES) {
            if (e.thread().startsWith(prefix)) {
                return true;
            }
        }
        if (e.syscall().equals("readlink") && e.path().map(this::isAncestorOfJavaHome).orElse(false)) {
            return true; // the JDK canonicalising its own home, directory by directory, when it loads a library
        }
        return isNoisePath(e.path().orElse(null)) || isNoisePath(e.path2().orElse(null))
                || isNoisePath(e.fdPath().orElse(null));
    }

    private boolean isAncestorOfJavaHome(String path) {
        String dir = withSlash(path);
        return jvmDirectories.stream().anyMatch(home -> home.startsWith(dir));
    }

    private boolean isNoisePath(String path) {
        if (path == null) {
            return false;
        }
        if (path.startsWith(harnessDirectory) || path.equals(harnessDirectory.substring(0,
                harnessDirectory.length() - 1))) {
            return true;
        }
        for (String home : jvmDirectories) {
            if (path.startsWith(home)) {
                return true; // the JDK's own libraries, modules image, jspawnhelper, security files
            }
        }
        if (path.endsWith(".class") || path.endsWith(".jar") || classPathEntries.contains(path)
                || JDK_PROBED_FILES.contains(path) || path.contains(JNA_TEMP)) {
            return true;
        }
        for (String dir : classPathDirectories) {
            // Class loading and ServiceLoader; a resource the test itself reads from the class path stays visible
            if (path.startsWith(dir) && path.contains("/META-INF/")) {
                return true;
            }
        }
        return false;
    }

    private static String withSlash(String dir) {
        return dir.endsWith("/") ? dir : dir + "/";
    }
}
