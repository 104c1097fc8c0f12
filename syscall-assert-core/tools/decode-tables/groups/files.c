/*
 * The file and descriptor families' constants from the kernel's uapi headers (this program includes no glibc header
 * but stdio/stddef/string, which agree with them; files_libc.c has what only glibc exports): fcntl commands and
 * locks, flock, fadvise, xattr, statfs magic numbers, poll and epoll events, eventfd/inotify/timerfd flags, splice,
 * preadv2 and range flags, ioctl request numbers and their direction bits, termios flags. Within a group in the order
 * strace 6.1's xlat tables list them (src/xlat/NAME.in), which is the order strace prints flags in; entries strace
 * compiles only when the header defines them are under #ifdef here too.
 */
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#include <linux/fadvise.h>
#include <linux/xattr.h>
#include <linux/limits.h>
#include <linux/magic.h>
#include <linux/eventpoll.h>
#include <linux/inotify.h>
#include <linux/timerfd.h>
#include <linux/close_range.h>
#include <linux/memfd.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/utime.h>
#include <linux/termios.h>
#include <linux/sockios.h>
#include <linux/soundcard.h>
#include <linux/btrfs.h>
#include <linux/fiemap.h>
#include <linux/serial.h>
#include <asm/poll.h>
#include <asm/statfs.h>
#include <asm/ioctl.h>
#include <asm/signal.h>
#include "table.h"

/*
 * File systems strace 6.1 names (src/xlat/fsmagic.in) whose magic number linux/magic.h does not export: each is
 * defined in that file system's own kernel source. Listed once here, with strace's values.
 */
#define Z3FOLD_MAGIC 0x00000033
#define DEVFS_SUPER_MAGIC 0x00001373
#define EXT_SUPER_MAGIC 0x0000137d
#define HFS_SUPER_MAGIC 0x00004244
#define HFSPLUS_SUPER_MAGIC 0x0000482b
#define EXOFS_SUPER_MAGIC 0x00005df5
#define ROMFS_MAGIC 0x00007275
#define EXT2_OLD_SUPER_MAGIC 0x0000ef51
#define UFS_MAGIC 0x00011954
#define GFS2_MAGIC 0x01161970
#define XIAFS_SUPER_MAGIC 0x012fd16d
#define XENIX_SUPER_MAGIC 0x012ff7b4
#define SYSV4_SUPER_MAGIC 0x012ff7b5
#define SYSV2_SUPER_MAGIC 0x012ff7b6
#define COH_SUPER_MAGIC 0x012ff7b7
#define SHMFS_SUPER_MAGIC 0x02011994
#define BALLOON_KVM_MAGIC 0x13661366
#define BFS_MAGIC 0x1badface
#define UBIFS_SUPER_MAGIC 0x24051905
#define ZFS_SUPER_MAGIC 0x2fc12fc1
#define JFS_SUPER_MAGIC 0x3153464a
#define BEFS_SUPER_MAGIC 0x42465331
#define GPFS_SUPER_MAGIC 0x47504653
#define NTFS_SB_MAGIC 0x5346544e
#define UFS_CIGAM 0x54190100
#define VZFS_SUPER_MAGIC 0x565a4653
#define ZSMALLOC_MAGIC 0x58295829
#define AUFS_SUPER_MAGIC 0x61756673
#define CONFIGFS_MAGIC 0x62656570
#define FUSE_CTL_SUPER_MAGIC 0x65735543
#define VXFS_SUPER_MAGIC 0xa501fcf5
#define PPC_CMM_MAGIC 0xc7571590
#define LOGFS_MAGIC 0xc97e8168

/*
 * The flock64 commands asm-generic/fcntl.h defines only for 32-bit builds; strace 6.1 names them on every
 * architecture (its fcntl.c defines them the same way), so a 64-bit tracee passing 12 still reads F_GETLK64.
 */
#ifndef F_GETLK64
#define F_GETLK64 12
#define F_SETLK64 13
#define F_SETLKW64 14
#endif

#define KERNEL_SIGSET_SIZE sizeof(sigset_t)

