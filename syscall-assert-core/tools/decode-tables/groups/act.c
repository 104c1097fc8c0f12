/*
 * What acting on calls needs (deny mode, fault injection): the seccomp filter reads a call's first argument (socket's
 * domain) from seccomp_data.args, and the deny rules' errnos are looked up by name from the errno table.
 */
#include <linux/seccomp.h>
#include "table.h"

static void constants(void) {
}

static void layouts(void) {
    L(struct seccomp_data, "seccomp_data", args);
}

GROUP_MAIN(constants, layouts)
