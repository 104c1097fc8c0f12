package dev.syscallassert.core.decode;

import dev.syscallassert.core.xlat.Constants;
import dev.syscallassert.core.xlat.Xlat;

/**
 * futex with the arguments strace 6.1 prints for each operation (strace's futex.c): the word's address, the op by
 * name ({@code FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME}), then only what that op reads: the value, the timeout
 * ({@code NULL} or a timespec), the second address, the bitset ({@code FUTEX_BITSET_MATCH_ANY}) or FUTEX_WAKE_OP's
 * encoded operation. Stateless; called on the tracer thread.
 */
final class FutexDecoders {

    private static final Xlat OPS = Constants.group("futexops");
    private static final Xlat BITSET = Constants.group("futexbitset");
    /** strace takes the command from the op word's bits below FUTEX_PRIVATE_FLAG. */
    private static final int CMD_MASK = Constants.intValue("futex_op_flags", "FUTEX_PRIVATE_FLAG") - 1;
    private static final int FUTEX_OP_OPARG_SHIFT = Constants.intValue("futex_op_flags", "FUTEX_OP_OPARG_SHIFT");
    private static final int OP_SHIFT = Constants.intValue("futex_wake_op", "op_shift");
    private static final int OPARG_SHIFT = Constants.intValue("futex_wake_op", "oparg_shift");
    private static final int CMP_SHIFT = Constants.intValue("futex_wake_op", "cmp_shift");
    private static final int FIELD_MASK = Constants.intValue("futex_wake_op", "field_mask");
    private static final int CMP_MASK = Constants.intValue("futex_wake_op", "cmp_mask");

    private static final int WAIT = cmd("FUTEX_WAIT");
    private static final int WAKE = cmd("FUTEX_WAKE");
    private static final int FD = cmd("FUTEX_FD");
    private static final int REQUEUE = cmd("FUTEX_REQUEUE");
    private static final int CMP_REQUEUE = cmd("FUTEX_CMP_REQUEUE");
    private static final int WAKE_OP = cmd("FUTEX_WAKE_OP");
    private static final int LOCK_PI = cmd("FUTEX_LOCK_PI");
    private static final int UNLOCK_PI = cmd("FUTEX_UNLOCK_PI");
    private static final int TRYLOCK_PI = cmd("FUTEX_TRYLOCK_PI");
    private static final int WAIT_BITSET = cmd("FUTEX_WAIT_BITSET");
    private static final int WAKE_BITSET = cmd("FUTEX_WAKE_BITSET");
    private static final int WAIT_REQUEUE_PI = cmd("FUTEX_WAIT_REQUEUE_PI");
    private static final int CMP_REQUEUE_PI = cmd("FUTEX_CMP_REQUEUE_PI");
    private static final int LOCK_PI2 = cmd("FUTEX_LOCK_PI2");

    private FutexDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "futex" -> SyscallDecoder.of(FutexDecoders::futex);
            default -> null;
        };
    }

    private static int cmd(String name) {
        return (int) OPS.value(name);
    }

    private static void futex(ArgumentCursor c) {
        int op = c.int32(1);
        int cmd = op & CMD_MASK;
        long val = c.args[2] & 0xffffffffL;
        long val2 = c.args[3] & 0xffffffffL;
        long val3 = c.args[5] & 0xffffffffL;
        c.pointer(0);
        c.add(OPS.valueOrUnknown(op & 0xffffffffL, "FUTEX_"));
        String value = Long.toString(val);
        if (cmd == WAIT) {
            c.add(value).add(TimeStructs.timespec(c.tracee, c.args[3]));
        } else if (cmd == LOCK_PI || cmd == LOCK_PI2) {
            c.add(TimeStructs.timespec(c.tracee, c.args[3]));
        } else if (cmd == WAIT_BITSET) {
            c.add(value).add(TimeStructs.timespec(c.tracee, c.args[3])).add(bitset(val3));
        } else if (cmd == WAKE_BITSET) {
            c.add(value).add(bitset(val3));
        } else if (cmd == REQUEUE) {
            c.add(value).add(Long.toString(val2)).pointer(4);
        } else if (cmd == CMP_REQUEUE || cmd == CMP_REQUEUE_PI) {
            c.add(value).add(Long.toString(val2)).pointer(4).add(Long.toString(val3));
        } else if (cmd == WAKE_OP) {
            c.add(value).add(Long.toString(val2)).pointer(4).add(wakeOp(val3));
        } else if (cmd == WAIT_REQUEUE_PI) {
            c.add(value).add(TimeStructs.timespec(c.tracee, c.args[3])).pointer(4);
        } else if (cmd == FD || cmd == WAKE) {
            c.add(value);
        } else if (cmd != UNLOCK_PI && cmd != TRYLOCK_PI) {
            c.add(value).pointer(3).pointer(4).add(StraceText.hex(val3));
        }
    }

    /** printxval(futexbitset, val3, NULL): the name, or the value in hex with no comment. */
    private static String bitset(long val3) {
        String name = BITSET.name(val3);
        return name != null ? name : StraceText.hex(val3);
    }

    /** FUTEX_WAKE_OP's val3: {@code FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1}, as strace spells it. */
    private static String wakeOp(long val3) {
        StringBuilder sb = new StringBuilder();
        long op = val3 >>> OP_SHIFT;
        if ((op & FUTEX_OP_OPARG_SHIFT) != 0) {
            sb.append("FUTEX_OP_OPARG_SHIFT<<").append(OP_SHIFT).append('|');
        }
        String opName = Constants.group("futexwakeops").name(op & (FUTEX_OP_OPARG_SHIFT - 1));
        sb.append(opName != null ? opName : StraceText.hex(op & (FUTEX_OP_OPARG_SHIFT - 1)))
                .append("<<").append(OP_SHIFT).append(opName != null ? "" : " /* FUTEX_OP_??? */").append('|')
                .append(StraceText.hex((val3 >>> OPARG_SHIFT) & FIELD_MASK)).append("<<").append(OPARG_SHIFT)
                .append('|');
        long cmp = (val3 >>> CMP_SHIFT) & CMP_MASK;
        String cmpName = Constants.group("futexwakecmps").name(cmp);
        sb.append(cmpName != null ? cmpName : StraceText.hex(cmp)).append("<<").append(CMP_SHIFT)
                .append(cmpName != null ? "" : " /* FUTEX_OP_CMP_??? */").append('|')
                .append(StraceText.hex(val3 & FIELD_MASK));
        return sb.toString();
    }
}