static void fcntl_constants(void) {
    C("fcntl_cmd", F_DUPFD); C("fcntl_cmd", F_GETFD); C("fcntl_cmd", F_SETFD); C("fcntl_cmd", F_GETFL);
    C("fcntl_cmd", F_SETFL); C("fcntl_cmd", F_GETLK); C("fcntl_cmd", F_SETLK); C("fcntl_cmd", F_SETLKW);
    C("fcntl_cmd", F_SETOWN); C("fcntl_cmd", F_GETOWN); C("fcntl_cmd", F_SETSIG); C("fcntl_cmd", F_GETSIG);
    C("fcntl_cmd", F_GETLK64); C("fcntl_cmd", F_SETLK64); C("fcntl_cmd", F_SETLKW64); C("fcntl_cmd", F_SETOWN_EX);
    C("fcntl_cmd", F_GETOWN_EX); C("fcntl_cmd", F_GETOWNER_UIDS); C("fcntl_cmd", F_OFD_GETLK);
    C("fcntl_cmd", F_OFD_SETLK); C("fcntl_cmd", F_OFD_SETLKW); C("fcntl_cmd", F_SETLEASE); C("fcntl_cmd", F_GETLEASE);
    C("fcntl_cmd", F_NOTIFY); C("fcntl_cmd", F_CANCELLK); C("fcntl_cmd", F_DUPFD_CLOEXEC);
    C("fcntl_cmd", F_SETPIPE_SZ); C("fcntl_cmd", F_GETPIPE_SZ); C("fcntl_cmd", F_ADD_SEALS); C("fcntl_cmd", F_GET_SEALS);

    C("fd_flags", FD_CLOEXEC);
    C("lock_type", F_RDLCK); C("lock_type", F_WRLCK); C("lock_type", F_UNLCK); C("lock_type", F_EXLCK);
    C("lock_type", F_SHLCK);
    C("f_owner_type", F_OWNER_TID); C("f_owner_type", F_OWNER_PID); C("f_owner_type", F_OWNER_PGRP);
    C("f_seals", F_SEAL_SEAL); C("f_seals", F_SEAL_SHRINK); C("f_seals", F_SEAL_GROW); C("f_seals", F_SEAL_WRITE);
    C("f_seals", F_SEAL_FUTURE_WRITE);
    C("dnotify_flags", DN_ACCESS); C("dnotify_flags", DN_MODIFY); C("dnotify_flags", DN_CREATE);
    C("dnotify_flags", DN_DELETE); C("dnotify_flags", DN_RENAME); C("dnotify_flags", DN_ATTRIB);
    C("dnotify_flags", DN_MULTISHOT);

    C("flock_op", LOCK_SH); C("flock_op", LOCK_EX); C("flock_op", LOCK_NB); C("flock_op", LOCK_UN);
    C("flock_op", LOCK_MAND); C("flock_op", LOCK_RW); C("flock_op", LOCK_READ); C("flock_op", LOCK_WRITE);

    C("fadvise_advice", POSIX_FADV_NORMAL); C("fadvise_advice", POSIX_FADV_RANDOM);
    C("fadvise_advice", POSIX_FADV_SEQUENTIAL); C("fadvise_advice", POSIX_FADV_WILLNEED);
    C("fadvise_advice", POSIX_FADV_DONTNEED); C("fadvise_advice", POSIX_FADV_NOREUSE);

    C("falloc_flags", FALLOC_FL_KEEP_SIZE); C("falloc_flags", FALLOC_FL_PUNCH_HOLE);
    C("falloc_flags", FALLOC_FL_NO_HIDE_STALE); C("falloc_flags", FALLOC_FL_COLLAPSE_RANGE);
    C("falloc_flags", FALLOC_FL_ZERO_RANGE); C("falloc_flags", FALLOC_FL_INSERT_RANGE);
    C("falloc_flags", FALLOC_FL_UNSHARE_RANGE);
    C("sync_file_range_flags", SYNC_FILE_RANGE_WAIT_BEFORE); C("sync_file_range_flags", SYNC_FILE_RANGE_WRITE);
    C("sync_file_range_flags", SYNC_FILE_RANGE_WAIT_AFTER);
    C("rwf_flags", RWF_HIPRI); C("rwf_flags", RWF_DSYNC); C("rwf_flags", RWF_SYNC); C("rwf_flags", RWF_NOWAIT);
    C("rwf_flags", RWF_APPEND);
    C("close_range_flags", CLOSE_RANGE_UNSHARE); C("close_range_flags", CLOSE_RANGE_CLOEXEC);

    C("memfd_flags", MFD_CLOEXEC); C("memfd_flags", MFD_ALLOW_SEALING); C("memfd_flags", MFD_HUGETLB);
    C("memfd_huge", MFD_HUGE_SHIFT); C("memfd_huge", MFD_HUGE_MASK);
    /* A file name's limit; a memfd's name is one less its "memfd:" prefix (mm/memfd.c). */
    C("name_max", NAME_MAX);

    C("xattr_flags", XATTR_CREATE); C("xattr_flags", XATTR_REPLACE);
    /* An xattr value longer than this cannot exist: strace shows the buffer's address then (and for a failure). */
    C("xattr_size_max", XATTR_SIZE_MAX);
}

