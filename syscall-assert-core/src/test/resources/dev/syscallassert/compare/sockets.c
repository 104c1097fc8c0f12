#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <poll.h>

/* Sockets on loopback and socketpairs only: options, control messages, message vectors, netlink and packet addresses. */
int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    int fd = open("/dev/null", O_RDONLY);
    char data[] = "x";
    struct iovec iov = {data, 1};
    union { struct cmsghdr h; char buf[CMSG_SPACE(2 * sizeof(int))]; } u;
    memset(&u, 0, sizeof u);
    struct msghdr msg = {0};
    msg.msg_iov = &iov; msg.msg_iovlen = 1;
    msg.msg_control = u.buf; msg.msg_controllen = CMSG_SPACE(2 * sizeof(int));
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    int fds[2] = {fd, 0};
    memcpy(CMSG_DATA(c), fds, sizeof fds);
    sendmsg(sv[0], &msg, 0);
    char in[8];
    struct iovec iov2 = {in, sizeof in};
    union { struct cmsghdr h; char buf[256]; } u2;
    struct msghdr rmsg = {0};
    rmsg.msg_iov = &iov2; rmsg.msg_iovlen = 1;
    rmsg.msg_control = u2.buf; rmsg.msg_controllen = sizeof u2.buf;
    recvmsg(sv[1], &rmsg, MSG_CMSG_CLOEXEC);
    /* credentials */
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred))]; } u3;
    struct msghdr cmsg = {0};
    cmsg.msg_iov = &iov; cmsg.msg_iovlen = 1;
    cmsg.msg_control = u3.buf; cmsg.msg_controllen = sizeof u3.buf;
    c = CMSG_FIRSTHDR(&cmsg);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_CREDENTIALS; c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred cred = {getpid(), getuid(), getgid()};
    memcpy(CMSG_DATA(c), &cred, sizeof cred);
    sendmsg(sv[0], &cmsg, 0);
    rmsg.msg_control = u2.buf; rmsg.msg_controllen = sizeof u2.buf;
    recvmsg(sv[1], &rmsg, 0);
    shutdown(sv[0], SHUT_WR);
    struct ucred peer; socklen_t plen = sizeof peer;
    getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &peer, &plen);

    /* TCP options and a refused non-blocking connect */
    int s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct linger lg = {1, 5};
    setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    socklen_t len = sizeof lg;
    getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len);
    int val; len = sizeof val;
    getsockopt(s, SOL_SOCKET, SO_RCVBUF, &val, &len);
    getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &val, &len);
    getsockopt(s, SOL_SOCKET, SO_TYPE, &val, &len);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET; a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); a.sin_port = 0;
    bind(s, (struct sockaddr *) &a, sizeof a);
    listen(s, 1);
    socklen_t alen = sizeof a;
    getsockname(s, (struct sockaddr *) &a, &alen);
    int cl = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    connect(cl, (struct sockaddr *) &a, sizeof a);
    struct pollfd pfd = {cl, POLLOUT, 0};
    poll(&pfd, 1, 1000);
    len = sizeof val;
    getsockopt(cl, SOL_SOCKET, SO_ERROR, &val, &len);
    int acc = accept4(s, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    close(acc);
    close(cl);
    close(s);
    /* a refused one: a bound port nobody listens on */
    int closed = socket(AF_INET, SOCK_STREAM, 0);
    a.sin_port = 0;
    bind(closed, (struct sockaddr *) &a, sizeof a);
    alen = sizeof a;
    getsockname(closed, (struct sockaddr *) &a, &alen);
    int r = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(r, (struct sockaddr *) &a, sizeof a);
    pfd.fd = r;
    poll(&pfd, 1, 1000);
    len = sizeof val;
    getsockopt(r, SOL_SOCKET, SO_ERROR, &val, &len);
    close(r);
    close(closed);

    /* UDP message vectors */
    int u1 = socket(AF_INET, SOCK_DGRAM, 0);
    a.sin_port = 0;
    bind(u1, (struct sockaddr *) &a, sizeof a);
    alen = sizeof a;
    getsockname(u1, (struct sockaddr *) &a, &alen);
    int u2s = socket(AF_INET, SOCK_DGRAM, 0);
    connect(u2s, (struct sockaddr *) &a, sizeof a);
    struct mmsghdr mm[2];
    memset(mm, 0, sizeof mm);
    struct iovec v1 = {"one", 3}, v2 = {"two!", 4};
    mm[0].msg_hdr.msg_iov = &v1; mm[0].msg_hdr.msg_iovlen = 1;
    mm[1].msg_hdr.msg_iov = &v2; mm[1].msg_hdr.msg_iovlen = 1;
    sendmmsg(u2s, mm, 2, 0);
    struct mmsghdr rm[3];
    char b1[8], b2[8], b3[8];
    struct iovec r1 = {b1, 8}, r2 = {b2, 8}, r3 = {b3, 8};
    struct sockaddr_in from[3];
    memset(rm, 0, sizeof rm);
    rm[0].msg_hdr.msg_iov = &r1; rm[0].msg_hdr.msg_iovlen = 1; rm[0].msg_hdr.msg_name = &from[0]; rm[0].msg_hdr.msg_namelen = sizeof from[0];
    rm[1].msg_hdr.msg_iov = &r2; rm[1].msg_hdr.msg_iovlen = 1; rm[1].msg_hdr.msg_name = &from[1]; rm[1].msg_hdr.msg_namelen = sizeof from[1];
    rm[2].msg_hdr.msg_iov = &r3; rm[2].msg_hdr.msg_iovlen = 1;
    struct timespec to = {1, 0};
    recvmmsg(u1, rm, 3, MSG_WAITFORONE, &to);
    recvmmsg(u1, rm, 3, MSG_DONTWAIT, NULL);
    int tos = 0x10;
    setsockopt(u1, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
    setsockopt(u1, IPPROTO_IP, IP_RECVTTL, &one, sizeof one);
    send(u2s, "x", 1, 0);
    struct msghdr pm = {0};
    union { struct cmsghdr h; char buf[256]; } u4;
    pm.msg_iov = &r1; pm.msg_iovlen = 1; pm.msg_control = u4.buf; pm.msg_controllen = sizeof u4.buf;
    recvmsg(u1, &pm, 0);
    setsockopt(u2s, IPPROTO_IP, IP_TOS, &tos, sizeof tos);
    close(u1); close(u2s);

    /* netlink and packet addresses */
    int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl sa = {0};
    sa.nl_family = AF_NETLINK;
    bind(nl, (struct sockaddr *) &sa, sizeof sa);
    socklen_t nlen = sizeof sa;
    getsockname(nl, (struct sockaddr *) &sa, &nlen);
    close(nl);
    int pk = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ALL));
    struct sockaddr_ll ll = {0};
    ll.sll_family = AF_PACKET; ll.sll_protocol = htons(ETH_P_IP); ll.sll_ifindex = if_nametoindex("lo");
    bind(pk, (struct sockaddr *) &ll, sizeof ll);
    socklen_t llen = sizeof ll;
    getsockname(pk, (struct sockaddr *) &ll, &llen);
    close(pk);
    return 0;
}
