package dev.syscallassert.junit5.internal.host;

import java.util.List;

/** For fixtures in other packages: the readlink calls realpath makes for a path, as the noise rule expects them. */
public final class RealpathWalks {

    private RealpathWalks() {
    }

    public static List<String> of(String absolute) {
        return RealpathWalk.of(absolute);
    }
}