static void fsmagic_constants(void) {
    C("fs_magic", QNX4_SUPER_MAGIC); C("fs_magic", Z3FOLD_MAGIC); C("fs_magic", AUTOFS_SUPER_MAGIC);
    C("fs_magic", DEVFS_SUPER_MAGIC); C("fs_magic", EXT_SUPER_MAGIC); C("fs_magic", MINIX_SUPER_MAGIC);
    C("fs_magic", MINIX_SUPER_MAGIC2); C("fs_magic", DEVPTS_SUPER_MAGIC); C("fs_magic", MINIX2_SUPER_MAGIC);
    C("fs_magic", MINIX2_SUPER_MAGIC2); C("fs_magic", NILFS_SUPER_MAGIC); C("fs_magic", HFS_SUPER_MAGIC);
    C("fs_magic", HFSPLUS_SUPER_MAGIC); C("fs_magic", MSDOS_SUPER_MAGIC); C("fs_magic", MINIX3_SUPER_MAGIC);
    C("fs_magic", SMB_SUPER_MAGIC); C("fs_magic", NCP_SUPER_MAGIC); C("fs_magic", EXOFS_SUPER_MAGIC);
    C("fs_magic", NFS_SUPER_MAGIC); C("fs_magic", ROMFS_MAGIC); C("fs_magic", JFFS2_SUPER_MAGIC);
    C("fs_magic", ISOFS_SUPER_MAGIC); C("fs_magic", PROC_SUPER_MAGIC); C("fs_magic", OPENPROM_SUPER_MAGIC);
    C("fs_magic", USBDEVICE_SUPER_MAGIC); C("fs_magic", ADFS_SUPER_MAGIC); C("fs_magic", AFFS_SUPER_MAGIC);
    C("fs_magic", EXT2_OLD_SUPER_MAGIC); C("fs_magic", EXT2_SUPER_MAGIC); C("fs_magic", ECRYPTFS_SUPER_MAGIC);
    C("fs_magic", UFS_MAGIC); C("fs_magic", CGROUP_SUPER_MAGIC); C("fs_magic", EFS_SUPER_MAGIC);
    C("fs_magic", HOSTFS_SUPER_MAGIC); C("fs_magic", CEPH_SUPER_MAGIC); C("fs_magic", TMPFS_MAGIC);
    C("fs_magic", V9FS_MAGIC); C("fs_magic", GFS2_MAGIC); C("fs_magic", XIAFS_SUPER_MAGIC);
    C("fs_magic", XENIX_SUPER_MAGIC); C("fs_magic", SYSV4_SUPER_MAGIC); C("fs_magic", SYSV2_SUPER_MAGIC);
    C("fs_magic", COH_SUPER_MAGIC); C("fs_magic", SHMFS_SUPER_MAGIC); C("fs_magic", ANON_INODE_FS_MAGIC);
    C("fs_magic", FUTEXFS_SUPER_MAGIC); C("fs_magic", MTD_INODE_FS_MAGIC); C("fs_magic", BALLOON_KVM_MAGIC);
    C("fs_magic", UDF_SUPER_MAGIC); C("fs_magic", BFS_MAGIC); C("fs_magic", EXFAT_SUPER_MAGIC);
    C("fs_magic", UBIFS_SUPER_MAGIC); C("fs_magic", CRAMFS_MAGIC); C("fs_magic", ZFS_SUPER_MAGIC);
    C("fs_magic", JFS_SUPER_MAGIC); C("fs_magic", BEFS_SUPER_MAGIC); C("fs_magic", BINFMTFS_MAGIC);
    C("fs_magic", SMACK_MAGIC); C("fs_magic", DMA_BUF_MAGIC); C("fs_magic", CRAMFS_MAGIC_WEND);
    C("fs_magic", DEVMEM_MAGIC); C("fs_magic", GPFS_SUPER_MAGIC); C("fs_magic", PIPEFS_MAGIC);
    C("fs_magic", REISERFS_SUPER_MAGIC); C("fs_magic", SECRETMEM_MAGIC); C("fs_magic", AFS_SUPER_MAGIC);
    C("fs_magic", NTFS_SB_MAGIC); C("fs_magic", SOCKFS_MAGIC); C("fs_magic", UFS_CIGAM);
    C("fs_magic", VZFS_SUPER_MAGIC); C("fs_magic", STACK_END_MAGIC); C("fs_magic", ZSMALLOC_MAGIC);
    C("fs_magic", XFS_SUPER_MAGIC); C("fs_magic", AAFS_MAGIC); C("fs_magic", ZONEFS_MAGIC);
    C("fs_magic", PSTOREFS_MAGIC); C("fs_magic", AUFS_SUPER_MAGIC); C("fs_magic", BDEVFS_MAGIC);
    C("fs_magic", CONFIGFS_MAGIC); C("fs_magic", SYSFS_MAGIC); C("fs_magic", CGROUP2_SUPER_MAGIC);
    C("fs_magic", DEBUGFS_MAGIC); C("fs_magic", DAXFS_MAGIC); C("fs_magic", FUSE_CTL_SUPER_MAGIC);
    C("fs_magic", FUSE_SUPER_MAGIC); C("fs_magic", QNX6_SUPER_MAGIC); C("fs_magic", AFS_FS_MAGIC);
    C("fs_magic", BINDERFS_SUPER_MAGIC); C("fs_magic", NSFS_MAGIC); C("fs_magic", SECURITYFS_MAGIC);
    C("fs_magic", SQUASHFS_MAGIC); C("fs_magic", BTRFS_TEST_MAGIC); C("fs_magic", CODA_SUPER_MAGIC);
    C("fs_magic", OCFS2_SUPER_MAGIC); C("fs_magic", TRACEFS_MAGIC); C("fs_magic", OVERLAYFS_SUPER_MAGIC);
    C("fs_magic", RAMFS_MAGIC); C("fs_magic", BTRFS_SUPER_MAGIC); C("fs_magic", HUGETLBFS_MAGIC);
    C("fs_magic", VXFS_SUPER_MAGIC); C("fs_magic", XENFS_SUPER_MAGIC); C("fs_magic", PPC_CMM_MAGIC);
    C("fs_magic", LOGFS_MAGIC); C("fs_magic", BPF_FS_MAGIC); C("fs_magic", EFIVARFS_MAGIC);
    C("fs_magic", EROFS_SUPER_MAGIC_V1); C("fs_magic", F2FS_SUPER_MAGIC); C("fs_magic", SELINUX_MAGIC);
    C("fs_magic", HPFS_SUPER_MAGIC); C("fs_magic", SMB2_SUPER_MAGIC); C("fs_magic", CIFS_SUPER_MAGIC);
}

