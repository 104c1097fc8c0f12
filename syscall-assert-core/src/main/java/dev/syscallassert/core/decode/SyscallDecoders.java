package dev.syscallassert.core.decode;

import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.List;

/** PLACEHOLDER until the real decoders land: paths of open/openat/execve, argv, raw args otherwise. */
public final class SyscallDecoders {
    private final SyscallTable table;

    public SyscallDecoders(SyscallTable table) {
        this.table = table;
    }

    public DecodedCall decodeEntry(int nr, long[] args, TraceeAccess tracee) {
        DecodedCall c = new DecodedCall();
        String name = table.name(nr);
        int n = Math.min(6, table.argumentCount(nr));
        c.renderedArgs = new String[n];
        for (int i = 0; i < n; i++) {
            c.renderedArgs[i] = Long.toString(args[i]);
        }
        if (name.equals("openat")) {
            String p = tracee.readString(args[1], 4096);
            c.path = p != null && !p.startsWith("/") ? tracee.cwd() + "/" + p : p;
            c.renderedArgs[1] = "\"" + p + "\"";
        } else if (name.equals("open") || name.equals("execve")) {
            String p = tracee.readString(args[0], 4096);
            c.path = p;
            c.renderedArgs[0] = "\"" + p + "\"";
        }
        if (name.equals("execve")) {
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                byte[] ptr = tracee.read(args[1] + 8L * i, 8);
                if (ptr == null) {
                    break;
                }
                long a = java.nio.ByteBuffer.wrap(ptr).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                if (a == 0) {
                    break;
                }
                argv.add(tracee.readString(a, 4096));
            }
            c.argv = argv;
        }
        return c;
    }

    public void decodeExit(int nr, long[] args, long returnValue, boolean failed, TraceeAccess tracee,
                           DecodedCall call) {
    }

    public static String errnoName(int errno) {
        switch (errno) {
            case 1: return "EPERM";
            case 2: return "ENOENT";
            case 13: return "EACCES";
            case 38: return "ENOSYS";
            default: return "E" + errno;
        }
    }

    public static String renderError(int errno) {
        return "-1 " + errnoName(errno);
    }
}
