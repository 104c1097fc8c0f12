/*
 * Constants whose values must come from the kernel's uapi headers rather than glibc's: glibc defines O_LARGEFILE as 0
 * on 64-bit targets, but the kernel (and so the tracee's registers) uses 0100000 and strace prints it.
 * Within a group the names are listed in the order strace 6.1 prints them (its xlat tables), because a flag word is
 * rendered by walking that order. Only this file may include kernel headers: they clash with glibc's.
 */
#include <stdio.h>
#include <asm/fcntl.h>
#include <linux/fcntl.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include <linux/fs.h>
#include <linux/mman.h>

#define C(group, name) printf("%s\t%s\t%lld\n", group, #name, (long long) (name))

void kernel_constants(void) {
    C("open_access", O_RDONLY); C("open_access", O_WRONLY); C("open_access", O_RDWR);
    C("open_access_mask", O_ACCMODE);
    C("at_fdcwd", AT_FDCWD);

    C("open_flags", O_CREAT); C("open_flags", O_EXCL); C("open_flags", O_NOCTTY); C("open_flags", O_TRUNC);
    C("open_flags", O_APPEND); C("open_flags", O_NONBLOCK);
    /* O_SYNC includes O_DSYNC's bit, so it must be tried first; __O_SYNC names its own bit when alone. */
    C("open_flags", O_SYNC); C("open_flags", __O_SYNC); C("open_flags", O_DSYNC);
    C("open_flags", O_DIRECT); C("open_flags", O_LARGEFILE); C("open_flags", O_NOFOLLOW); C("open_flags", O_NOATIME);
    C("open_flags", O_CLOEXEC); C("open_flags", O_PATH);
    /* Same for O_TMPFILE, which includes O_DIRECTORY. */
    C("open_flags", O_TMPFILE); C("open_flags", __O_TMPFILE); C("open_flags", O_DIRECTORY); C("open_flags", FASYNC);

    C("at_flags", AT_SYMLINK_NOFOLLOW); C("at_flags", AT_REMOVEDIR); C("at_flags", AT_SYMLINK_FOLLOW);
    C("at_flags", AT_NO_AUTOMOUNT); C("at_flags", AT_EMPTY_PATH); C("at_flags", AT_RECURSIVE);

    C("faccessat_flags", AT_SYMLINK_NOFOLLOW); C("faccessat_flags", AT_EACCESS); C("faccessat_flags", AT_EMPTY_PATH);

    C("unlinkat_flags", AT_REMOVEDIR);

    C("statx_sync", AT_STATX_SYNC_AS_STAT); C("statx_sync", AT_STATX_FORCE_SYNC); C("statx_sync", AT_STATX_DONT_SYNC);
    C("statx_sync_mask", AT_STATX_SYNC_TYPE);

    C("rename_flags", RENAME_NOREPLACE); C("rename_flags", RENAME_EXCHANGE); C("rename_flags", RENAME_WHITEOUT);

    C("resolve_flags", RESOLVE_NO_XDEV); C("resolve_flags", RESOLVE_NO_MAGICLINKS);
    C("resolve_flags", RESOLVE_NO_SYMLINKS); C("resolve_flags", RESOLVE_BENEATH); C("resolve_flags", RESOLVE_IN_ROOT);
    C("resolve_flags", RESOLVE_CACHED);

    /* The combined masks come first so that a full request prints as STATX_ALL rather than as twelve bits. */
    C("statx_mask", STATX_ALL); C("statx_mask", STATX_BASIC_STATS);
    C("statx_mask", STATX_TYPE); C("statx_mask", STATX_MODE); C("statx_mask", STATX_NLINK); C("statx_mask", STATX_UID);
    C("statx_mask", STATX_GID); C("statx_mask", STATX_ATIME); C("statx_mask", STATX_MTIME);
    C("statx_mask", STATX_CTIME); C("statx_mask", STATX_INO); C("statx_mask", STATX_SIZE);
    C("statx_mask", STATX_BLOCKS); C("statx_mask", STATX_BTIME); C("statx_mask", STATX_MNT_ID);
#ifdef STATX_DIOALIGN
    C("statx_mask", STATX_DIOALIGN);
#endif

    C("statx_attributes", STATX_ATTR_COMPRESSED); C("statx_attributes", STATX_ATTR_IMMUTABLE);
    C("statx_attributes", STATX_ATTR_APPEND); C("statx_attributes", STATX_ATTR_NODUMP);
    C("statx_attributes", STATX_ATTR_ENCRYPTED); C("statx_attributes", STATX_ATTR_AUTOMOUNT);
    C("statx_attributes", STATX_ATTR_MOUNT_ROOT); C("statx_attributes", STATX_ATTR_VERITY);
    C("statx_attributes", STATX_ATTR_DAX);

    C("prot_flags", PROT_READ); C("prot_flags", PROT_WRITE); C("prot_flags", PROT_EXEC); C("prot_flags", PROT_SEM);
    C("prot_flags", PROT_GROWSDOWN); C("prot_flags", PROT_GROWSUP);

    C("map_type", MAP_SHARED); C("map_type", MAP_PRIVATE); C("map_type", MAP_SHARED_VALIDATE);
    C("map_type_mask", MAP_TYPE);
    C("map_flags", MAP_FIXED); C("map_flags", MAP_ANONYMOUS); C("map_flags", MAP_32BIT);
    C("map_flags", MAP_NORESERVE); C("map_flags", MAP_POPULATE); C("map_flags", MAP_NONBLOCK);
    C("map_flags", MAP_GROWSDOWN); C("map_flags", MAP_DENYWRITE); C("map_flags", MAP_EXECUTABLE);
    C("map_flags", MAP_LOCKED); C("map_flags", MAP_STACK); C("map_flags", MAP_HUGETLB); C("map_flags", MAP_SYNC);
    C("map_flags", MAP_UNINITIALIZED); C("map_flags", MAP_FIXED_NOREPLACE);
}