static void poll_constants(void) {
    C("poll_events", POLLIN); C("poll_events", POLLPRI); C("poll_events", POLLOUT); C("poll_events", POLLERR);
    C("poll_events", POLLHUP); C("poll_events", POLLNVAL); C("poll_events", POLLRDNORM);
    C("poll_events", POLLRDBAND); C("poll_events", POLLWRNORM); C("poll_events", POLLWRBAND);
    C("poll_events", POLLMSG); C("poll_events", POLLREMOVE); C("poll_events", POLLRDHUP);
    C("poll_events", POLL_BUSY_LOOP);

    C("epoll_create_flags", EPOLL_CLOEXEC);
    C("epoll_events", EPOLLIN); C("epoll_events", EPOLLPRI); C("epoll_events", EPOLLOUT);
    C("epoll_events", EPOLLERR); C("epoll_events", EPOLLHUP); C("epoll_events", EPOLLNVAL);
    C("epoll_events", EPOLLRDNORM); C("epoll_events", EPOLLRDBAND); C("epoll_events", EPOLLWRNORM);
    C("epoll_events", EPOLLWRBAND); C("epoll_events", EPOLLMSG); C("epoll_events", EPOLLRDHUP);
    C("epoll_events", EPOLLEXCLUSIVE); C("epoll_events", EPOLLWAKEUP); C("epoll_events", EPOLLONESHOT);
    C("epoll_events", EPOLLET);
    C("epoll_ctl_op", EPOLL_CTL_ADD); C("epoll_ctl_op", EPOLL_CTL_DEL); C("epoll_ctl_op", EPOLL_CTL_MOD);

    C("inotify_mask", IN_ACCESS); C("inotify_mask", IN_MODIFY); C("inotify_mask", IN_ATTRIB);
    C("inotify_mask", IN_CLOSE_WRITE); C("inotify_mask", IN_CLOSE_NOWRITE); C("inotify_mask", IN_OPEN);
    C("inotify_mask", IN_MOVED_FROM); C("inotify_mask", IN_MOVED_TO); C("inotify_mask", IN_CREATE);
    C("inotify_mask", IN_DELETE); C("inotify_mask", IN_DELETE_SELF); C("inotify_mask", IN_MOVE_SELF);
    C("inotify_mask", IN_UNMOUNT); C("inotify_mask", IN_Q_OVERFLOW); C("inotify_mask", IN_IGNORED);
    C("inotify_mask", IN_ONLYDIR); C("inotify_mask", IN_DONT_FOLLOW); C("inotify_mask", IN_EXCL_UNLINK);
    C("inotify_mask", IN_MASK_CREATE); C("inotify_mask", IN_MASK_ADD); C("inotify_mask", IN_ISDIR);
    C("inotify_mask", IN_ONESHOT);
    C("inotify_init_flags", IN_NONBLOCK); C("inotify_init_flags", IN_CLOEXEC);

    C("timerfd_flags", TFD_TIMER_ABSTIME); C("timerfd_flags", TFD_TIMER_CANCEL_ON_SET);
    C("timerfd_flags", TFD_CLOEXEC); C("timerfd_flags", TFD_NONBLOCK);
    /* strace's clocks table, the clocks a timerfd can be made on first. */
    C("clock_id", CLOCK_REALTIME); C("clock_id", CLOCK_MONOTONIC); C("clock_id", CLOCK_PROCESS_CPUTIME_ID);
    C("clock_id", CLOCK_THREAD_CPUTIME_ID); C("clock_id", CLOCK_MONOTONIC_RAW); C("clock_id", CLOCK_REALTIME_COARSE);
    C("clock_id", CLOCK_MONOTONIC_COARSE); C("clock_id", CLOCK_BOOTTIME); C("clock_id", CLOCK_REALTIME_ALARM);
    C("clock_id", CLOCK_BOOTTIME_ALARM); C("clock_id", CLOCK_SGI_CYCLE); C("clock_id", CLOCK_TAI);

    /* sizeof the kernel's sigset_t (asm/signal.h): the size a sigsetsize argument must have. */
    C("kernel_sigset_size", KERNEL_SIGSET_SIZE);
}

