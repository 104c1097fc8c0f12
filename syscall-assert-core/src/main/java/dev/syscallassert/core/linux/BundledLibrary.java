package dev.syscallassert.core.linux;

import dev.syscallassert.UnsupportedPlatformException;
import dev.syscallassert.core.xlat.BundledResources;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Loads the engine's own JNI library ({@code src/main/native/libc_calls.c}, built into the jar next to {@link LibC})
 * into this JVM (Java side). From a class directory it is loaded where it is. From a jar (System.load needs a file)
 * it is copied once into {@code ${XDG_CACHE_HOME:-~/.cache}/syscall-assert/native/}, under a name made of its size and
 * CRC-32 so that another build never loads a stale copy, written whole under another name and renamed so that a run
 * at the same time never loads half of one; later starts load that copy. Where no cache can be written (no home, a
 * read-only one, one mounted noexec), a private temporary copy is loaded and deleted at once (Linux keeps a loaded
 * library's pages after its name is gone), so no file is left behind.
 */
final class BundledLibrary {
    static final String FILE = "libsyscallassert.so";

    private BundledLibrary() {
    }

    static void load() {
        if (!"amd64".equals(System.getProperty("os.arch")) || !"Linux".equals(System.getProperty("os.name"))) {
            throw new UnsupportedPlatformException("syscall-assert runs on Linux x86_64; this JVM reports "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        File inPlace = BundledResources.inClassDirectory(LibC.class, FILE);
        if (inPlace != null) {
            System.load(inPlace.getAbsolutePath());
            return;
        }
        byte[] library = read();
        CRC32 crc = new CRC32();
        crc.update(library);
        String name = "libsyscallassert-" + library.length + "-" + Long.toHexString(crc.getValue()) + ".so";
        List<String> tried = new ArrayList<>();
        Path cached = cacheDirectory();
        if (cached != null) {
            Path file = cached.resolve(name);
            try {
                // java.io.File, not Files: the usual start finds the copy, and NIO's file attribute classes are not in
                // the JDK's class data archive
                File existing = file.toFile();
                if (!existing.isFile() || existing.length() != library.length) {
                    write(library, cached, file);
                }
                System.load(file.toString());
                return;
            } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
                tried.add(file + ": " + describe(e));
            }
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile("syscall-assert-", ".so");
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                out.write(library);
            }
            System.load(temporary.toString());
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            tried.add((temporary != null ? temporary : System.getProperty("java.io.tmpdir")) + ": " + describe(e));
            throw new UnsatisfiedLinkError("Cannot load syscall-assert's native library " + FILE + " (tried "
                    + String.join("; ", tried) + "): a cache directory or java.io.tmpdir must be writable and allow "
                    + "executable mappings (not mounted noexec)");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // the library is loaded or the error above names the file
                }
            }
        }
    }

    /** The kind of failure and its message: an NIO error's message is often just the path. */
    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + " " + e.getMessage();
    }

    private static byte[] read() {
        try (InputStream in = BundledResources.open(LibC.class, FILE)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("syscall-assert's native library " + FILE + " is missing next to "
                        + LibC.class.getName() + " (a jar built without the core module's native build?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("Cannot read syscall-assert's native library " + FILE + ": " + e);
        }
    }

    private static void write(byte[] library, Path dir, Path file) throws IOException {
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (FileOutputStream out = new FileOutputStream(part.toFile())) {
                out.write(library);
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/syscall-assert/native}, or null without a home. */
    private static Path cacheDirectory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache != null && !cache.isEmpty()) {
            return Path.of(cache, "syscall-assert", "native");
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isEmpty() || home.equals("?")) {
            return null;
        }
        return Path.of(home, ".cache", "syscall-assert", "native");
    }
}
