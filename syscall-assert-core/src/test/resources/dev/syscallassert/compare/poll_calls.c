/*
 * Waiting on descriptors for the strace comparison: poll, ppoll, select, pselect6 and epoll on pipes whose
 * readiness is fixed before each call (data written, nothing written), with zero timeouts so that nothing depends
 * on timing; more fds than strace shows (32) in one array.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>

#define PIPES 20

int main(void) {
    int p[PIPES][2];
    for (int i = 0; i < PIPES; i++) {
        pipe(p[i]);
        write(p[i][1], "x", 1);
    }
    struct pollfd fds[3] = {{p[0][0], POLLIN | POLLPRI, 0}, {p[0][1], POLLOUT, 0}, {-1, POLLIN, 0}};
    poll(fds, 3, 0);
    char c;
    read(p[0][0], &c, 1);
    poll(fds, 1, 0);
    poll(NULL, 0, 0);

    struct pollfd many[2 * PIPES];
    for (int i = 0; i < PIPES; i++) {
        many[2 * i] = (struct pollfd) {p[i][0], POLLIN, 0};
        many[2 * i + 1] = (struct pollfd) {p[i][1], POLLOUT | POLLWRNORM, 0};
    }
    poll(many, 2 * PIPES, 0);

    struct timespec zero = {0, 0};
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN + 2);
    ppoll(fds, 2, &zero, &mask);
    ppoll(fds, 2, &zero, NULL);

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0][0], &rd);
    FD_SET(p[1][0], &rd);
    FD_SET(p[1][1], &wr);
    struct timeval tv = {0, 0};
    select(p[1][1] + 1, &rd, &wr, NULL, &tv);
    FD_ZERO(&rd);
    FD_SET(p[0][0], &rd);
    tv = (struct timeval) {0, 0};
    select(p[0][0] + 1, &rd, NULL, NULL, &tv);
    select(0, NULL, NULL, NULL, &tv);
    /* glibc's select is pselect6: the old call by number too. */
    FD_ZERO(&rd);
    FD_SET(p[1][0], &rd);
    FD_SET(p[1][1], &wr);
    tv = (struct timeval) {0, 0};
    syscall(SYS_select, p[1][1] + 1, &rd, &wr, NULL, &tv);
    syscall(SYS_select, p[1][1] + 1, NULL, NULL, NULL, &tv);

    FD_ZERO(&rd);
    FD_SET(p[2][0], &rd);
    sigset_t all;
    sigfillset(&all);
    struct { const sigset_t *ss; size_t len; } pack = {&all, 8};
    syscall(SYS_pselect6, p[2][0] + 1, &rd, NULL, NULL, &zero, &pack);
    FD_SET(p[2][0], &rd);
    syscall(SYS_pselect6, p[2][0] + 1, &rd, NULL, NULL, &zero, NULL);

    int ep = epoll_create1(EPOLL_CLOEXEC);
    int old = epoll_create(10);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x100000003ULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, p[3][0], &ev);
    ev.events = EPOLLOUT;
    ev.data.fd = p[3][1];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[3][1], &ev);
    ev.events = EPOLLIN | EPOLLRDHUP;
    epoll_ctl(ep, EPOLL_CTL_MOD, p[3][0], &ev);
    epoll_ctl(ep, EPOLL_CTL_ADD, p[3][0], &ev);
    struct epoll_event out[8];
    epoll_wait(ep, out, 8, 0);
    epoll_pwait(ep, out, 8, 0, &mask);
    epoll_pwait2(ep, out, 8, &zero, NULL);
    epoll_ctl(ep, EPOLL_CTL_DEL, p[3][1], NULL);
    epoll_wait(old, out, 8, 0);
    epoll_wait(-1, out, 8, 0);
    close(old);
    close(ep);
    for (int i = 0; i < PIPES; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
    return 0;
}