/* ioctl request numbers, by name, in strace's ioctlent order (by number, then name: "A or B" for a shared number). */
static void ioctl_constants(void) {
    C("ioctl_dir", _IOC_NONE); C("ioctl_dir", _IOC_READ); C("ioctl_dir", _IOC_WRITE);
    C("ioctl_field", _IOC_NRSHIFT); C("ioctl_field", _IOC_NRMASK); C("ioctl_field", _IOC_TYPESHIFT);
    C("ioctl_field", _IOC_TYPEMASK); C("ioctl_field", _IOC_SIZESHIFT); C("ioctl_field", _IOC_SIZEMASK);
    C("ioctl_field", _IOC_DIRSHIFT); C("ioctl_field", _IOC_DIRMASK);

    C("ioctl_request", TCGETS); C("ioctl_request", SNDCTL_TMR_START); C("ioctl_request", TCSETS);
    C("ioctl_request", SNDCTL_TMR_STOP); C("ioctl_request", TCSETSW); C("ioctl_request", SNDCTL_TMR_CONTINUE);
    C("ioctl_request", TCSETSF); C("ioctl_request", TCGETA); C("ioctl_request", TCSETA);
    C("ioctl_request", TCSETAW); C("ioctl_request", TCSETAF); C("ioctl_request", TCSBRK);
    C("ioctl_request", TCXONC); C("ioctl_request", TCFLSH); C("ioctl_request", TIOCEXCL);
    C("ioctl_request", TIOCNXCL); C("ioctl_request", TIOCSCTTY); C("ioctl_request", TIOCGPGRP);
    C("ioctl_request", TIOCSPGRP); C("ioctl_request", TIOCOUTQ); C("ioctl_request", TIOCSTI);
    C("ioctl_request", TIOCGWINSZ); C("ioctl_request", TIOCSWINSZ); C("ioctl_request", TIOCMGET);
    C("ioctl_request", TIOCMBIS); C("ioctl_request", TIOCMBIC); C("ioctl_request", TIOCMSET);
    C("ioctl_request", TIOCGSOFTCAR); C("ioctl_request", TIOCSSOFTCAR); C("ioctl_request", FIONREAD);
    C("ioctl_request", TIOCLINUX); C("ioctl_request", TIOCCONS); C("ioctl_request", TIOCGSERIAL);
    C("ioctl_request", TIOCSSERIAL); C("ioctl_request", TIOCPKT); C("ioctl_request", FIONBIO);
    C("ioctl_request", TIOCNOTTY); C("ioctl_request", TIOCSETD); C("ioctl_request", TIOCGETD);
    C("ioctl_request", TCSBRKP); C("ioctl_request", TIOCSBRK); C("ioctl_request", TIOCCBRK);
    C("ioctl_request", TIOCGSID); C("ioctl_request", TIOCGRS485); C("ioctl_request", TIOCSRS485);
    C("ioctl_request", TCGETX); C("ioctl_request", TCSETX); C("ioctl_request", TCSETXF);
    C("ioctl_request", TCSETXW); C("ioctl_request", TIOCVHANGUP); C("ioctl_request", TIOCGPTPEER);
    C("ioctl_request", FIONCLEX); C("ioctl_request", FIOCLEX); C("ioctl_request", FIOASYNC);
    C("ioctl_request", TIOCSERCONFIG); C("ioctl_request", TIOCSERGWILD); C("ioctl_request", TIOCSERSWILD);
    C("ioctl_request", TIOCGLCKTRMIOS); C("ioctl_request", TIOCSLCKTRMIOS); C("ioctl_request", TIOCSERGSTRUCT);
    C("ioctl_request", TIOCSERGETLSR); C("ioctl_request", TIOCSERGETMULTI); C("ioctl_request", TIOCSERSETMULTI);
    C("ioctl_request", TIOCMIWAIT); C("ioctl_request", TIOCGICOUNT); C("ioctl_request", FIOQSIZE);
    C("ioctl_request", FIOSETOWN); C("ioctl_request", SIOCSPGRP); C("ioctl_request", FIOGETOWN);
    C("ioctl_request", SIOCGPGRP); C("ioctl_request", SIOCATMARK); C("ioctl_request", SIOCGSTAMP_OLD);
    C("ioctl_request", SIOCGSTAMPNS_OLD); C("ioctl_request", SIOCADDRT); C("ioctl_request", SIOCDELRT);
    C("ioctl_request", SIOCRTMSG); C("ioctl_request", SIOCGIFNAME); C("ioctl_request", SIOCSIFLINK);
    C("ioctl_request", SIOCGIFCONF); C("ioctl_request", SIOCGIFFLAGS); C("ioctl_request", SIOCSIFFLAGS);
    C("ioctl_request", SIOCGIFADDR); C("ioctl_request", SIOCSIFADDR); C("ioctl_request", SIOCGIFDSTADDR);
    C("ioctl_request", SIOCSIFDSTADDR); C("ioctl_request", SIOCGIFBRDADDR); C("ioctl_request", SIOCSIFBRDADDR);
    C("ioctl_request", SIOCGIFNETMASK); C("ioctl_request", SIOCSIFNETMASK); C("ioctl_request", SIOCGIFMETRIC);
    C("ioctl_request", SIOCSIFMETRIC); C("ioctl_request", SIOCGIFMEM); C("ioctl_request", SIOCSIFMEM);
    C("ioctl_request", SIOCGIFMTU); C("ioctl_request", SIOCSIFMTU); C("ioctl_request", SIOCSIFNAME);
    C("ioctl_request", SIOCSIFHWADDR); C("ioctl_request", SIOCGIFENCAP); C("ioctl_request", SIOCSIFENCAP);
    C("ioctl_request", SIOCGIFHWADDR); C("ioctl_request", SIOCGIFSLAVE); C("ioctl_request", SIOCSIFSLAVE);
    C("ioctl_request", SIOCADDMULTI); C("ioctl_request", SIOCDELMULTI); C("ioctl_request", SIOCGIFINDEX);
    C("ioctl_request", SIOCSIFPFLAGS); C("ioctl_request", SIOCGIFPFLAGS); C("ioctl_request", SIOCDIFADDR);
    C("ioctl_request", SIOCSIFHWBROADCAST); C("ioctl_request", SIOCGIFCOUNT); C("ioctl_request", SIOCGIFBR);
    C("ioctl_request", SIOCSIFBR); C("ioctl_request", SIOCGIFTXQLEN); C("ioctl_request", SIOCSIFTXQLEN);
    C("ioctl_request", SIOCETHTOOL); C("ioctl_request", SIOCGMIIPHY); C("ioctl_request", SIOCGMIIREG);
    C("ioctl_request", SIOCSMIIREG); C("ioctl_request", SIOCWANDEV); C("ioctl_request", SIOCOUTQNSD);
    C("ioctl_request", SIOCGSKNS); C("ioctl_request", SIOCDARP); C("ioctl_request", SIOCGARP);
    C("ioctl_request", SIOCSARP); C("ioctl_request", SIOCDRARP); C("ioctl_request", SIOCGRARP);
    C("ioctl_request", SIOCSRARP); C("ioctl_request", SIOCGIFMAP); C("ioctl_request", SIOCSIFMAP);
    C("ioctl_request", SIOCADDDLCI); C("ioctl_request", SIOCDELDLCI); C("ioctl_request", SIOCGIFVLAN);
    C("ioctl_request", SIOCSIFVLAN); C("ioctl_request", SIOCBONDENSLAVE); C("ioctl_request", SIOCBONDRELEASE);
    C("ioctl_request", SIOCBONDSETHWADDR); C("ioctl_request", SIOCBONDSLAVEINFOQUERY);
    C("ioctl_request", SIOCBONDINFOQUERY); C("ioctl_request", SIOCBONDCHANGEACTIVE); C("ioctl_request", SIOCBRADDBR);
    C("ioctl_request", SIOCBRDELBR); C("ioctl_request", SIOCBRADDIF); C("ioctl_request", SIOCBRDELIF);
    C("ioctl_request", SIOCSHWTSTAMP); C("ioctl_request", SIOCGHWTSTAMP); C("ioctl_request", SIOCPROTOPRIVATE);
    C("ioctl_request", SIOCDEVPRIVATE);
    C("ioctl_request", TIOCSPTLCK); C("ioctl_request", TIOCSIG); C("ioctl_request", FS_IOC32_SETFLAGS);
    C("ioctl_request", BTRFS_IOC_CLONE); C("ioctl_request", FICLONE); C("ioctl_request", TFD_IOC_SET_TICKS);
    C("ioctl_request", FS_IOC_SETFLAGS); C("ioctl_request", BTRFS_IOC_CLONE_RANGE); C("ioctl_request", FICLONERANGE);
    C("ioctl_request", TCSETS2); C("ioctl_request", TCSETSW2); C("ioctl_request", TCSETSF2);
    C("ioctl_request", FS_IOC_SETFSLABEL); C("ioctl_request", TIOCGPTN); C("ioctl_request", TIOCGDEV);
    C("ioctl_request", TIOCGPKT); C("ioctl_request", TIOCGPTLCK); C("ioctl_request", TIOCGEXCL);
    C("ioctl_request", FS_IOC32_GETFLAGS); C("ioctl_request", FS_IOC_GETFLAGS); C("ioctl_request", SIOCGSTAMP_NEW);
    C("ioctl_request", SIOCGSTAMPNS_NEW); C("ioctl_request", TIOCGISO7816); C("ioctl_request", TCGETS2);
    C("ioctl_request", FS_IOC_GETFSLABEL); C("ioctl_request", BTRFS_IOC_FILE_EXTENT_SAME);
    C("ioctl_request", FIDEDUPERANGE); C("ioctl_request", FS_IOC_FIEMAP); C("ioctl_request", TIOCSISO7816);
}

