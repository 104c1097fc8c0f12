package dev.syscallassert.cli;

import com.sun.jna.Native;
import dev.syscallassert.core.decode.SyscallDecoders;
import dev.syscallassert.core.linux.LibC;
import dev.syscallassert.core.spawn.StartState;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the CLI does first, so that it starts sooner (measured in bench/scale-benchmark.sh):
 * <ul>
 *   <li>JNA's library search path is set without asking {@code /sbin/ldconfig -p}: JNA runs that in a subprocess
 *       the first time it loads, unless {@code jna.platform.library.path} is set; the tracer only needs libc, which
 *       the dynamic linker finds by its soname anyway;</li>
 *   <li>JNA's native part ({@code libjnidispatch.so}) is extracted from the jar once, into
 *       {@code ~/.cache/syscall-assert/jna/VERSION}, and loaded from there ({@code jna.boot.library.path}) instead of
 *       being extracted to a temp file and deleted again on every run;</li>
 *   <li>JNA's libc binding, the syscall table and the decoder index are loaded on a thread of their own while the
 *       main thread parses the options and prepares the trace (no decoder is made there: each syscall's is made by
 *       its family's switch when that syscall is first decoded).</li>
 * </ul>
 * A property the user set is left as it is. Main thread, before anything loads JNA.
 */
final class FastStart {
    /** Where in the jar JNA keeps its native library for this platform (JNA's own resource path). */
    private static final String DISPATCH_RESOURCE = "/com/sun/jna/linux-x86-64/libjnidispatch.so";
    private static final String DISPATCH_FILE = "libjnidispatch.so";

    private FastStart() {
    }

    static void prepare() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", String.join(":", "/usr/lib/x86_64-linux-gnu",
                    "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib"));
        }
        if (System.getProperty("jna.boot.library.path") == null) {
            Path dir = cachedDispatchLibrary();
            if (dir != null) {
                System.setProperty("jna.boot.library.path", dir.toString());
            }
        }
        // after the properties above, which JNA reads when it loads
        Thread preload = new Thread(new Preload(), "syscall-assert-preload");
        preload.setDaemon(true);
        preload.start();
    }

    /**
     * A class, not a lambda or method reference: a JVM's first lambda links the lambda machinery (about 6 ms of a
     * JDK 17 start), which would hold this thread back by as much.
     */
    private static final class Preload implements Runnable {
        @Override
        public void run() {
            preload();
        }
    }

    /**
     * Loads what the tracer thread needs first, JNA's libc binding (JNA's own start, its native part and its
     * java.util.logging, is 30-45 ms of a cold CLI start, which the tracer thread would otherwise wait for) and the
     * program's file limit, then the syscall table and decoder index. A failure (a JNA that cannot load) is printed
     * with its cause by this thread's default handler, as it would be on the main thread; the tracer's own path then
     * fails on the same class.
     */
    private static void preload() {
        LibC.getpid();
        StartState.fileLimit();
        new SyscallDecoders(SyscallTable.current());
    }

    /**
     * The directory holding this JNA version's native library, extracted there now if it is not yet; null when that
     * cannot be done (no home, a read-only cache, another platform): JNA then extracts it as usual.
     */
    private static Path cachedDispatchLibrary() {
        String home = System.getProperty("user.home");
        String cache = System.getenv("XDG_CACHE_HOME");
        if ((cache == null || cache.isEmpty()) && (home == null || home.isEmpty() || home.equals("?"))) {
            return null;
        }
        // Native.VERSION and VERSION_NATIVE are constants: naming them does not load JNA.
        Path dir = (cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(home, ".cache"))
                .resolve("syscall-assert").resolve("jna").resolve(Native.VERSION + "-" + Native.VERSION_NATIVE);
        Path library = dir.resolve(DISPATCH_FILE);
        if (Files.isRegularFile(library)) {
            return dir;
        }
        try (InputStream in = FastStart.class.getResourceAsStream(DISPATCH_RESOURCE)) {
            if (in == null) {
                return null;
            }
            Files.createDirectories(dir);
            // written whole under another name, then renamed: a concurrent run never loads half a library
            Path part = Files.createTempFile(dir, DISPATCH_FILE, ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
