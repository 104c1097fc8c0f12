/*
 * Descriptor and file calls for the strace comparison: fcntl in every form, flock, dup3, pipes and the in-kernel
 * copies, the vector reads and writes, getdents64, the fd-making calls (eventfd, timerfd, inotify), statfs, the
 * xattr family, the timestamp calls, mknod. Everything happens in argv[1]/work, which it removes again, so that the
 * run under strace and the run under the tracer see the same files.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/close_range.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <utime.h>

static void fcntls(int fd, int dir) {
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5};
    struct f_owner_ex owner = {.type = F_OWNER_PID, .pid = getpid()};
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND);
    fcntl(fd, F_GETFL);
    close(fcntl(fd, F_DUPFD, 10));
    close(fcntl(fd, F_DUPFD_CLOEXEC, 20));
    fcntl(fd, F_SETLK, &fl);
    fl.l_type = F_RDLCK;
    fcntl(fd, F_GETLK, &fl);
    fl.l_type = F_WRLCK;
    fcntl(fd, F_SETLKW, &fl);
    fl.l_type = F_UNLCK;
    fcntl(fd, F_SETLK, &fl);
    fl.l_type = F_WRLCK;
    fl.l_pid = 0;
    fcntl(fd, F_OFD_SETLK, &fl);
    fl.l_type = F_RDLCK;
    fl.l_pid = 0;
    fcntl(fd, F_OFD_GETLK, &fl);
    fcntl(fd, F_GETLK, NULL);
    fcntl(fd, F_GETOWN);
    fcntl(fd, F_SETOWN, 0);
    fcntl(fd, F_SETOWN_EX, &owner);
    fcntl(fd, F_GETOWN_EX, &owner);
    fcntl(fd, F_GETSIG);
    fcntl(fd, F_SETSIG, SIGIO);
    fcntl(fd, F_GETSIG);
    fcntl(fd, F_SETSIG, 0);
    fcntl(fd, F_GETLEASE);
    fcntl(fd, F_SETLEASE, F_UNLCK);
    fcntl(dir, F_NOTIFY, DN_MODIFY | DN_CREATE | DN_MULTISHOT);
    fcntl(dir, F_NOTIFY, 0);
    fcntl(fd, 12, &fl);          /* F_GETLK64: not a command on 64-bit kernels */
    fcntl(fd, 0x4ff, 0x1234);    /* no such command */
}

static void pipes_and_copies(int fd) {
    int p[2], q[2];
    loff_t off = 0, out = 0;
    off_t soff = 0;
    char buf[8];
    struct iovec iov = {.iov_base = "vmsplice", .iov_len = 8};
    pipe2(p, O_CLOEXEC | O_NONBLOCK);
    pipe2(q, 0);
    fcntl(p[0], F_GETPIPE_SZ);
    fcntl(p[0], F_SETPIPE_SZ, 65536);
    int copy = open("work/copy", O_RDWR | O_CREAT | O_TRUNC, 0600);
    copy_file_range(fd, &off, copy, NULL, 5, 0);
    copy_file_range(fd, NULL, copy, &out, 5, 0);
    sendfile(copy, fd, &soff, 5);
    sendfile(copy, fd, NULL, 0);
    off = 0;
    splice(fd, &off, p[1], NULL, 5, SPLICE_F_MOVE);
    tee(p[0], q[1], 5, SPLICE_F_NONBLOCK);
    vmsplice(p[1], &iov, 1, SPLICE_F_GIFT);
    read(p[0], buf, sizeof buf);
    dup3(copy, 40, O_CLOEXEC);
    close(40);
    close(copy);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
}

static void vectors(int fd) {
    char a[4], b[64];
    struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
    struct iovec out[2] = {{"abc", 3}, {"defghijklmnopqrstuvwxyz0123456789ABCDEF", 39}};
    writev(fd, out, 2);
    pwritev(fd, out, 1, 0);
    pwritev2(fd, out, 2, 0, RWF_DSYNC);
    lseek(fd, 0, SEEK_SET);
    readv(fd, in, 2);
    preadv(fd, in, 2, 2);
    preadv2(fd, in, 1, 0, RWF_HIPRI | RWF_NOWAIT);
    readv(-1, in, 2);
}

static void advice(int fd) {
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    posix_fadvise(fd, 4096, 8192, POSIX_FADV_DONTNEED);
    readahead(fd, 0, 4096);
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
    fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 4096);
    ftruncate(fd, 100);
    fsync(fd);
    fdatasync(fd);
    syncfs(fd);
    fchmod(fd, 0600);
    flock(fd, LOCK_EX | LOCK_NB);
    flock(fd, LOCK_UN);
    flock(fd, LOCK_SH);
}

