package dev.syscallassert.junit5.internal.child;

import dev.syscallassert.junit5.internal.wire.TempDirectories;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The child's default {@code @TempDir} factory (set by {@link ChildMain} only when the project names none): JUnit's
 * own standard factory, which also lists each directory JUnit will delete whatever the outcome in the work directory,
 * so that the test JVM can delete it when the child is killed before JUnit's cleanup runs ({@link TempDirectories}).
 * Made by JUnit, by name, for each {@code @TempDir}; runs on the thread JUnit creates the directory on, before the test
 * method's window (a {@code @TempDir} is made when its field or parameter is resolved).
 */
public final class RecordingTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws Exception {
        Path directory = TempDirFactory.Standard.INSTANCE.createTempDirectory(elementContext, extensionContext);
        Optional<String> record = extensionContext.getConfigurationParameter(TempDirectories.RECORD_PARAMETER);
        if (record.isPresent() && cleanup(elementContext, extensionContext) == CleanupMode.ALWAYS) {
            TempDirectories.append(Path.of(record.get()), directory);
        }
        return directory;
    }

    /** The annotation's mode, else the configured default, else JUnit's default (ALWAYS), as JUnit decides it. */
    private static CleanupMode cleanup(AnnotatedElementContext elementContext, ExtensionContext extensionContext) {
        CleanupMode declared = elementContext.findAnnotation(TempDir.class).map(TempDir::cleanup)
                .orElse(CleanupMode.DEFAULT);
        if (declared != CleanupMode.DEFAULT) {
            return declared;
        }
        Optional<String> configured = extensionContext.getConfigurationParameter(
                TempDir.DEFAULT_CLEANUP_MODE_PROPERTY_NAME);
        try {
            return configured.map(v -> CleanupMode.valueOf(v.trim().toUpperCase(Locale.ROOT)))
                    .orElse(CleanupMode.ALWAYS);
        } catch (IllegalArgumentException e) {
            return CleanupMode.ALWAYS; // JUnit warns about a value it does not know and uses its default
        }
    }
}
