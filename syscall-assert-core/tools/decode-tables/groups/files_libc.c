/*
 * The file and descriptor families' constants and layouts that only glibc's headers export (the uapi has no splice,
 * eventfd or UTIME_ header, and no struct ifreq without glibc's struct sockaddr), and the few kernel structs no
 * header exports at all, defined here as the kernel source declares them. In strace 6.1's xlat order, like files.c.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <net/if.h>
/* After net/if.h: linux/libc-compat.h then leaves out what glibc defined and keeps IFF_LOWER_UP and the rest. */
#include <linux/if.h>
#include <signal.h>
#include "table.h"

/*
 * statfs's f_flags bits strace 6.1 names that glibc's sys/statvfs.h does not: include/linux/statfs.h, which is not
 * exported to user space (ST_VALID says the kernel filled f_flags at all). Listed once here, with the kernel's values.
 */
#define ST_VALID 0x0020
#ifndef ST_NOSYMFOLLOW
#define ST_NOSYMFOLLOW 0x2000
#endif

/* getdents' struct linux_dirent (fs/readdir.c; not exported): the name follows d_reclen, the type is its last byte. */
struct linux_dirent {
    unsigned long d_ino;
    unsigned long d_off;
    unsigned short d_reclen;
    char d_name[1];
};

/* pselect6's sixth argument (fs/select.c; not exported): the signal mask's address and its size. */
struct sigset_argpack {
    sigset_t *p;
    size_t size;
};

static void constants(void) {
    C("splice_flags", SPLICE_F_MOVE); C("splice_flags", SPLICE_F_NONBLOCK); C("splice_flags", SPLICE_F_MORE);
    C("splice_flags", SPLICE_F_GIFT);

    C("utime_special", UTIME_NOW); C("utime_special", UTIME_OMIT);

    C("eventfd_flags", EFD_SEMAPHORE); C("eventfd_flags", EFD_CLOEXEC); C("eventfd_flags", EFD_NONBLOCK);

    C("statfs_flags", ST_VALID); C("statfs_flags", ST_RDONLY); C("statfs_flags", ST_NOSUID);
    C("statfs_flags", ST_NODEV); C("statfs_flags", ST_NOEXEC); C("statfs_flags", ST_SYNCHRONOUS);
    C("statfs_flags", ST_MANDLOCK); C("statfs_flags", ST_NOATIME); C("statfs_flags", ST_NODIRATIME);
    C("statfs_flags", ST_RELATIME); C("statfs_flags", ST_NOSYMFOLLOW);

    C("iff_flags", IFF_UP); C("iff_flags", IFF_BROADCAST); C("iff_flags", IFF_DEBUG); C("iff_flags", IFF_LOOPBACK);
    C("iff_flags", IFF_POINTOPOINT); C("iff_flags", IFF_NOTRAILERS); C("iff_flags", IFF_RUNNING);
    C("iff_flags", IFF_NOARP); C("iff_flags", IFF_PROMISC); C("iff_flags", IFF_ALLMULTI); C("iff_flags", IFF_MASTER);
    C("iff_flags", IFF_SLAVE); C("iff_flags", IFF_MULTICAST); C("iff_flags", IFF_PORTSEL);
    C("iff_flags", IFF_AUTOMEDIA); C("iff_flags", IFF_DYNAMIC); C("iff_flags", IFF_LOWER_UP);
    C("iff_flags", IFF_DORMANT); C("iff_flags", IFF_ECHO);

    /* IFNAMSIZ: the interface name field of struct ifreq. */
    C("ifnamsiz", IFNAMSIZ);
}

static void layouts(void) {
    L(struct dirent64, "dirent64", d_reclen); L(struct dirent64, "dirent64", d_name);
    L(struct linux_dirent, "linux_dirent", d_reclen); L(struct linux_dirent, "linux_dirent", d_name);
    L(struct sigset_argpack, "sigset_argpack", p); L(struct sigset_argpack, "sigset_argpack", size);
    SIZE(struct sigset_argpack, "sigset_argpack");
    L(struct ifconf, "ifconf", ifc_len); L(struct ifconf, "ifconf", ifc_buf); SIZE(struct ifconf, "ifconf");
    L(struct ifreq, "ifreq", ifr_name); L(struct ifreq, "ifreq", ifr_addr); L(struct ifreq, "ifreq", ifr_flags);
    L(struct ifreq, "ifreq", ifr_ifindex); L(struct ifreq, "ifreq", ifr_mtu);
    L(struct ifreq, "ifreq", ifr_metric); L(struct ifreq, "ifreq", ifr_qlen); L(struct ifreq, "ifreq", ifr_newname);
    L(struct ifreq, "ifreq", ifr_slave); SIZE(struct ifreq, "ifreq");
}

GROUP_MAIN(constants, layouts)
