/*
 * futex(2): the operations (each op word, with its PRIVATE and CLOCK_REALTIME forms, is one name, as strace 6.1's
 * futexops table has it), the FUTEX_WAKE_OP encoding and the bitset, from linux/futex.h.
 */
#include <linux/futex.h>
#include "table.h"

static void constants(void) {
    C("futexops", FUTEX_WAIT); C("futexops", FUTEX_WAKE); C("futexops", FUTEX_FD); C("futexops", FUTEX_REQUEUE);
    C("futexops", FUTEX_CMP_REQUEUE); C("futexops", FUTEX_WAKE_OP); C("futexops", FUTEX_LOCK_PI);
    C("futexops", FUTEX_UNLOCK_PI); C("futexops", FUTEX_TRYLOCK_PI); C("futexops", FUTEX_WAIT_BITSET);
    C("futexops", FUTEX_WAKE_BITSET); C("futexops", FUTEX_WAIT_REQUEUE_PI); C("futexops", FUTEX_CMP_REQUEUE_PI);
    C("futexops", FUTEX_LOCK_PI2); C("futexops", FUTEX_WAIT_PRIVATE); C("futexops", FUTEX_WAKE_PRIVATE);
    C("futexops", FUTEX_FD|FUTEX_PRIVATE_FLAG); C("futexops", FUTEX_REQUEUE_PRIVATE);
    C("futexops", FUTEX_CMP_REQUEUE_PRIVATE); C("futexops", FUTEX_WAKE_OP_PRIVATE);
    C("futexops", FUTEX_LOCK_PI_PRIVATE); C("futexops", FUTEX_UNLOCK_PI_PRIVATE);
    C("futexops", FUTEX_TRYLOCK_PI_PRIVATE); C("futexops", FUTEX_WAIT_BITSET_PRIVATE);
    C("futexops", FUTEX_WAKE_BITSET_PRIVATE); C("futexops", FUTEX_WAIT_REQUEUE_PI_PRIVATE);
    C("futexops", FUTEX_CMP_REQUEUE_PI_PRIVATE); C("futexops", FUTEX_LOCK_PI2_PRIVATE);
    C("futexops", FUTEX_WAIT|FUTEX_CLOCK_REALTIME); C("futexops", FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME);
    C("futexops", FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME);
    C("futexops", FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME);
    C("futexops", FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME);
    C("futexops", FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME);
    C("futexwakeops", FUTEX_OP_SET); C("futexwakeops", FUTEX_OP_ADD); C("futexwakeops", FUTEX_OP_OR);
    C("futexwakeops", FUTEX_OP_ANDN); C("futexwakeops", FUTEX_OP_XOR);
    C("futexwakecmps", FUTEX_OP_CMP_EQ); C("futexwakecmps", FUTEX_OP_CMP_NE); C("futexwakecmps", FUTEX_OP_CMP_LT);
    C("futexwakecmps", FUTEX_OP_CMP_LE); C("futexwakecmps", FUTEX_OP_CMP_GT); C("futexwakecmps", FUTEX_OP_CMP_GE);
    C("futexbitset", FUTEX_BITSET_MATCH_ANY);
    /* strace takes the command as the op word's bits below FUTEX_PRIVATE_FLAG. */
    C("futex_op_flags", FUTEX_PRIVATE_FLAG);
    /*
     * FUTEX_WAKE_OP's val3 as linux/futex.h's FUTEX_OP(op, oparg, cmp, cmparg) packs it: each field's shift and
     * width measured on the macro itself; FUTEX_OP_OPARG_SHIFT is a flag in the op field.
     */
    C("futex_op_flags", FUTEX_OP_OPARG_SHIFT);
    printf("futex_wake_op\top_shift\t%d\n", __builtin_ctz(FUTEX_OP(1, 0, 0, 0)));
    printf("futex_wake_op\toparg_shift\t%d\n", __builtin_ctz(FUTEX_OP(0, 1, 0, 0)));
    printf("futex_wake_op\tcmp_shift\t%d\n", __builtin_ctz(FUTEX_OP(0, 0, 1, 0)));
    printf("futex_wake_op\tfield_mask\t%d\n", FUTEX_OP(0, 0, 0, -1));
    printf("futex_wake_op\tcmp_mask\t%u\n",
           (unsigned) FUTEX_OP(0, 0, -1, 0) >> __builtin_ctz(FUTEX_OP(0, 0, 1, 0)));
}

static void layouts(void) {
}

GROUP_MAIN(constants, layouts)
