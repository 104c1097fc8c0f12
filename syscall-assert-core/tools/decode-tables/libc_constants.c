/*
 * Constants and errno texts from glibc's headers and C library. Error descriptions come from strerror() because that
 * is what strace prints; the kernel header's comment is only the fallback for a number glibc does not know.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/user.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <spawn.h>
#include <signal.h>
#include <stddef.h>
#include <limits.h>

#define C(group, name) printf("%s\t%s\t%lld\n", group, #name, (long long) (name))
#define OPT(group, name) C(group, name)
/* A struct's layout as this architecture's C ABI has it: "layout<TAB>struct<TAB>field<TAB>offset<TAB>size". */
#define L(type, name, field) printf("layout\t%s\t%s\t%zu\t%zu\n", name, #field, offsetof(type, field), \
                                    sizeof(((type *) 0)->field))
#define SIZE(type, name) printf("layout\t%s\t(size)\t0\t%zu\n", name, sizeof(type))

void kernel_constants(void);
void kernel_layouts(void);

/* The layouts the tracer reads and writes in a tracee: written to the architecture's own table. */
static void layouts(void) {
    /* PTRACE_GETREGS/SETREGS's buffer: sys/user.h's struct user_regs_struct is the kernel's layout. */
    SIZE(struct user_regs_struct, "user_regs_struct");
    L(struct user_regs_struct, "user_regs_struct", r10); L(struct user_regs_struct, "user_regs_struct", r8);
    L(struct user_regs_struct, "user_regs_struct", rax); L(struct user_regs_struct, "user_regs_struct", rdx);
    L(struct user_regs_struct, "user_regs_struct", rsi); L(struct user_regs_struct, "user_regs_struct", rdi);
    L(struct user_regs_struct, "user_regs_struct", orig_rax); L(struct user_regs_struct, "user_regs_struct", rip);

    SIZE(struct msghdr, "msghdr");
    L(struct msghdr, "msghdr", msg_name); L(struct msghdr, "msghdr", msg_namelen); L(struct msghdr, "msghdr", msg_iov);
    L(struct msghdr, "msghdr", msg_iovlen); L(struct msghdr, "msghdr", msg_control);
    L(struct msghdr, "msghdr", msg_controllen); L(struct msghdr, "msghdr", msg_flags);

    /* The socket addresses the decoders read (sys/socket.h, netinet/in.h, sys/un.h). */
    SIZE(struct sockaddr_storage, "sockaddr_storage");
    L(struct sockaddr, "sockaddr", sa_family); L(struct sockaddr, "sockaddr", sa_data);
    SIZE(struct sockaddr_in, "sockaddr_in");
    L(struct sockaddr_in, "sockaddr_in", sin_port); L(struct sockaddr_in, "sockaddr_in", sin_addr);
    SIZE(struct sockaddr_in6, "sockaddr_in6");
    L(struct sockaddr_in6, "sockaddr_in6", sin6_port); L(struct sockaddr_in6, "sockaddr_in6", sin6_flowinfo);
    L(struct sockaddr_in6, "sockaddr_in6", sin6_addr); L(struct sockaddr_in6, "sockaddr_in6", sin6_scope_id);
    L(struct sockaddr_un, "sockaddr_un", sun_path);

    SIZE(struct iovec, "iovec");
    L(struct iovec, "iovec", iov_base); L(struct iovec, "iovec", iov_len);

    kernel_layouts();
}

static void errno_entry(const char *name, int number, const char *header_comment) {
    char unknown[64];
    snprintf(unknown, sizeof unknown, "Unknown error %d", number);
    const char *text = strerror(number);
    printf("errno\t%s\t%d\t%s\n", name, number, strcmp(text, unknown) == 0 ? header_comment : text);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--layouts") == 0) {
        layouts();
        return 0;
    }
    /* errno_list.h is written by generate.sh from asm-generic/errno-base.h and errno.h. */
#define E(name, number, comment) errno_entry(#name, number, comment);
#include "errno_list.h"
#undef E

    C("access_modes", R_OK); C("access_modes", W_OK); C("access_modes", X_OK);

    C("whence", SEEK_SET); C("whence", SEEK_CUR); C("whence", SEEK_END); C("whence", SEEK_DATA); C("whence", SEEK_HOLE);

    C("address_family", AF_UNSPEC); C("address_family", AF_UNIX); C("address_family", AF_INET);
    C("address_family", AF_AX25); C("address_family", AF_IPX); C("address_family", AF_APPLETALK);
    C("address_family", AF_NETROM); C("address_family", AF_BRIDGE); C("address_family", AF_ATMPVC);
    C("address_family", AF_X25); C("address_family", AF_INET6); C("address_family", AF_ROSE);
    C("address_family", AF_DECnet); C("address_family", AF_NETBEUI); C("address_family", AF_SECURITY);
    C("address_family", AF_KEY); C("address_family", AF_NETLINK); C("address_family", AF_PACKET);
    C("address_family", AF_ASH); C("address_family", AF_ECONET); C("address_family", AF_ATMSVC);
    C("address_family", AF_RDS); C("address_family", AF_SNA); C("address_family", AF_IRDA);
    C("address_family", AF_PPPOX); C("address_family", AF_WANPIPE); C("address_family", AF_LLC);
    C("address_family", AF_IB); C("address_family", AF_MPLS); C("address_family", AF_CAN);
    C("address_family", AF_TIPC); C("address_family", AF_BLUETOOTH); C("address_family", AF_IUCV);
    C("address_family", AF_RXRPC); C("address_family", AF_ISDN); C("address_family", AF_PHONET);
    C("address_family", AF_IEEE802154); C("address_family", AF_CAIF); C("address_family", AF_ALG);
    C("address_family", AF_NFC); C("address_family", AF_VSOCK); C("address_family", AF_KCM);
    C("address_family", AF_QIPCRTR); C("address_family", AF_SMC); C("address_family", AF_XDP);
