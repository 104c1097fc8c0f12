package dev.syscallassert.core.xlat;

import java.io.File;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A file the build put next to a class (a generated table, the engine's native library), read from where that class
 * was loaded. Java side; any thread.
 */
public final class BundledResources {
    private BundledResources() {
    }

    /**
     * The resource read from where {@code owner} itself was loaded, its jar or its class directory, when that is a
     * plain file: {@code Class.getResourceAsStream} first asks each of the JDK's modules whether it has the name, and
     * then reads through a jar URL connection (13 classes outside the JDK's class data archive), a few milliseconds
     * of a CLI start over the four tables it reads. Another kind of location (a jar inside a jar, a custom class
     * loader) and a resource not found there are asked of the class loader as before; null when it has none either.
     */
    public static InputStream open(Class<?> owner, String resource) throws IOException {
        String entry = owner.getPackageName().replace('.', '/') + "/" + resource;
        File location = ownLocation(owner);
        if (location != null && location.isFile()) {
            // a second ZipFile on the jar the class loader has open shares its central directory: nothing is re-read
            ZipFile jar = new ZipFile(location);
            try {
                ZipEntry e = jar.getEntry(entry);
                if (e != null) {
                    return new FilterInputStream(jar.getInputStream(e)) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                jar.close();
                            }
                        }
                    };
                }
            } catch (IOException | RuntimeException failed) {
                jar.close(); // the stream never came to close it
                throw failed;
            }
            jar.close();
        } else if (location != null && location.isDirectory()) {
            File file = new File(location, entry);
            if (file.isFile()) {
                return new FileInputStream(file);
            }
        }
        return owner.getResourceAsStream(resource);
    }

    /** The jar file or class directory {@code owner} was loaded from, or null when that is not a local file. */
    static File ownLocation(Class<?> owner) {
        try {
            CodeSource source = owner.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url != null && "file".equals(url.getProtocol()) ? new File(url.toURI()) : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }


    /**
     * The file {@code resource} next to {@code owner} when {@code owner} was loaded from a class directory (a build's
     * or an IDE's), else null (from a jar, or not there).
     */
    public static File inClassDirectory(Class<?> owner, String resource) {
        File location = ownLocation(owner);
        if (location == null || !location.isDirectory()) {
            return null;
        }
        File file = new File(location, owner.getPackageName().replace('.', '/') + "/" + resource);
        return file.isFile() ? file : null;
    }
}
