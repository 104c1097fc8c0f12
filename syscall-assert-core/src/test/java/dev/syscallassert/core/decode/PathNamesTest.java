package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathNamesTest {

    @Test
    void leavesNormalAbsolutePathsAsTheyAre() {
        assertThat(PathNames.normalise("/")).isEqualTo("/");
        assertThat(PathNames.normalise("/etc/hosts")).isEqualTo("/etc/hosts");
        assertThat(PathNames.normalise("/etc/.hidden")).isEqualTo("/etc/.hidden");
        assertThat(PathNames.normalise("/etc/..x/...")).isEqualTo("/etc/..x/...");
    }

    @Test
    void normalisesEverythingElse() {
        assertThat(PathNames.normalise("//etc//hosts")).isEqualTo("/etc/hosts");
        assertThat(PathNames.normalise("/etc/./hosts")).isEqualTo("/etc/hosts");
        assertThat(PathNames.normalise("/etc/x/../hosts")).isEqualTo("/etc/hosts");
        assertThat(PathNames.normalise("/etc/hosts/")).isEqualTo("/etc/hosts");
        assertThat(PathNames.normalise("/etc/.")).isEqualTo("/etc");
        assertThat(PathNames.normalise("/..")).isEqualTo("/");
        assertThat(PathNames.normalise("/a/b/..")).isEqualTo("/a");
        assertThat(PathNames.normalise("a/../../b")).isEqualTo("../b");
        assertThat(PathNames.resolve("/work", "./x/../y")).isEqualTo("/work/y");
    }
}
