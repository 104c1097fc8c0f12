package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * Extended attributes: get, set, list and remove, each by path, by path without following a last symlink (l*) and by
 * fd (f*), as strace's xattr.c prints them: the name with the -s limit, a value up to XATTR_SIZE_MAX as its bytes
 * (a trailing NUL left out), a list as its bytes; what the call writes shown once it succeeded. Each records the
 * file it names: {@link DecodedCall#path} for the path forms, {@link DecodedCall#fdPath} for the fd forms.
 * Stateless; called on the tracer thread.
 */
final class XattrDecoders {

    private static final long XATTR_SIZE_MAX = Constants.value("xattr_size_max", "XATTR_SIZE_MAX");
    private static final Xlat XATTR_FLAGS = Constants.group("xattr_flags");

    private XattrDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "setxattr", "lsetxattr" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                set(c);
            });
            case "fsetxattr" -> SyscallDecoder.of(c -> {
                c.fd(0);
                set(c);
            });
            case "getxattr", "lgetxattr" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                get(c);
            }, XattrDecoders::gotValue);
            case "fgetxattr" -> SyscallDecoder.of(c -> {
                c.fd(0);
                get(c);
            }, XattrDecoders::gotValue);
            case "listxattr", "llistxattr" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.pointer(1).unsigned(2);
            }, XattrDecoders::gotList);
            case "flistxattr" -> SyscallDecoder.of(c -> c.fd(0).pointer(1).unsigned(2), XattrDecoders::gotList);
            case "removexattr", "lremovexattr" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                c.add(TraceeStrings.cstring(c.tracee, c.args[1]));
            });
            case "fremovexattr" -> SyscallDecoder.of(c -> c.fd(0).add(TraceeStrings.cstring(c.tracee, c.args[1])));
            default -> null;
        };
    }

    /** The name, the value of the size argument's length, the size and the flags. */
    private static void set(ArgumentCursor c) {
        c.add(TraceeStrings.cstring(c.tracee, c.args[1]));
        c.add(value(c, c.args[2], c.args[3])).unsigned(3);
        c.add(Xlats.flags(XATTR_FLAGS, c.args[4] & 0xffffffffL, "XATTR_???"));
    }

    /** The name; the value buffer is the call's output, its address until it succeeded. */
    private static void get(ArgumentCursor c) {
        c.add(TraceeStrings.cstring(c.tracee, c.args[1]));
        c.pointer(2).unsigned(3);
    }

    /** The value the kernel wrote (as long as it returned), NULL for a size query. */
    private static void gotValue(ArgumentCursor c, long ret) {
        c.replace(2, value(c, c.args[2], ret));
    }

    /** The NUL-separated names, when the call was given room for them. */
    private static void gotList(ArgumentCursor c, long ret) {
        if (c.args[2] != 0) {
            c.replace(1, TraceeStrings.bytes(c.tracee, c.args[1], ret, false));
        }
    }

    /** print_xattr_val: a value longer than any xattr can be (or a failure's -1) is shown as its address. */
    private static String value(ArgumentCursor c, long address, long size) {
        if (Long.compareUnsigned(size, XATTR_SIZE_MAX) > 0) {
            return StraceText.pointer(address);
        }
        return TraceeStrings.bytes(c.tracee, address, size, true);
    }
}