/* struct termios's flag words (asm-generic/termbits.h), as strace's term.c splits them. */
static void termios_constants(void) {
    C("term_iflags", IGNBRK); C("term_iflags", BRKINT); C("term_iflags", IGNPAR); C("term_iflags", PARMRK);
    C("term_iflags", INPCK); C("term_iflags", ISTRIP); C("term_iflags", INLCR); C("term_iflags", IGNCR);
    C("term_iflags", ICRNL); C("term_iflags", IUCLC); C("term_iflags", IXON); C("term_iflags", IXANY);
    C("term_iflags", IXOFF); C("term_iflags", IMAXBEL); C("term_iflags", IUTF8);

    C("term_oflags", OPOST); C("term_oflags", OLCUC); C("term_oflags", ONLCR); C("term_oflags", OCRNL);
    C("term_oflags", ONOCR); C("term_oflags", ONLRET); C("term_oflags", OFILL); C("term_oflags", OFDEL);
#ifdef PAGEOUT
    C("term_oflags", PAGEOUT);
#endif
#ifdef WRAP
    C("term_oflags", WRAP);
#endif
    C("term_oflags_nldly", NL0); C("term_oflags_nldly", NL1);
    C("term_oflags_crdly", CR0); C("term_oflags_crdly", CR1); C("term_oflags_crdly", CR2);
    C("term_oflags_crdly", CR3);
    /* XTABS equals TAB3 and is listed first, so that is the name strace prints for it. */
    C("term_oflags_tabdly", XTABS); C("term_oflags_tabdly", TAB0); C("term_oflags_tabdly", TAB1);
    C("term_oflags_tabdly", TAB2); C("term_oflags_tabdly", TAB3);
    C("term_oflags_bsdly", BS1); C("term_oflags_bsdly", BS0);
    C("term_oflags_vtdly", VT0); C("term_oflags_vtdly", VT1);
    C("term_oflags_ffdly", FF0); C("term_oflags_ffdly", FF1);
    C("term_oflags_mask", NLDLY); C("term_oflags_mask", CRDLY); C("term_oflags_mask", TABDLY);
    C("term_oflags_mask", BSDLY); C("term_oflags_mask", VTDLY); C("term_oflags_mask", FFDLY);

    C("term_baud", B0); C("term_baud", B50); C("term_baud", B75); C("term_baud", B110); C("term_baud", B134);
    C("term_baud", B150); C("term_baud", B200); C("term_baud", B300); C("term_baud", B600); C("term_baud", B1200);
    C("term_baud", B1800); C("term_baud", B2400); C("term_baud", B4800); C("term_baud", B9600);
    C("term_baud", B19200); C("term_baud", B38400); C("term_baud", B57600);
#ifdef B76800
    C("term_baud", B76800);
#endif
    C("term_baud", B115200);
#ifdef B153600
    C("term_baud", B153600);
#endif
    C("term_baud", B230400);
#ifdef B307200
    C("term_baud", B307200);
#endif
    C("term_baud", B460800); C("term_baud", B500000); C("term_baud", B576000);
#ifdef B614400
    C("term_baud", B614400);
#endif
    C("term_baud", B921600); C("term_baud", B1000000); C("term_baud", B1152000); C("term_baud", B1500000);
    C("term_baud", B2000000); C("term_baud", B2500000); C("term_baud", B3000000); C("term_baud", B3500000);
    C("term_baud", B4000000); C("term_baud", EXTA); C("term_baud", EXTB); C("term_baud", BOTHER);
    C("term_cflags_csize", CS5); C("term_cflags_csize", CS6); C("term_cflags_csize", CS7);
    C("term_cflags_csize", CS8);
    C("term_cflags", CSTOPB); C("term_cflags", CREAD); C("term_cflags", PARENB); C("term_cflags", PARODD);
    C("term_cflags", HUPCL); C("term_cflags", CLOCAL);
#ifdef CTVB
    C("term_cflags", CTVB);
#endif
    C("term_cflags", CMSPAR); C("term_cflags", CRTSCTS);
    C("term_cflags_mask", CBAUD); C("term_cflags_mask", CIBAUD); C("term_cflags_mask", CSIZE);
    C("term_cflags_shift", IBSHIFT);

    C("term_tcxonc", TCOOFF); C("term_tcxonc", TCOON); C("term_tcxonc", TCIOFF); C("term_tcxonc", TCION);
    C("term_tcflsh", TCIFLUSH); C("term_tcflsh", TCOFLUSH); C("term_tcflsh", TCIOFLUSH);
    C("modem_flags", TIOCM_LE); C("modem_flags", TIOCM_DTR); C("modem_flags", TIOCM_RTS); C("modem_flags", TIOCM_ST);
    C("modem_flags", TIOCM_SR); C("modem_flags", TIOCM_CTS); C("modem_flags", TIOCM_CAR);
    C("modem_flags", TIOCM_RNG); C("modem_flags", TIOCM_DSR); C("modem_flags", TIOCM_OUT1);
    C("modem_flags", TIOCM_OUT2); C("modem_flags", TIOCM_LOOP);

    C("term_lflags", ISIG); C("term_lflags", ICANON); C("term_lflags", XCASE); C("term_lflags", ECHO);
    C("term_lflags", ECHOE); C("term_lflags", ECHOK); C("term_lflags", ECHONL); C("term_lflags", NOFLSH);
    C("term_lflags", IEXTEN); C("term_lflags", ECHOCTL); C("term_lflags", ECHOPRT); C("term_lflags", ECHOKE);
    C("term_lflags", FLUSHO); C("term_lflags", PENDIN); C("term_lflags", TOSTOP); C("term_lflags", EXTPROC);
#ifdef DEFECHO
    C("term_lflags", DEFECHO);
#endif
}