static void directories(void) {
    DIR *d = opendir("work");
    while (d && readdir(d)) {
    }
    if (d) {
        closedir(d);
    }
    char cwd[4096];
    getcwd(cwd, sizeof cwd);
    int w = open("work", O_RDONLY | O_DIRECTORY);
    fchdir(w);
    fchdir(-1);
    chdir("..");
    close(w);
    faccessat(AT_FDCWD, "work/data.txt", R_OK | W_OK, 0);
    syscall(SYS_faccessat, AT_FDCWD, "work/data.txt", X_OK);
    umask(027);
    umask(022);
}

static void fd_makers(void) {
    struct itimerspec its = {.it_interval = {1, 0}, .it_value = {0, 0}}, old;
    int e = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    timerfd_settime(t, 0, &its, &old);
    timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL);
    timerfd_gettime(t, &old);
    int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    int wd = inotify_add_watch(in, "work", IN_CREATE | IN_DELETE | IN_ONLYDIR);
    inotify_rm_watch(in, wd);
    inotify_add_watch(in, "work/none", IN_ALL_EVENTS);
    int m = memfd_create("sealed", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
    fcntl(m, F_GET_SEALS);
    close(m);
    close(e);
    close(t);
    close(in);
    close_range(100, 200, 0);
    close_range(1000, ~0U, CLOSE_RANGE_CLOEXEC);
}

static void filesystems(int fd) {
    struct statfs s;
    statfs("work", &s);
    fstatfs(fd, &s);
    statfs("/proc", &s);
    statfs("/no/such/dir", &s);
}

static void xattrs(int fd) {
    char value[128];
    char list[256];
    setxattr("work/data.txt", "user.test", "value", 6, XATTR_CREATE);
    setxattr("work/data.txt", "user.test", "value", 6, XATTR_CREATE);
    setxattr("work/data.txt", "user.a.rather.long.attribute.name.over.32", "0123456789abcdef0123456789abcdef01", 34, 0);
    getxattr("work/data.txt", "user.test", NULL, 0);
    getxattr("work/data.txt", "user.test", value, sizeof value);
    getxattr("work/data.txt", "user.a.rather.long.attribute.name.over.32", value, sizeof value);
    getxattr("work/data.txt", "user.none", value, sizeof value);
    lgetxattr("work/data.txt", "user.test", value, sizeof value);
    fgetxattr(fd, "user.test", value, sizeof value);
    fsetxattr(fd, "user.test", "other\n\001", 7, XATTR_REPLACE);
    lsetxattr("work/link", "user.test", "x", 1, 0);
    listxattr("work/data.txt", NULL, 0);
    listxattr("work/data.txt", list, sizeof list);
    llistxattr("work/link", list, sizeof list);
    flistxattr(fd, list, sizeof list);
    removexattr("work/data.txt", "user.test");
    lremovexattr("work/link", "user.test");
    fremovexattr(fd, "user.a.rather.long.attribute.name.over.32");
    fremovexattr(fd, "user.none");
}

static void times(int fd) {
    struct timespec ts[2] = {{1685023897, 0}, {1685023897, 500}};
    struct timespec special[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
    struct timeval tv[2] = {{1669920468, 0}, {1669920468, 250000}};
    struct utimbuf ub = {1676058853, 1673214651};
    utimensat(AT_FDCWD, "work/data.txt", ts, 0);
    syscall(SYS_utimensat, fd, NULL, special, 0);
    syscall(SYS_utimensat, AT_FDCWD, "work/link", NULL, AT_SYMLINK_NOFOLLOW);
    futimens(fd, ts);
    syscall(SYS_futimesat, AT_FDCWD, "work/data.txt", tv);
    /* glibc turns utimes and utime into utimensat: the old calls by number. */
    syscall(SYS_utimes, "work/data.txt", tv);
    syscall(SYS_utime, "work/data.txt", &ub);
    syscall(SYS_utime, "work/data.txt", NULL);
}

static void nodes(void) {
    mknodat(AT_FDCWD, "work/fifo", S_IFIFO | 0600, 0);
    mknod("work/null", S_IFCHR | 0666, makedev(1, 3));
    mknod("work/plain", S_IFREG | 0644, 0);
    unlink("work/fifo");
    unlink("work/null");
    unlink("work/plain");
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    mkdir("work", 0700);
    int fd = open("work/data.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int dir = open("work", O_RDONLY | O_DIRECTORY);
    write(fd, "hello world\n", 12);
    symlink("data.txt", "work/link");
    fcntls(fd, dir);
    pipes_and_copies(fd);
    vectors(fd);
    advice(fd);
    directories();
    fd_makers();
    filesystems(fd);
    xattrs(fd);
    times(fd);
    nodes();
    close(dir);
    close(fd);
    unlink("work/link");
    unlink("work/copy");
    unlink("work/data.txt");
    rmdir("work");
    return 0;
}
