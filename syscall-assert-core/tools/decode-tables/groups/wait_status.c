/* The wait status word's core-dump bit (glibc's sys/wait.h: WCOREDUMP tests __WCOREFLAG), for "(core dumped)". */
#include <sys/wait.h>
#include "table.h"

static void constants(void) {
    C("wait_status", __WCOREFLAG);
}

static void layouts(void) {
}

GROUP_MAIN(constants, layouts)
