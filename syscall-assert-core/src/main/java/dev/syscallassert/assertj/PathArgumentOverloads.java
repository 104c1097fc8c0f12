package dev.syscallassert.assertj;

import dev.syscallassert.SyscallTrace;
import org.assertj.core.api.AbstractAssert;

import java.io.File;
import java.nio.file.Path;

import static dev.syscallassert.assertj.FilePaths.pathText;
import static dev.syscallassert.assertj.FilePaths.pathTexts;

/**
 * The checks of {@link SyscallTraceAssert} that take a path, with a {@link Path} or a {@link File} instead of a
 * String. Each is the String check of the same name given the argument's text ({@link FilePaths#pathText}), so it is
 * normalised alike: made absolute against the working directory when relative, symbolic links not resolved. Kept
 * apart from the facade only to keep it readable; they are its methods.
 *
 * <p>Each calls the String check on {@link #myself}, which for soft assertions is the soft proxy, so that a failure is
 * collected once.
 */
abstract class PathArgumentOverloads extends AbstractAssert<SyscallTraceAssert, SyscallTrace> {

    PathArgumentOverloads(SyscallTrace actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** {@link SyscallTraceAssert#openedFile(String)} with a {@link Path}. */
    public SyscallTraceAssert openedFile(Path path) {
        return myself.openedFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#openedFile(String)} with a {@link File}. */
    public SyscallTraceAssert openedFile(File file) {
        return myself.openedFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#didNotOpenFile(String)} with a {@link Path}. */
    public SyscallTraceAssert didNotOpenFile(Path path) {
        return myself.didNotOpenFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#didNotOpenFile(String)} with a {@link File}. */
    public SyscallTraceAssert didNotOpenFile(File file) {
        return myself.didNotOpenFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#readFile(String)} with a {@link Path}. */
    public SyscallTraceAssert readFile(Path path) {
        return myself.readFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#readFile(String)} with a {@link File}. */
    public SyscallTraceAssert readFile(File file) {
        return myself.readFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#wroteFile(String)} with a {@link Path}. */
    public SyscallTraceAssert wroteFile(Path path) {
        return myself.wroteFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#wroteFile(String)} with a {@link File}. */
    public SyscallTraceAssert wroteFile(File file) {
        return myself.wroteFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#didNotWriteFile(String)} with a {@link Path}. */
    public SyscallTraceAssert didNotWriteFile(Path path) {
        return myself.didNotWriteFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#didNotWriteFile(String)} with a {@link File}. */
    public SyscallTraceAssert didNotWriteFile(File file) {
        return myself.didNotWriteFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#createdFile(String)} with a {@link Path}. */
    public SyscallTraceAssert createdFile(Path path) {
        return myself.createdFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#createdFile(String)} with a {@link File}. */
    public SyscallTraceAssert createdFile(File file) {
        return myself.createdFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#deletedFile(String)} with a {@link Path}. */
    public SyscallTraceAssert deletedFile(Path path) {
        return myself.deletedFile(pathText(path));
    }

    /** {@link SyscallTraceAssert#deletedFile(String)} with a {@link File}. */
    public SyscallTraceAssert deletedFile(File file) {
        return myself.deletedFile(pathText(file));
    }

    /** {@link SyscallTraceAssert#renamedFile(String, String)} with {@link Path}s. */
    public SyscallTraceAssert renamedFile(Path from, Path to) {
        return myself.renamedFile(pathText(from), pathText(to));
    }

    /** {@link SyscallTraceAssert#renamedFile(String, String)} with {@link File}s. */
    public SyscallTraceAssert renamedFile(File from, File to) {
        return myself.renamedFile(pathText(from), pathText(to));
    }

    /** {@link SyscallTraceAssert#onlyOpenedFilesUnder(String...)} with {@link Path}s. */
    public SyscallTraceAssert onlyOpenedFilesUnder(Path... directories) {
        return myself.onlyOpenedFilesUnder(pathTexts(directories));
    }

    /** {@link SyscallTraceAssert#onlyOpenedFilesUnder(String...)} with {@link File}s. */
    public SyscallTraceAssert onlyOpenedFilesUnder(File... directories) {
        return myself.onlyOpenedFilesUnder(pathTexts(directories));
    }

    /** {@link SyscallTraceAssert#wroteNoFilesOutside(String...)} with {@link Path}s. */
    public SyscallTraceAssert wroteNoFilesOutside(Path... directories) {
        return myself.wroteNoFilesOutside(pathTexts(directories));
    }

    /** {@link SyscallTraceAssert#wroteNoFilesOutside(String...)} with {@link File}s. */
    public SyscallTraceAssert wroteNoFilesOutside(File... directories) {
        return myself.wroteNoFilesOutside(pathTexts(directories));
    }

    /**
     * {@link SyscallTraceAssert#spawnedProcess(String)} with a {@link Path}: one of a single name ({@code ls}) is
     * matched as a program name, as the String is; one with a directory as that path.
     */
    public SyscallTraceAssert spawnedProcess(Path executable) {
        return myself.spawnedProcess(pathText(executable));
    }

    /** {@link SyscallTraceAssert#spawnedProcess(String)} with a {@link File}, as with a {@link Path}. */
    public SyscallTraceAssert spawnedProcess(File executable) {
        return myself.spawnedProcess(pathText(executable));
    }

    /** {@link SyscallTraceAssert#didNotSpawnProcess(String)} with a {@link Path}, as {@link #spawnedProcess(Path)}. */
    public SyscallTraceAssert didNotSpawnProcess(Path executable) {
        return myself.didNotSpawnProcess(pathText(executable));
    }

    /** {@link SyscallTraceAssert#didNotSpawnProcess(String)} with a {@link File}, as {@link #spawnedProcess(Path)}. */
    public SyscallTraceAssert didNotSpawnProcess(File executable) {
        return myself.didNotSpawnProcess(pathText(executable));
    }
}
