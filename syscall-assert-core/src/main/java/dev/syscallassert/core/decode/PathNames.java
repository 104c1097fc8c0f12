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
        if (isNormalAbsolute(path)) {
            return path; // the common case, checked without allocating: this runs at every stop with a path
        }
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

    /** Absolute, no empty, "." or ".." segment, no trailing slash (except the root itself). */
    private static boolean isNormalAbsolute(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        if (path.charAt(n - 1) == '/') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) == '/') {
                // the segment that starts after this slash must not be "", "." or ".."
                int next = i + 1;
                if (next < n && path.charAt(next) == '/') {
                    return false;
                }
                if (next < n && path.charAt(next) == '.') {
                    int after = next + 1;
                    if (after == n || path.charAt(after) == '/') {
                        return false;
                    }
                    if (path.charAt(after) == '.' && (after + 1 == n || path.charAt(after + 1) == '/')) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The directory part of an absolute normalised path ("/a/b" gives "/a", "/a" gives "/"). */
    static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }
}
