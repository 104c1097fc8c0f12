package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.arch.X86_64;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls that replace or end a process or thread: execve and execveat (whose argv is recorded in
 * {@link DecodedCall#argv}), exit and exit_group, and the thread's robust-futex list. strace's execve.c and exit.c;
 * the creating calls are {@link CloneDecoders}, reaping {@link WaitDecoders}. Stateless; called on the tracer
 * thread.
 */
final class ProcessDecoders {

    /**
     * The most argv (and envp) elements read: a bound on a runaway read of a corrupt array, not a display limit
     * (strace shows {@link StraceText#MAX_STRLEN} elements, see {@link #argv}); the kernel limits argv only by its
     * total size (a quarter of the stack limit), so a real argv is read in full.
     */
    private static final int MAX_ARGV = 65536;
    /** One argv string: execve's own limit for one argument is MAX_ARG_STRLEN (32 pages). */
    private static final int MAX_ARG_BYTES = 32 * 4096;

    private static final long AT_EMPTY_PATH = Constants.group("at_flags").value("AT_EMPTY_PATH");
    private ProcessDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "execve" -> SyscallDecoder.of(c -> {
                c.out.path = c.path(0);
                execArgs(c, 1, 2);
            });
            case "execveat" -> SyscallDecoder.of(c -> {
                c.dirfd(0);
                boolean empty = (c.args[4] & AT_EMPTY_PATH) != 0;
                c.out.path = c.path(1, c.int32(0), empty);
                execArgs(c, 2, 3);
                c.flags(4, "at_flags", null);
            });
            // strace's printargs_d: the whole register, signed.
            case "exit", "exit_group" -> SyscallDecoder.of(c -> c.signed(0));
            // strace decodes these as it decodes munmap: an address and a length.
            case "set_robust_list" -> SyscallDecoder.of(c -> c.pointer(0).unsigned(1));

            // Not decoded yet, but the first argument is an fd (a pidfd): printargs, and what the fd names.
            case "pidfd_send_signal", "pidfd_getfd" -> GenericDecoder.fdFirst();
            default -> null;
        };
    }

    private static void execArgs(ArgumentCursor c, int argvIndex, int envpIndex) {
        c.add(argv(c, c.args[argvIndex]));
        c.add(environment(c.tracee, c.args[envpIndex]));
    }

    /**
     * strace shows the first 32 elements (its -s limit applies to the element count too) and "..." for the rest;
     * the decoded argv is complete, up to the first unreadable element, where what follows cannot be trusted.
     */
    private static String argv(ArgumentCursor c, long address) {
        if (address == 0) {
            return "NULL";
        }
        List<String> argv = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        boolean more = false;
        boolean broken = false;
        for (int n = 0; n < MAX_ARGV; n++) {
            byte[] p = c.tracee.read(address + (long) StructRenderers.POINTER_SIZE * n, StructRenderers.POINTER_SIZE);
            if (p == null) {
                if (n == 0) {
                    return StraceText.hex(address);
                }
                more = true;
                break;
            }
            long element = LittleEndian.get(p, 0, p.length);
            if (element == 0) {
                break;
            }
            String arg = c.tracee.readString(element, MAX_ARG_BYTES);
            boolean truncated = arg != null && c.tracee.lastStringTruncated();
            if (n < StraceText.MAX_STRLEN) {
                shown.add(arg == null ? StraceText.hex(element) : shortString(arg, truncated));
            } else {
                more = true;
            }
            broken |= arg == null;
            if (!broken) {
                argv.add(arg);
            }
        }
        c.out.argv = List.copyOf(argv);
        return "[" + String.join(", ", shown) + (more ? (shown.isEmpty() ? "..." : ", ...") : "") + "]";
    }

    /** The environment is only counted, as strace does without -v: {@code 0x7ffd... /* 23 vars *}{@code /}. */
    private static String environment(TraceeAccess tracee, long address) {
        if (address == 0) {
            return "NULL";
        }
        int count = 0;
        while (count < MAX_ARGV) {
            byte[] p = tracee.read(address + (long) StructRenderers.POINTER_SIZE * count, StructRenderers.POINTER_SIZE);
            if (p == null) {
                if (count == 0) {
                    return StraceText.hex(address);
                }
                break;
            }
            if (LittleEndian.get(p, 0, p.length) == 0) {
                break;
            }
            count++;
        }
        return StraceText.hex(address) + " /* " + count + (count == 1 ? " var" : " vars") + " */";
    }

    /** A string shown with the {@code -s 32} limit: cut at 32 bytes, "..." when there was more. */
    private static String shortString(String s, boolean longer) {
        byte[] bytes = StraceText.bytes(s);
        int n = Math.min(bytes.length, StraceText.MAX_STRLEN);
        return StraceText.quote(bytes, n, longer || bytes.length > StraceText.MAX_STRLEN);
    }
}
