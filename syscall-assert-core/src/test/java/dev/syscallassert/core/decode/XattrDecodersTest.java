package dev.syscallassert.core.decode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected lines were recorded with strace 6.1 on x86_64 (ls -la /etc, cp -a, and the comparison's desc_calls.c).
 * Every form records the file it names: path for the path forms, fdPath for the fd forms (issue 9).
 */
class XattrDecodersTest {

    private static final int ENODATA = 61, EEXIST = 17, EPERM = 1;

    private final DecoderHarness h = new DecoderHarness();
    private final FakeTracee t = h.t;

    private long bytes(String s) {
        return t.put(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void getxattrShowsTheNameAndTheValueItRead() {
        long buf = t.put(new byte[255]);
        assertThat(h.call("lgetxattr", -ENODATA, t.string("/etc"), t.string("security.selinux"), buf, 255))
                .isEqualTo("lgetxattr(\"/etc\", \"security.selinux\", 0x" + Long.toHexString(buf)
                        + ", 255) = -1 ENODATA (No data available)");
        assertThat(h.last.path).isEqualTo("/etc");
        assertThat(h.call("getxattr", -ENODATA, t.string("/etc/rc2.d"), t.string("system.posix_acl_access"), 0, 0))
                .isEqualTo("getxattr(\"/etc/rc2.d\", \"system.posix_acl_access\", NULL, 0)"
                        + " = -1 ENODATA (No data available)");
        assertThat(h.last.path).isEqualTo("/etc/rc2.d");
        assertThat(h.call("getxattr", 6, t.string("work/data.txt"), t.string("user.test"), 0, 0))
                .isEqualTo("getxattr(\"work/data.txt\", \"user.test\", NULL, 0) = 6");
        assertThat(h.last.path).isEqualTo("/tmp/dec/work/data.txt");
        long value = t.put(new byte[128]);
        assertThat(h.call("getxattr", 6, () -> t.write(value, "value\0".getBytes(StandardCharsets.US_ASCII)),
                t.string("work/data.txt"), t.string("user.test"), value, 128))
                .isEqualTo("getxattr(\"work/data.txt\", \"user.test\", \"value\", 128) = 6");
        t.fd(3, "/tmp/dec/work/data.txt");
        assertThat(h.call("fgetxattr", 6, 3, t.string("user.test"), value, 128))
                .isEqualTo("fgetxattr(3, \"user.test\", \"value\", 128) = 6");
        assertThat(h.last.fdPath).isEqualTo("/tmp/dec/work/data.txt");
        assertThat(h.last.path).isNull();
    }

    @Test
    void longNamesAndValuesAreCutAt32Bytes() {
        long name = t.string("user.a.rather.long.attribute.name.over.32");
        long value = t.string("0123456789abcdef0123456789abcdef01");
        assertThat(h.call("setxattr", 0, t.string("work/data.txt"), name, value, 34, 0))
                .isEqualTo("setxattr(\"work/data.txt\", \"user.a.rather.long.attribute.nam\"...,"
                        + " \"0123456789abcdef0123456789abcdef\"..., 34, 0) = 0");
        // Exactly 32 bytes: no "...", since strace reads one byte more and finds the NUL.
        assertThat(h.call("removexattr", 0, t.string("/x"), t.string("user.0123456789abcdef0123456789a")))
                .isEqualTo("removexattr(\"/x\", \"user.0123456789abcdef0123456789a\") = 0");
    }

    @Test
    void setxattrShowsTheValueItWroteAndItsFlags() {
        assertThat(h.call("setxattr", -EEXIST, t.string("work/data.txt"), t.string("user.test"), bytes("value\0"), 6, 1))
                .isEqualTo("setxattr(\"work/data.txt\", \"user.test\", \"value\", 6, XATTR_CREATE)"
                        + " = -1 EEXIST (File exists)");
        t.fd(3, "/tmp/dec/work/data.txt");
        assertThat(h.call("fsetxattr", 0, 3, t.string("user.test"), bytes("other\n\001"), 7, 2))
                .isEqualTo("fsetxattr(3, \"user.test\", \"other\\n\\1\", 7, XATTR_REPLACE) = 0");
        assertThat(h.last.fdPath).isEqualTo("/tmp/dec/work/data.txt");
        long acl = bytes("\2\0\0\0\1\0\6\0\377\377\377\377\4\0\4\0\377\377\377\377 \0\4\0\377\377\377\377");
        assertThat(h.call("fsetxattr", 0, 4, t.string("system.posix_acl_access"), acl, 28, 0))
                .isEqualTo("fsetxattr(4, \"system.posix_acl_access\", \"\\2\\0\\0\\0\\1\\0\\6\\0\\377\\377\\377\\377"
                        + "\\4\\0\\4\\0\\377\\377\\377\\377 \\0\\4\\0\\377\\377\\377\\377\", 28, 0) = 0");
        assertThat(h.call("lsetxattr", -EPERM, t.string("work/link"), t.string("user.test"), bytes("x"), 1, 0))
                .isEqualTo("lsetxattr(\"work/link\", \"user.test\", \"x\", 1, 0) = -1 EPERM (Operation not permitted)");
        assertThat(h.last.path).isEqualTo("/tmp/dec/work/link");
    }

    @Test
    void listxattrShowsTheNamesOnceItHasRoomForThem() {
        assertThat(h.call("listxattr", 52, t.string("work/data.txt"), 0, 0))
                .isEqualTo("listxattr(\"work/data.txt\", NULL, 0) = 52");
        long list = t.put(new byte[256]);
        byte[] names = "user.test\0user.a.rather.long.attribute.name.over.32\0".getBytes(StandardCharsets.US_ASCII);
        assertThat(h.call("listxattr", 52, () -> t.write(list, names), t.string("work/data.txt"), list, 256))
                .isEqualTo("listxattr(\"work/data.txt\", \"user.test\\0user.a.rather.long.att\"..., 256) = 52");
        assertThat(h.call("llistxattr", 0, t.string("work/link"), list, 256))
                .isEqualTo("llistxattr(\"work/link\", \"\", 256) = 0");
        assertThat(h.call("flistxattr", 0, 3, 0, 0)).isEqualTo("flistxattr(3, NULL, 0) = 0");
        assertThat(h.call("flistxattr", 0, 3, list, 0)).isEqualTo("flistxattr(3, 0x" + Long.toHexString(list) + ", 0) = 0");
        assertThat(h.call("fremovexattr", -ENODATA, 3, t.string("user.none")))
                .isEqualTo("fremovexattr(3, \"user.none\") = -1 ENODATA (No data available)");
        assertThat(h.call("lremovexattr", -EPERM, t.string("work/link"), t.string("user.test")))
                .isEqualTo("lremovexattr(\"work/link\", \"user.test\") = -1 EPERM (Operation not permitted)");
        assertThat(h.last.path).isEqualTo("/tmp/dec/work/link");
    }
}