#ifdef AF_MCTP
    C("address_family", AF_MCTP);
#endif

    C("socket_type", SOCK_STREAM); C("socket_type", SOCK_DGRAM); C("socket_type", SOCK_RAW);
    C("socket_type", SOCK_RDM); C("socket_type", SOCK_SEQPACKET); C("socket_type", SOCK_DCCP);
    C("socket_type", SOCK_PACKET);
    C("socket_type_flags", SOCK_CLOEXEC); C("socket_type_flags", SOCK_NONBLOCK);
    /*
     * The bits of socket()'s type word that hold the type (the rest are the flags above): SOCK_TYPE_MASK of the
     * kernel's include/linux/net.h, which is not exported to user space, so it is listed here by hand, once.
     */
    printf("socket_type_mask\tSOCK_TYPE_MASK\t%d\n", 0xf);

    C("ip_protocol", IPPROTO_IP); C("ip_protocol", IPPROTO_ICMP); C("ip_protocol", IPPROTO_IGMP);
    C("ip_protocol", IPPROTO_IPIP); C("ip_protocol", IPPROTO_TCP); C("ip_protocol", IPPROTO_EGP);
    C("ip_protocol", IPPROTO_PUP); C("ip_protocol", IPPROTO_UDP); C("ip_protocol", IPPROTO_IDP);
    C("ip_protocol", IPPROTO_TP); C("ip_protocol", IPPROTO_DCCP); C("ip_protocol", IPPROTO_IPV6);
    C("ip_protocol", IPPROTO_ROUTING); C("ip_protocol", IPPROTO_FRAGMENT); C("ip_protocol", IPPROTO_RSVP);
    C("ip_protocol", IPPROTO_GRE); C("ip_protocol", IPPROTO_ESP); C("ip_protocol", IPPROTO_AH);
    C("ip_protocol", IPPROTO_ICMPV6); C("ip_protocol", IPPROTO_NONE); C("ip_protocol", IPPROTO_DSTOPTS);
    C("ip_protocol", IPPROTO_MTP); C("ip_protocol", IPPROTO_BEETPH); C("ip_protocol", IPPROTO_ENCAP);
    C("ip_protocol", IPPROTO_PIM); C("ip_protocol", IPPROTO_COMP); C("ip_protocol", IPPROTO_SCTP);
    C("ip_protocol", IPPROTO_MH); C("ip_protocol", IPPROTO_UDPLITE); C("ip_protocol", IPPROTO_MPLS);
#ifdef IPPROTO_ETHERNET
    C("ip_protocol", IPPROTO_ETHERNET);
#endif
    C("ip_protocol", IPPROTO_RAW);
#ifdef IPPROTO_MPTCP
    C("ip_protocol", IPPROTO_MPTCP);
#endif

    C("msg_flags", MSG_OOB); C("msg_flags", MSG_PEEK); C("msg_flags", MSG_DONTROUTE); C("msg_flags", MSG_CTRUNC);
    C("msg_flags", MSG_PROXY); C("msg_flags", MSG_TRUNC); C("msg_flags", MSG_DONTWAIT); C("msg_flags", MSG_EOR);
    C("msg_flags", MSG_WAITALL); C("msg_flags", MSG_FIN); C("msg_flags", MSG_SYN); C("msg_flags", MSG_CONFIRM);
    C("msg_flags", MSG_RST); C("msg_flags", MSG_ERRQUEUE); C("msg_flags", MSG_NOSIGNAL); C("msg_flags", MSG_MORE);
    C("msg_flags", MSG_WAITFORONE); C("msg_flags", MSG_BATCH); C("msg_flags", MSG_ZEROCOPY);
    C("msg_flags", MSG_FASTOPEN); C("msg_flags", MSG_CMSG_CLOEXEC);

    C("file_type", S_IFREG); C("file_type", S_IFSOCK); C("file_type", S_IFIFO); C("file_type", S_IFLNK);
    C("file_type", S_IFDIR); C("file_type", S_IFBLK); C("file_type", S_IFCHR);
    C("file_type_mask", S_IFMT);
    C("mode_special", S_ISUID); C("mode_special", S_ISGID); C("mode_special", S_ISVTX);
    C("file_permission_mask", ACCESSPERMS);
    C("path_max", PATH_MAX);

    /* The last signal number (glibc's SIGRTMAX is a function of the running libc, hence printf). */
    printf("signal_range\tSIGRTMAX\t%d\n", SIGRTMAX);
    C("posix_spawn_flags", POSIX_SPAWN_SETSIGDEF); C("posix_spawn_flags", POSIX_SPAWN_SETSIGMASK);

    kernel_constants();
    return 0;
}
