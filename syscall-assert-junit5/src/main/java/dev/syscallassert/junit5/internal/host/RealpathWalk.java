package dev.syscallassert.junit5.internal.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The readlink calls glibc's {@code realpath(3)} makes for a path, in order: one per component from the root, each on
 * the path resolved so far; a symbolic link's target is walked in its place (as strace shows the JDK doing when it
 * canonicalises a class-path jar: {@code readlink("/root")}, {@code readlink("/root/.m2")}, ..., the jar). Computed
 * here from the file system the child sees, in the test JVM, so that a run of readlink calls in a trace can be
 * recognised as the canonicalisation of one exact path. Any thread; reads the file system.
 */
final class RealpathWalk {

    /** glibc's MAXSYMLINKS: realpath gives up (ELOOP) after this many links. */
    private static final int MAX_LINKS = 40;

    private RealpathWalk() {
    }

    /** The paths realpath would readlink for {@code absolute}, up to where it would stop (a missing component). */
    static List<String> of(String absolute) {
        List<String> walk = new ArrayList<>();
        Deque<String> rest = new ArrayDeque<>(components(absolute));
        String resolved = "";
        int links = 0;
        while (!rest.isEmpty()) {
            String c = rest.removeFirst();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                int slash = resolved.lastIndexOf('/');
                resolved = slash <= 0 ? "" : resolved.substring(0, slash);
                continue;
            }
            String candidate = resolved + "/" + c;
            walk.add(candidate);
            Path p = Path.of(candidate);
            if (Files.isSymbolicLink(p)) {
                if (++links > MAX_LINKS) {
                    break;
                }
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    break;
                }
                List<String> more = components(target);
                for (int i = more.size() - 1; i >= 0; i--) {
                    rest.addFirst(more.get(i));
                }
                if (target.startsWith("/")) {
                    resolved = "";
                }
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                resolved = candidate;
            } else {
                break; // readlink fails with ENOENT and realpath with it
            }
        }
        return walk;
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>(Arrays.asList(path.split("/")));
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
