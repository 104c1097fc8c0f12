/*
 * Memory calls beyond mmap's (whose flags are in kernel_constants.c): madvise's advice, msync's and mlock's flags,
 * mremap's flags and mmap's huge-page size field, from linux/mman.h, in strace 6.1's xlat tables (named after them).
 * Where strace lists a name per architecture, the header's value for this one is the one that counts.
 */
#include <linux/mman.h>
#include "table.h"

static void constants(void) {
    C("madvise_cmds", MADV_NORMAL); C("madvise_cmds", MADV_RANDOM); C("madvise_cmds", MADV_SEQUENTIAL);
    C("madvise_cmds", MADV_WILLNEED); C("madvise_cmds", MADV_DONTNEED); C("madvise_cmds", MADV_FREE);
    C("madvise_cmds", MADV_REMOVE); C("madvise_cmds", MADV_DONTFORK); C("madvise_cmds", MADV_DOFORK);
    C("madvise_cmds", MADV_MERGEABLE); C("madvise_cmds", MADV_UNMERGEABLE); C("madvise_cmds", MADV_HUGEPAGE);
    C("madvise_cmds", MADV_NOHUGEPAGE); C("madvise_cmds", MADV_DONTDUMP); C("madvise_cmds", MADV_DODUMP);
    C("madvise_cmds", MADV_WIPEONFORK); C("madvise_cmds", MADV_KEEPONFORK); C("madvise_cmds", MADV_COLD);
    C("madvise_cmds", MADV_PAGEOUT); C("madvise_cmds", MADV_POPULATE_READ); C("madvise_cmds", MADV_POPULATE_WRITE);
    C("madvise_cmds", MADV_DONTNEED_LOCKED); C("madvise_cmds", MADV_COLLAPSE); C("madvise_cmds", MADV_HWPOISON);
    C("madvise_cmds", MADV_SOFT_OFFLINE);
    C("mctl_sync", MS_SYNC); C("mctl_sync", MS_ASYNC); C("mctl_sync", MS_INVALIDATE);
    C("mremap_flags", MREMAP_MAYMOVE); C("mremap_flags", MREMAP_FIXED); C("mremap_flags", MREMAP_DONTUNMAP);
    C("mlockall_flags", MCL_CURRENT); C("mlockall_flags", MCL_FUTURE); C("mlockall_flags", MCL_ONFAULT);
    C("mlock_flags", MLOCK_ONFAULT);
    C("map_huge", MAP_HUGE_SHIFT); C("map_huge", MAP_HUGE_MASK);
}

static void layouts(void) {
}

GROUP_MAIN(constants, layouts)