static void constants(void) {
    fcntl_constants();
    fsmagic_constants();
    poll_constants();
    ioctl_constants();
    termios_constants();
}

static void layouts(void) {
    /* The kernel's struct statfs (asm-generic/statfs.h): what statfs and fstatfs write. */
    L(struct statfs, "statfs", f_type); L(struct statfs, "statfs", f_bsize); L(struct statfs, "statfs", f_blocks);
    L(struct statfs, "statfs", f_bfree); L(struct statfs, "statfs", f_bavail); L(struct statfs, "statfs", f_files);
    L(struct statfs, "statfs", f_ffree); L(struct statfs, "statfs", f_fsid); L(struct statfs, "statfs", f_namelen);
    L(struct statfs, "statfs", f_frsize); L(struct statfs, "statfs", f_flags); SIZE(struct statfs, "statfs");

    L(struct flock, "flock", l_type); L(struct flock, "flock", l_whence); L(struct flock, "flock", l_start);
    L(struct flock, "flock", l_len); L(struct flock, "flock", l_pid); SIZE(struct flock, "flock");
    L(struct f_owner_ex, "f_owner_ex", type); L(struct f_owner_ex, "f_owner_ex", pid);
    SIZE(struct f_owner_ex, "f_owner_ex");

    L(struct pollfd, "pollfd", fd); L(struct pollfd, "pollfd", events); L(struct pollfd, "pollfd", revents);
    SIZE(struct pollfd, "pollfd");
    L(struct epoll_event, "epoll_event", events); L(struct epoll_event, "epoll_event", data);
    SIZE(struct epoll_event, "epoll_event");

    L(struct __kernel_timespec, "timespec", tv_sec); L(struct __kernel_timespec, "timespec", tv_nsec);
    SIZE(struct __kernel_timespec, "timespec");
    L(struct __kernel_old_timeval, "timeval", tv_sec); L(struct __kernel_old_timeval, "timeval", tv_usec);
    SIZE(struct __kernel_old_timeval, "timeval");
    L(struct __kernel_itimerspec, "itimerspec", it_interval); L(struct __kernel_itimerspec, "itimerspec", it_value);
    SIZE(struct __kernel_itimerspec, "itimerspec");
    L(struct utimbuf, "utimbuf", actime); L(struct utimbuf, "utimbuf", modtime); SIZE(struct utimbuf, "utimbuf");

    L(struct termios, "termios", c_iflag); L(struct termios, "termios", c_oflag);
    L(struct termios, "termios", c_cflag); L(struct termios, "termios", c_lflag); SIZE(struct termios, "termios");
    L(struct termios2, "termios2", c_iflag); L(struct termios2, "termios2", c_oflag);
    L(struct termios2, "termios2", c_cflag); L(struct termios2, "termios2", c_lflag);
    SIZE(struct termios2, "termios2");
    L(struct termio, "termio", c_iflag); L(struct termio, "termio", c_oflag);
    L(struct termio, "termio", c_cflag); L(struct termio, "termio", c_lflag); SIZE(struct termio, "termio");
    L(struct winsize, "winsize", ws_row); L(struct winsize, "winsize", ws_col);
    L(struct winsize, "winsize", ws_xpixel); L(struct winsize, "winsize", ws_ypixel); SIZE(struct winsize, "winsize");
}

GROUP_MAIN(constants, layouts)
