package dev.syscallassert.assertj;

import dev.syscallassert.SyscallEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a list of events means for files: the opens, and every call that read, wrote, created or deleted a path.
 * Membership is decided by syscall name here, not by the table's categories, so that the checks do not change meaning
 * when the table's classes do.
 */
final class FileAccesses {

    private static final Set<String> READ_THROUGH_FD = Set.of("read", "readv", "pread64", "preadv", "preadv2");
    private static final Set<String> WRITE_THROUGH_FD =
            Set.of("write", "writev", "pwrite64", "pwritev", "pwritev2", "ftruncate", "fallocate");
    private static final Set<String> RENAMES = Set.of("rename", "renameat", "renameat2");
    private static final Set<String> DELETES = Set.of("unlink", "unlinkat", "rmdir");
    private static final Set<String> MAKE_NODES = Set.of("mknod", "mknodat");
    private static final Set<String> MAKE_LINKS = Set.of("link", "linkat", "symlink", "symlinkat");
    private static final Set<String> MAKE_DIRS = Set.of("mkdir", "mkdirat");

    /** One open-like call, successful or not, of a file path. */
    record Open(SyscallEvent event, Path path) {
        boolean succeeded() {
            return event.succeeded();
        }
    }

    /** How a file was touched, for the read/write/create/delete checks and their messages. */
    enum Access { READ, WRITE, CREATE, DELETE }

    /** One event that touched {@code path} in the way of its {@link Access}. */
    record Touch(SyscallEvent event, Path path, Access access) {
        boolean succeeded() {
            return event.succeeded();
        }
    }

    private FileAccesses() {
    }

    static List<Open> opens(List<SyscallEvent> events) {
        List<Open> opens = new ArrayList<>();
        for (SyscallEvent e : events) {
            Path path = FilePaths.actual(e.path().orElse(null));
            if (path != null && OpenMode.of(e).isPresent()) {
                opens.add(new Open(e, path));
            }
        }
        return opens;
    }

    /** The distinct paths opened successfully, in the order first opened. */
    static List<String> openedPaths(List<SyscallEvent> events) {
        return opens(events).stream().filter(Open::succeeded).map(o -> FilePaths.text(o.path())).distinct()
                .collect(Collectors.toList());
    }

    /** Every event that touched a file, successful or not; one event may touch several paths (rename). */
    static List<Touch> touches(List<SyscallEvent> events) {
        List<Touch> touches = new ArrayList<>();
        for (SyscallEvent e : events) {
            String name = e.syscall();
            Path path = FilePaths.actual(e.path().orElse(null));
            Path path2 = FilePaths.actual(e.path2().orElse(null));
            Optional<OpenMode> mode = OpenMode.of(e);
            if (mode.isPresent() && path != null) {
                if (mode.get().read) {
                    touches.add(new Touch(e, path, Access.READ));
                }
                if (mode.get().write) {
                    touches.add(new Touch(e, path, Access.WRITE));
                }
                if (mode.get().create) {
                    touches.add(new Touch(e, path, Access.CREATE));
                }
            } else if (READ_THROUGH_FD.contains(name)) {
                Path fd = FilePaths.actual(e.fdPath().orElse(null));
                if (fd != null) {
                    touches.add(new Touch(e, fd, Access.READ));
                }
            } else if (WRITE_THROUGH_FD.contains(name)) {
                Path fd = FilePaths.actual(e.fdPath().orElse(null));
                if (fd != null) {
                    touches.add(new Touch(e, fd, Access.WRITE));
                }
            } else if (name.equals("truncate") && path != null) {
                touches.add(new Touch(e, path, Access.WRITE));
            } else if ((MAKE_NODES.contains(name) || MAKE_DIRS.contains(name)) && path != null) {
                touches.add(new Touch(e, path, Access.CREATE));
            } else if (MAKE_LINKS.contains(name) && path2 != null) {
                touches.add(new Touch(e, path2, Access.CREATE));
            } else if (DELETES.contains(name) && path != null) {
                touches.add(new Touch(e, path, Access.DELETE));
            } else if (RENAMES.contains(name)) {
                // The old name disappears and the new one appears: for "what did it change" both count.
                if (path != null) {
                    touches.add(new Touch(e, path, Access.DELETE));
                }
                if (path2 != null) {
                    touches.add(new Touch(e, path2, Access.CREATE));
                }
            }
        }
        return touches;
    }

    /** The renames, successful or not. */
    static List<SyscallEvent> renames(List<SyscallEvent> events) {
        List<SyscallEvent> renames = new ArrayList<>();
        for (SyscallEvent e : events) {
            if (RENAMES.contains(e.syscall())) {
                renames.add(e);
            }
        }
        return renames;
    }

    /** A rename as the trace names it, {@code from -> to}, with "?" for a name the engine could not read. */
    static String renamePair(SyscallEvent rename) {
        return rename.path().orElse("?") + " -> " + rename.path2().orElse("?");
    }
}
