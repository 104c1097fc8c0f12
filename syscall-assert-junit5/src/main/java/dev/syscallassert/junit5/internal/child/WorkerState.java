package dev.syscallassert.junit5.internal.child;

import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;

/**
 * The JVM-wide state a test can change and the next test in the same worker would otherwise inherit: taken before the
 * worker's first test, put back after each. System properties, the default locale (all of its categories), the
 * default time zone and System.out/err/in are put back; the working directory cannot be (Java has no chdir, and a
 * test that changed it natively may have left relative paths behind), so a test that changed it retires its worker.
 * Static fields and threads a test leaves behind stay: that is what {@code syscallassert.fork=per-test} is for. Child
 * JVM only, on the worker's main thread, between tests.
 */
final class WorkerState {

    private static final Path CWD = Path.of("/proc/self/cwd");

    private final Properties properties;
    private final Locale locale;
    private final Locale displayLocale;
    private final Locale formatLocale;
    private final TimeZone timeZone;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Optional<Path> workingDirectory;

    private WorkerState() {
        properties = new Properties();
        properties.putAll(System.getProperties());
        locale = Locale.getDefault();
        displayLocale = Locale.getDefault(Locale.Category.DISPLAY);
        formatLocale = Locale.getDefault(Locale.Category.FORMAT);
        timeZone = TimeZone.getDefault();
        out = System.out;
        err = System.err;
        in = System.in;
        workingDirectory = workingDirectory();
    }

    /** The state as it is now, before any test of the worker ran. */
    static WorkerState taken() {
        return new WorkerState();
    }

    /**
     * Puts everything back as it was taken; returns why the worker cannot run another test, if it cannot. The same
     * Properties object is refilled, not replaced: code that holds it keeps seeing the system properties.
     */
    Optional<String> restore() {
        Properties now = System.getProperties();
        if (now != null && !now.equals(properties)) {
            now.clear();
            now.putAll(properties);
        } else if (now == null) {
            System.setProperties(copy(properties));
        }
        Locale.setDefault(locale);
        Locale.setDefault(Locale.Category.DISPLAY, displayLocale);
        Locale.setDefault(Locale.Category.FORMAT, formatLocale);
        TimeZone.setDefault(timeZone);
        if (System.out != out) {
            System.setOut(out);
        }
        if (System.err != err) {
            System.setErr(err);
        }
        if (System.in != in) {
            System.setIn(in);
        }
        return unrestorable();
    }

    /** Why the worker cannot run another test, if something that cannot be put back was changed. */
    Optional<String> unrestorable() {
        if (!workingDirectory().equals(workingDirectory)) {
            return Optional.of("the test changed the working directory of the JVM (from "
                    + workingDirectory.map(Path::toString).orElse("?") + " to "
                    + workingDirectory().map(Path::toString).orElse("?") + ")");
        }
        return Optional.empty();
    }

    private static Properties copy(Properties p) {
        Properties c = new Properties();
        c.putAll(p);
        return c;
    }

    /** The kernel's working directory of this process (not user.dir, which is only a property). */
    private static Optional<Path> workingDirectory() {
        try {
            return Optional.of(Files.readSymbolicLink(CWD));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
