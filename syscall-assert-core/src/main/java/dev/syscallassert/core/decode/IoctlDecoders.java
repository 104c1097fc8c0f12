package dev.syscallassert.core.decode;

/**
 * ioctl, as strace's ioctl.c prints it: the fd, the request by name ({@link IoctlRequests}), then the argument as the
 * request's family decodes it: the terminal requests ({@link TerminalIoctls}), the socket requests
 * ({@link SocketIoctls}), FICLONE's source fd; any other request's argument in hex, as strace prints a request it
 * has no decoder for. Stateless; called on the tracer thread.
 */
final class IoctlDecoders {

    private static final long TYPE_TERMINAL = IoctlRequests.type(IoctlRequests.code("TCGETS"));
    private static final long TYPE_SOCKET = IoctlRequests.type(IoctlRequests.code("SIOCGIFCONF"));
    private static final long FICLONE = IoctlRequests.code("FICLONE");

    private IoctlDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "ioctl" -> SyscallDecoder.of(IoctlDecoders::entry, IoctlDecoders::exit);
            default -> null;
        };
    }

    private static void entry(ArgumentCursor c) {
        long code = c.args[1] & 0xffffffffL;
        c.fd(0).add(IoctlRequests.name(code));
        long type = IoctlRequests.type(code);
        if (type == TYPE_TERMINAL) {
            TerminalIoctls.entry(c, code);
        } else if (type == TYPE_SOCKET) {
            SocketIoctls.entry(c, code);
        } else if (code == FICLONE) {
            c.int32Arg(2);
        } else {
            c.hexArg(2);
        }
    }

    private static void exit(ArgumentCursor c, long ret) {
        long code = c.args[1] & 0xffffffffL;
        long type = IoctlRequests.type(code);
        if (type == TYPE_TERMINAL) {
            TerminalIoctls.exit(c, code);
        } else if (type == TYPE_SOCKET) {
            SocketIoctls.exit(c, code);
        }
    }
}
