package dev.syscallassert.core.decode;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes path arguments absolute and normalised the way the kernel walks them lexically: "." dropped, ".." removing
 * the previous segment (never above the root), repeated slashes collapsed. Symlinks are deliberately not resolved:
 * a test asserts on the name the code used, and the link may not even exist yet.
 */
final class PathNames {

    private PathNames() {
    }

    /**
     * {@code path} made absolute against {@code base} (a directory's absolute path) and normalised; when the path is
     * relative and the base is unknown or not a path (an fd naming a socket, say), the path is only normalised and
     * stays relative, which is the honest answer.
     */
    static String resolve(String base, String path) {
        if (path.startsWith("/")) {
            return normalise(path);
        }
        if (base == null || !base.startsWith("/")) {
            return normalise(path);
        }
        return normalise(base + "/" + path);
    }

    static String normalise(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty() && !segments.peekLast().equals("..")) {
                    segments.removeLast();
                } else if (!absolute) {
                    // A relative path cannot know what lies above its start, so it keeps the "..".
                    segments.addLast("..");
                }
                continue;
            }
            segments.addLast(segment);
        }
        String joined = String.join("/", segments);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** The directory part of an absolute normalised path ("/a/b" gives "/a", "/a" gives "/"). */
    static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }
}
