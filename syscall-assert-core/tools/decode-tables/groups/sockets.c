/*
 * Sockets: option levels and names, control message types, shutdown modes, netlink protocols, the fields of netlink
 * and packet addresses, and the structs the socket calls read, from glibc's socket headers and the kernel headers that
 * agree with them, in strace 6.1's xlat tables (named after them). Where strace lists a name per architecture, the
 * header's value for this one is the one that counts. Left out as not in these headers (such a value prints as a
 * number): the option levels of protocols without a uapi header (SOL_SCTP, SOL_UDPLITE, SOL_CAN_*, SOL_IPX, SOL_AX25,
 * SOL_ATALK, SOL_NETROM, SOL_ROSE), the iptables/ebtables/arptables/IPVS options, IPV6_USE_MIN_MTU.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/if_arp.h>
#include <linux/icmp.h>
#include "table.h"

static void constants(void) {
    C("socket_level", SOL_SOCKET);
    C("socket_option", SO_ERROR);
    /* The most iovecs one call takes (and strace reads of a control buffer or a message vector). */
    C("iov_max", IOV_MAX);

    C("socketlayers", SOL_IP); C("socketlayers", SOL_SOCKET); C("socketlayers", SOL_TCP); C("socketlayers", SOL_UDP);
    C("socketlayers", AF_VSOCK); C("socketlayers", SOL_IPV6); C("socketlayers", SOL_ICMPV6);
    C("socketlayers", SOL_RAW); C("socketlayers", SOL_DECNET); C("socketlayers", SOL_X25);
    C("socketlayers", SOL_PACKET); C("socketlayers", SOL_ATM); C("socketlayers", SOL_AAL);
    C("socketlayers", SOL_IRDA); C("socketlayers", SOL_NETBEUI); C("socketlayers", SOL_LLC);
    C("socketlayers", SOL_DCCP); C("socketlayers", SOL_NETLINK); C("socketlayers", SOL_TIPC);
    C("socketlayers", SOL_RXRPC); C("socketlayers", SOL_PPPOL2TP); C("socketlayers", SOL_BLUETOOTH);
    C("socketlayers", SOL_PNPIPE); C("socketlayers", SOL_RDS); C("socketlayers", SOL_IUCV);
    C("socketlayers", SOL_CAIF); C("socketlayers", SOL_ALG); C("socketlayers", SOL_NFC); C("socketlayers", SOL_KCM);
    C("socketlayers", SOL_TLS); C("socketlayers", SOL_XDP);
    C("sock_options", SO_DEBUG); C("sock_options", SO_REUSEADDR); C("sock_options", SO_TYPE);
    C("sock_options", SO_ERROR); C("sock_options", SO_DONTROUTE); C("sock_options", SO_BROADCAST);
    C("sock_options", SO_SNDBUF); C("sock_options", SO_RCVBUF); C("sock_options", SO_KEEPALIVE);
    C("sock_options", SO_OOBINLINE); C("sock_options", SO_NO_CHECK); C("sock_options", SO_PRIORITY);
    C("sock_options", SO_LINGER); C("sock_options", SO_BSDCOMPAT); C("sock_options", SO_REUSEPORT);
    C("sock_options", SO_PASSCRED); C("sock_options", SO_PEERCRED); C("sock_options", SO_RCVLOWAT);
    C("sock_options", SO_SNDLOWAT); C("sock_options", SO_RCVTIMEO_OLD); C("sock_options", SO_SNDTIMEO_OLD);
    C("sock_options", SO_SECURITY_AUTHENTICATION); C("sock_options", SO_SECURITY_ENCRYPTION_TRANSPORT);
    C("sock_options", SO_SECURITY_ENCRYPTION_NETWORK); C("sock_options", SO_BINDTODEVICE);
    C("sock_options", SO_DETACH_FILTER); C("sock_options", SO_PEERNAME); C("sock_options", SO_TIMESTAMP_OLD);
    C("sock_options", SO_ACCEPTCONN); C("sock_options", SO_PEERSEC); C("sock_options", SO_SNDBUFFORCE);
    C("sock_options", SO_RCVBUFFORCE); C("sock_options", SO_PASSSEC); C("sock_options", SO_TIMESTAMPNS_OLD);
    C("sock_options", SO_MARK); C("sock_options", SO_TIMESTAMPING_OLD); C("sock_options", SO_PROTOCOL);
    C("sock_options", SO_DOMAIN); C("sock_options", SO_RXQ_OVFL); C("sock_options", SO_WIFI_STATUS);
    C("sock_options", SO_PEEK_OFF); C("sock_options", SO_NOFCS); C("sock_options", SO_LOCK_FILTER);
    C("sock_options", SO_SELECT_ERR_QUEUE); C("sock_options", SO_BUSY_POLL); C("sock_options", SO_MAX_PACING_RATE);
    C("sock_options", SO_BPF_EXTENSIONS); C("sock_options", SO_INCOMING_CPU); C("sock_options", SO_ATTACH_BPF);
    C("sock_options", SO_ATTACH_REUSEPORT_CBPF); C("sock_options", SO_ATTACH_REUSEPORT_EBPF);
    C("sock_options", SO_CNX_ADVICE); C("sock_options", SO_MEMINFO); C("sock_options", SO_INCOMING_NAPI_ID);
    C("sock_options", SO_COOKIE); C("sock_options", SO_PEERGROUPS); C("sock_options", SO_ZEROCOPY);
    C("sock_options", SO_TXTIME); C("sock_options", SO_BINDTOIFINDEX); C("sock_options", SO_TIMESTAMP_NEW);
    C("sock_options", SO_TIMESTAMPNS_NEW); C("sock_options", SO_TIMESTAMPING_NEW); C("sock_options", SO_RCVTIMEO_NEW);
    C("sock_options", SO_SNDTIMEO_NEW); C("sock_options", SO_DETACH_REUSEPORT_BPF);
    C("sock_options", SO_PREFER_BUSY_POLL); C("sock_options", SO_BUSY_POLL_BUDGET);
    C("sock_options", SO_NETNS_COOKIE); C("sock_options", SO_BUF_LOCK); C("sock_options", SO_RESERVE_MEM);
    C("sock_options", SO_TXREHASH); C("sock_options", SO_RCVMARK);
    C("getsock_options", SO_GET_FILTER);
    C("setsock_options", SO_ATTACH_FILTER);
    C("sock_ip_options", IP_TOS); C("sock_ip_options", IP_TTL); C("sock_ip_options", IP_HDRINCL);
    C("sock_ip_options", IP_OPTIONS); C("sock_ip_options", IP_ROUTER_ALERT); C("sock_ip_options", IP_RECVOPTS);
    C("sock_ip_options", IP_RETOPTS); C("sock_ip_options", IP_PKTINFO); C("sock_ip_options", IP_PKTOPTIONS);
    C("sock_ip_options", IP_MTU_DISCOVER); C("sock_ip_options", IP_RECVERR); C("sock_ip_options", IP_RECVTTL);
    C("sock_ip_options", IP_RECVTOS); C("sock_ip_options", IP_MTU); C("sock_ip_options", IP_FREEBIND);
    C("sock_ip_options", IP_IPSEC_POLICY); C("sock_ip_options", IP_XFRM_POLICY); C("sock_ip_options", IP_PASSSEC);
    C("sock_ip_options", IP_TRANSPARENT); C("sock_ip_options", IP_ORIGDSTADDR); C("sock_ip_options", IP_MINTTL);
    C("sock_ip_options", IP_NODEFRAG); C("sock_ip_options", IP_CHECKSUM);
    C("sock_ip_options", IP_BIND_ADDRESS_NO_PORT); C("sock_ip_options", IP_RECVFRAGSIZE);
    C("sock_ip_options", IP_RECVERR_RFC4884); C("sock_ip_options", IP_MULTICAST_IF);
    C("sock_ip_options", IP_MULTICAST_TTL); C("sock_ip_options", IP_MULTICAST_LOOP);
    C("sock_ip_options", IP_ADD_MEMBERSHIP); C("sock_ip_options", IP_DROP_MEMBERSHIP);
    C("sock_ip_options", IP_UNBLOCK_SOURCE); C("sock_ip_options", IP_BLOCK_SOURCE);
    C("sock_ip_options", IP_ADD_SOURCE_MEMBERSHIP); C("sock_ip_options", IP_DROP_SOURCE_MEMBERSHIP);
    C("sock_ip_options", IP_MSFILTER); C("sock_ip_options", MCAST_JOIN_GROUP);
    C("sock_ip_options", MCAST_BLOCK_SOURCE); C("sock_ip_options", MCAST_UNBLOCK_SOURCE);
    C("sock_ip_options", MCAST_LEAVE_GROUP); C("sock_ip_options", MCAST_JOIN_SOURCE_GROUP);
    C("sock_ip_options", MCAST_LEAVE_SOURCE_GROUP); C("sock_ip_options", MCAST_MSFILTER);
    C("sock_ip_options", IP_MULTICAST_ALL); C("sock_ip_options", IP_UNICAST_IF);


    C("sock_ipv6_options", IPV6_ADDRFORM); C("sock_ipv6_options", IPV6_2292PKTINFO);
    C("sock_ipv6_options", IPV6_2292HOPOPTS); C("sock_ipv6_options", IPV6_2292DSTOPTS);
    C("sock_ipv6_options", IPV6_2292RTHDR); C("sock_ipv6_options", IPV6_2292PKTOPTIONS);
    C("sock_ipv6_options", IPV6_CHECKSUM); C("sock_ipv6_options", IPV6_2292HOPLIMIT);
    C("sock_ipv6_options", IPV6_NEXTHOP); C("sock_ipv6_options", IPV6_AUTHHDR); C("sock_ipv6_options", IPV6_FLOWINFO);
    C("sock_ipv6_options", IPV6_UNICAST_HOPS); C("sock_ipv6_options", IPV6_MULTICAST_IF);
    C("sock_ipv6_options", IPV6_MULTICAST_HOPS); C("sock_ipv6_options", IPV6_MULTICAST_LOOP);
    C("sock_ipv6_options", IPV6_ADD_MEMBERSHIP); C("sock_ipv6_options", IPV6_DROP_MEMBERSHIP);
    C("sock_ipv6_options", IPV6_ROUTER_ALERT); C("sock_ipv6_options", IPV6_MTU_DISCOVER);
    C("sock_ipv6_options", IPV6_MTU); C("sock_ipv6_options", IPV6_RECVERR); C("sock_ipv6_options", IPV6_V6ONLY);
    C("sock_ipv6_options", IPV6_JOIN_ANYCAST); C("sock_ipv6_options", IPV6_LEAVE_ANYCAST);
    C("sock_ipv6_options", IPV6_MULTICAST_ALL); C("sock_ipv6_options", IPV6_ROUTER_ALERT_ISOLATE);
    C("sock_ipv6_options", IPV6_RECVERR_RFC4884); C("sock_ipv6_options", IPV6_FLOWLABEL_MGR);
    C("sock_ipv6_options", IPV6_FLOWINFO_SEND); C("sock_ipv6_options", IPV6_IPSEC_POLICY);
    C("sock_ipv6_options", IPV6_XFRM_POLICY); C("sock_ipv6_options", IPV6_HDRINCL);
    C("sock_ipv6_options", MCAST_JOIN_GROUP); C("sock_ipv6_options", MCAST_BLOCK_SOURCE);
    C("sock_ipv6_options", MCAST_UNBLOCK_SOURCE); C("sock_ipv6_options", MCAST_LEAVE_GROUP);
    C("sock_ipv6_options", MCAST_JOIN_SOURCE_GROUP); C("sock_ipv6_options", MCAST_LEAVE_SOURCE_GROUP);
    C("sock_ipv6_options", MCAST_MSFILTER); C("sock_ipv6_options", IPV6_RECVPKTINFO);
    C("sock_ipv6_options", IPV6_PKTINFO); C("sock_ipv6_options", IPV6_RECVHOPLIMIT);
    C("sock_ipv6_options", IPV6_HOPLIMIT); C("sock_ipv6_options", IPV6_RECVHOPOPTS);
    C("sock_ipv6_options", IPV6_HOPOPTS); C("sock_ipv6_options", IPV6_RTHDRDSTOPTS);
    C("sock_ipv6_options", IPV6_RECVRTHDR); C("sock_ipv6_options", IPV6_RTHDR);
    C("sock_ipv6_options", IPV6_RECVDSTOPTS); C("sock_ipv6_options", IPV6_DSTOPTS);
    C("sock_ipv6_options", IPV6_RECVPATHMTU); C("sock_ipv6_options", IPV6_PATHMTU);
    C("sock_ipv6_options", IPV6_DONTFRAG); C("sock_ipv6_options", IPV6_RECVTCLASS);
    C("sock_ipv6_options", IPV6_TCLASS); C("sock_ipv6_options", IPV6_AUTOFLOWLABEL);
    C("sock_ipv6_options", IPV6_ADDR_PREFERENCES); C("sock_ipv6_options", IPV6_MINHOPCOUNT);
    C("sock_ipv6_options", IPV6_ORIGDSTADDR); C("sock_ipv6_options", IPV6_TRANSPARENT);
    C("sock_ipv6_options", IPV6_UNICAST_IF); C("sock_ipv6_options", IPV6_RECVFRAGSIZE);
    C("sock_ipv6_options", IPV6_FREEBIND);


    C("sock_tcp_options", TCP_NODELAY); C("sock_tcp_options", TCP_MAXSEG); C("sock_tcp_options", TCP_CORK);
    C("sock_tcp_options", TCP_KEEPIDLE); C("sock_tcp_options", TCP_KEEPINTVL); C("sock_tcp_options", TCP_KEEPCNT);
    C("sock_tcp_options", TCP_SYNCNT); C("sock_tcp_options", TCP_LINGER2); C("sock_tcp_options", TCP_DEFER_ACCEPT);
    C("sock_tcp_options", TCP_WINDOW_CLAMP); C("sock_tcp_options", TCP_INFO); C("sock_tcp_options", TCP_QUICKACK);
    C("sock_tcp_options", TCP_CONGESTION); C("sock_tcp_options", TCP_MD5SIG);
    C("sock_tcp_options", TCP_COOKIE_TRANSACTIONS); C("sock_tcp_options", TCP_THIN_LINEAR_TIMEOUTS);
    C("sock_tcp_options", TCP_THIN_DUPACK); C("sock_tcp_options", TCP_USER_TIMEOUT);
    C("sock_tcp_options", TCP_REPAIR); C("sock_tcp_options", TCP_REPAIR_QUEUE); C("sock_tcp_options", TCP_QUEUE_SEQ);
    C("sock_tcp_options", TCP_REPAIR_OPTIONS); C("sock_tcp_options", TCP_FASTOPEN);
    C("sock_tcp_options", TCP_TIMESTAMP); C("sock_tcp_options", TCP_NOTSENT_LOWAT);
    C("sock_tcp_options", TCP_CC_INFO); C("sock_tcp_options", TCP_SAVE_SYN); C("sock_tcp_options", TCP_SAVED_SYN);
    C("sock_tcp_options", TCP_REPAIR_WINDOW); C("sock_tcp_options", TCP_FASTOPEN_CONNECT);
    C("sock_tcp_options", TCP_ULP); C("sock_tcp_options", TCP_MD5SIG_EXT); C("sock_tcp_options", TCP_FASTOPEN_KEY);
    C("sock_tcp_options", TCP_FASTOPEN_NO_COOKIE); C("sock_tcp_options", TCP_ZEROCOPY_RECEIVE);
    C("sock_tcp_options", TCP_INQ); C("sock_tcp_options", TCP_TX_DELAY);
    C("sock_udp_options", UDP_CORK); C("sock_udp_options", UDP_ENCAP); C("sock_udp_options", UDP_NO_CHECK6_TX);
    C("sock_udp_options", UDP_NO_CHECK6_RX); C("sock_udp_options", UDP_SEGMENT); C("sock_udp_options", UDP_GRO);
    C("sock_packet_options", PACKET_ADD_MEMBERSHIP); C("sock_packet_options", PACKET_DROP_MEMBERSHIP);
    C("sock_packet_options", PACKET_RECV_OUTPUT); C("sock_packet_options", PACKET_RX_RING);
    C("sock_packet_options", PACKET_STATISTICS); C("sock_packet_options", PACKET_COPY_THRESH);
    C("sock_packet_options", PACKET_AUXDATA); C("sock_packet_options", PACKET_ORIGDEV);
    C("sock_packet_options", PACKET_VERSION); C("sock_packet_options", PACKET_HDRLEN);
    C("sock_packet_options", PACKET_RESERVE); C("sock_packet_options", PACKET_TX_RING);
    C("sock_packet_options", PACKET_LOSS); C("sock_packet_options", PACKET_VNET_HDR);
    C("sock_packet_options", PACKET_TX_TIMESTAMP); C("sock_packet_options", PACKET_TIMESTAMP);
    C("sock_packet_options", PACKET_FANOUT); C("sock_packet_options", PACKET_TX_HAS_OFF);
    C("sock_packet_options", PACKET_QDISC_BYPASS); C("sock_packet_options", PACKET_ROLLOVER_STATS);
    C("sock_packet_options", PACKET_FANOUT_DATA); C("sock_packet_options", PACKET_IGNORE_OUTGOING);
    C("sock_raw_options", ICMP_FILTER);
    C("sock_netlink_options", NETLINK_ADD_MEMBERSHIP); C("sock_netlink_options", NETLINK_DROP_MEMBERSHIP);
    C("sock_netlink_options", NETLINK_PKTINFO); C("sock_netlink_options", NETLINK_BROADCAST_ERROR);
    C("sock_netlink_options", NETLINK_NO_ENOBUFS); C("sock_netlink_options", NETLINK_RX_RING);
    C("sock_netlink_options", NETLINK_TX_RING); C("sock_netlink_options", NETLINK_LISTEN_ALL_NSID);
    C("sock_netlink_options", NETLINK_LIST_MEMBERSHIPS); C("sock_netlink_options", NETLINK_CAP_ACK);
    C("sock_netlink_options", NETLINK_EXT_ACK); C("sock_netlink_options", NETLINK_GET_STRICT_CHK);
    C("scmvals", SCM_RIGHTS); C("scmvals", SCM_CREDENTIALS); C("scmvals", SO_WIFI_STATUS); C("scmvals", SO_TXTIME);
    C("scmvals", SO_TIMESTAMP_OLD); C("scmvals", SO_TIMESTAMPNS_OLD); C("scmvals", SO_TIMESTAMPING_OLD);
    C("scmvals", SO_TIMESTAMP_NEW); C("scmvals", SO_TIMESTAMPNS_NEW); C("scmvals", SO_TIMESTAMPING_NEW);
    C("scmvals", SCM_TIMESTAMPING_OPT_STATS); C("scmvals", SCM_TIMESTAMPING_PKTINFO);
    /* SCM_SECURITY is the kernel's include/linux/socket.h only: listed here once. */
    printf("scmvals\tSCM_SECURITY\t3\n");
    C("ip_cmsg_types", IP_TOS); C("ip_cmsg_types", IP_TTL); C("ip_cmsg_types", IP_RECVOPTS);
    C("ip_cmsg_types", IP_RETOPTS); C("ip_cmsg_types", IP_PKTINFO); C("ip_cmsg_types", IP_RECVERR);
    C("ip_cmsg_types", IP_ORIGDSTADDR); C("ip_cmsg_types", IP_CHECKSUM);
    C("shutdown_modes", SHUT_RD); C("shutdown_modes", SHUT_WR); C("shutdown_modes", SHUT_RDWR);
    C("netlink_protocols", NETLINK_ROUTE); C("netlink_protocols", NETLINK_UNUSED);
    C("netlink_protocols", NETLINK_USERSOCK); C("netlink_protocols", NETLINK_FIREWALL);
    C("netlink_protocols", NETLINK_SOCK_DIAG); C("netlink_protocols", NETLINK_NFLOG);
    C("netlink_protocols", NETLINK_XFRM); C("netlink_protocols", NETLINK_SELINUX);
    C("netlink_protocols", NETLINK_ISCSI); C("netlink_protocols", NETLINK_AUDIT);
    C("netlink_protocols", NETLINK_FIB_LOOKUP); C("netlink_protocols", NETLINK_CONNECTOR);
    C("netlink_protocols", NETLINK_NETFILTER); C("netlink_protocols", NETLINK_IP6_FW);
    C("netlink_protocols", NETLINK_DNRTMSG); C("netlink_protocols", NETLINK_KOBJECT_UEVENT);
    C("netlink_protocols", NETLINK_GENERIC); C("netlink_protocols", NETLINK_SCSITRANSPORT);
    C("netlink_protocols", NETLINK_ECRYPTFS); C("netlink_protocols", NETLINK_RDMA);
    C("netlink_protocols", NETLINK_CRYPTO); C("netlink_protocols", NETLINK_SMC);
    C("ethernet_protocols", ETH_P_802_3); C("ethernet_protocols", ETH_P_AX25); C("ethernet_protocols", ETH_P_ALL);
    C("ethernet_protocols", ETH_P_802_2); C("ethernet_protocols", ETH_P_SNAP); C("ethernet_protocols", ETH_P_DDCMP);
    C("ethernet_protocols", ETH_P_WAN_PPP); C("ethernet_protocols", ETH_P_PPP_MP);
    C("ethernet_protocols", ETH_P_LOCALTALK); C("ethernet_protocols", ETH_P_CAN);
    C("ethernet_protocols", ETH_P_CANFD); C("ethernet_protocols", ETH_P_CANXL);
    C("ethernet_protocols", ETH_P_PPPTALK); C("ethernet_protocols", ETH_P_TR_802_2);
    C("ethernet_protocols", ETH_P_MOBITEX); C("ethernet_protocols", ETH_P_CONTROL);
    C("ethernet_protocols", ETH_P_IRDA); C("ethernet_protocols", ETH_P_ECONET); C("ethernet_protocols", ETH_P_HDLC);
    C("ethernet_protocols", ETH_P_ARCNET); C("ethernet_protocols", ETH_P_DSA); C("ethernet_protocols", ETH_P_TRAILER);
    C("ethernet_protocols", ETH_P_LOOP); C("ethernet_protocols", ETH_P_PHONET);
    C("ethernet_protocols", ETH_P_IEEE802154); C("ethernet_protocols", ETH_P_CAIF);
    C("ethernet_protocols", ETH_P_XDSA); C("ethernet_protocols", ETH_P_MAP); C("ethernet_protocols", ETH_P_MCTP);
    C("ethernet_protocols", ETH_P_PUP); C("ethernet_protocols", ETH_P_PUPAT);
    C("ethernet_protocols", ETH_P_802_3_MIN); C("ethernet_protocols", ETH_P_IP); C("ethernet_protocols", ETH_P_X25);
    C("ethernet_protocols", ETH_P_ARP); C("ethernet_protocols", ETH_P_BPQ); C("ethernet_protocols", ETH_P_IEEEPUP);
    C("ethernet_protocols", ETH_P_IEEEPUPAT); C("ethernet_protocols", ETH_P_ERSPAN2);
    C("ethernet_protocols", ETH_P_TSN); C("ethernet_protocols", ETH_P_BATMAN); C("ethernet_protocols", ETH_P_DEC);
    C("ethernet_protocols", ETH_P_DNA_DL); C("ethernet_protocols", ETH_P_DNA_RC);
    C("ethernet_protocols", ETH_P_DNA_RT); C("ethernet_protocols", ETH_P_LAT); C("ethernet_protocols", ETH_P_DIAG);
    C("ethernet_protocols", ETH_P_CUST); C("ethernet_protocols", ETH_P_SCA); C("ethernet_protocols", ETH_P_TEB);
    C("ethernet_protocols", ETH_P_RARP); C("ethernet_protocols", ETH_P_ATALK); C("ethernet_protocols", ETH_P_AARP);
    C("ethernet_protocols", ETH_P_8021Q); C("ethernet_protocols", ETH_P_IPX); C("ethernet_protocols", ETH_P_IPV6);
    C("ethernet_protocols", ETH_P_PAUSE); C("ethernet_protocols", ETH_P_SLOW); C("ethernet_protocols", ETH_P_WCCP);
    C("ethernet_protocols", ETH_P_MPLS_UC); C("ethernet_protocols", ETH_P_MPLS_MC);
    C("ethernet_protocols", ETH_P_ATMMPOA); C("ethernet_protocols", ETH_P_PPP_DISC);
    C("ethernet_protocols", ETH_P_PPP_SES); C("ethernet_protocols", ETH_P_LINK_CTL);
    C("ethernet_protocols", ETH_P_ATMFATE); C("ethernet_protocols", ETH_P_PAE);
    C("ethernet_protocols", ETH_P_REALTEK); C("ethernet_protocols", ETH_P_AOE); C("ethernet_protocols", ETH_P_8021AD);
    C("ethernet_protocols", ETH_P_802_EX1); C("ethernet_protocols", ETH_P_ERSPAN);
    C("ethernet_protocols", ETH_P_PREAUTH); C("ethernet_protocols", ETH_P_TIPC); C("ethernet_protocols", ETH_P_LLDP);
    C("ethernet_protocols", ETH_P_MRP); C("ethernet_protocols", ETH_P_MACSEC); C("ethernet_protocols", ETH_P_8021AH);
    C("ethernet_protocols", ETH_P_MVRP); C("ethernet_protocols", ETH_P_1588); C("ethernet_protocols", ETH_P_NCSI);
    C("ethernet_protocols", ETH_P_PRP); C("ethernet_protocols", ETH_P_CFM); C("ethernet_protocols", ETH_P_FCOE);
    C("ethernet_protocols", ETH_P_TDLS); C("ethernet_protocols", ETH_P_FIP); C("ethernet_protocols", ETH_P_IBOE);
    C("ethernet_protocols", ETH_P_80221); C("ethernet_protocols", ETH_P_HSR); C("ethernet_protocols", ETH_P_NSH);
    C("ethernet_protocols", ETH_P_LOOPBACK); C("ethernet_protocols", ETH_P_QINQ1);
    C("ethernet_protocols", ETH_P_QINQ2); C("ethernet_protocols", ETH_P_QINQ3); C("ethernet_protocols", ETH_P_EDSA);
    C("ethernet_protocols", ETH_P_DSA_8021Q); C("ethernet_protocols", ETH_P_DSA_A5PSW);
    C("ethernet_protocols", ETH_P_IFE); C("ethernet_protocols", ETH_P_AF_IUCV);
    C("arp_hardware_types", ARPHRD_NETROM); C("arp_hardware_types", ARPHRD_ETHER);
    C("arp_hardware_types", ARPHRD_EETHER); C("arp_hardware_types", ARPHRD_AX25);
    C("arp_hardware_types", ARPHRD_PRONET); C("arp_hardware_types", ARPHRD_CHAOS);
    C("arp_hardware_types", ARPHRD_IEEE802); C("arp_hardware_types", ARPHRD_ARCNET);
    C("arp_hardware_types", ARPHRD_APPLETLK); C("arp_hardware_types", ARPHRD_DLCI);
    C("arp_hardware_types", ARPHRD_ATM); C("arp_hardware_types", ARPHRD_METRICOM);
    C("arp_hardware_types", ARPHRD_IEEE1394); C("arp_hardware_types", ARPHRD_EUI64);
    C("arp_hardware_types", ARPHRD_INFINIBAND); C("arp_hardware_types", ARPHRD_SLIP);
    C("arp_hardware_types", ARPHRD_CSLIP); C("arp_hardware_types", ARPHRD_SLIP6);
    C("arp_hardware_types", ARPHRD_CSLIP6); C("arp_hardware_types", ARPHRD_RSRVD);
    C("arp_hardware_types", ARPHRD_ADAPT); C("arp_hardware_types", ARPHRD_ROSE); C("arp_hardware_types", ARPHRD_X25);
    C("arp_hardware_types", ARPHRD_HWX25); C("arp_hardware_types", ARPHRD_CAN); C("arp_hardware_types", ARPHRD_MCTP);
    C("arp_hardware_types", ARPHRD_PPP); C("arp_hardware_types", ARPHRD_CISCO); C("arp_hardware_types", ARPHRD_LAPB);
    C("arp_hardware_types", ARPHRD_DDCMP); C("arp_hardware_types", ARPHRD_RAWHDLC);
    C("arp_hardware_types", ARPHRD_RAWIP); C("arp_hardware_types", ARPHRD_TUNNEL);
    C("arp_hardware_types", ARPHRD_TUNNEL6); C("arp_hardware_types", ARPHRD_FRAD);
    C("arp_hardware_types", ARPHRD_SKIP); C("arp_hardware_types", ARPHRD_LOOPBACK);
    C("arp_hardware_types", ARPHRD_LOCALTLK); C("arp_hardware_types", ARPHRD_FDDI);
    C("arp_hardware_types", ARPHRD_BIF); C("arp_hardware_types", ARPHRD_SIT); C("arp_hardware_types", ARPHRD_IPDDP);
    C("arp_hardware_types", ARPHRD_IPGRE); C("arp_hardware_types", ARPHRD_PIMREG);
    C("arp_hardware_types", ARPHRD_HIPPI); C("arp_hardware_types", ARPHRD_ASH);
    C("arp_hardware_types", ARPHRD_ECONET); C("arp_hardware_types", ARPHRD_IRDA);
    C("arp_hardware_types", ARPHRD_FCPP); C("arp_hardware_types", ARPHRD_FCAL); C("arp_hardware_types", ARPHRD_FCPL);
    C("arp_hardware_types", ARPHRD_FCFABRIC); C("arp_hardware_types", ARPHRD_IEEE802_TR);
    C("arp_hardware_types", ARPHRD_IEEE80211); C("arp_hardware_types", ARPHRD_IEEE80211_PRISM);
    C("arp_hardware_types", ARPHRD_IEEE80211_RADIOTAP); C("arp_hardware_types", ARPHRD_IEEE802154);
    C("arp_hardware_types", ARPHRD_IEEE802154_MONITOR); C("arp_hardware_types", ARPHRD_PHONET);
    C("arp_hardware_types", ARPHRD_PHONET_PIPE); C("arp_hardware_types", ARPHRD_CAIF);
    C("arp_hardware_types", ARPHRD_IP6GRE); C("arp_hardware_types", ARPHRD_NETLINK);
    C("arp_hardware_types", ARPHRD_6LOWPAN); C("arp_hardware_types", ARPHRD_VSOCKMON);
    C("arp_hardware_types", ARPHRD_NONE); C("arp_hardware_types", ARPHRD_VOID);
    C("af_packet_types", PACKET_HOST); C("af_packet_types", PACKET_BROADCAST); C("af_packet_types", PACKET_MULTICAST);
    C("af_packet_types", PACKET_OTHERHOST); C("af_packet_types", PACKET_OUTGOING);
    C("af_packet_types", PACKET_LOOPBACK); C("af_packet_types", PACKET_USER); C("af_packet_types", PACKET_KERNEL);
}

static void layouts(void) {
    SIZE(struct linger, "linger"); L(struct linger, "linger", l_onoff); L(struct linger, "linger", l_linger);
    SIZE(struct ucred, "ucred"); L(struct ucred, "ucred", pid); L(struct ucred, "ucred", uid);
    L(struct ucred, "ucred", gid);
    SIZE(struct cmsghdr, "cmsghdr"); L(struct cmsghdr, "cmsghdr", cmsg_len); L(struct cmsghdr, "cmsghdr", cmsg_level);
    L(struct cmsghdr, "cmsghdr", cmsg_type);
    SIZE(struct mmsghdr, "mmsghdr"); L(struct mmsghdr, "mmsghdr", msg_hdr); L(struct mmsghdr, "mmsghdr", msg_len);
    SIZE(struct in_pktinfo, "in_pktinfo"); L(struct in_pktinfo, "in_pktinfo", ipi_ifindex);
    L(struct in_pktinfo, "in_pktinfo", ipi_spec_dst); L(struct in_pktinfo, "in_pktinfo", ipi_addr);
    SIZE(struct sockaddr_nl, "sockaddr_nl"); L(struct sockaddr_nl, "sockaddr_nl", nl_pad);
    L(struct sockaddr_nl, "sockaddr_nl", nl_pid); L(struct sockaddr_nl, "sockaddr_nl", nl_groups);
    SIZE(struct sockaddr_ll, "sockaddr_ll"); L(struct sockaddr_ll, "sockaddr_ll", sll_protocol);
    L(struct sockaddr_ll, "sockaddr_ll", sll_ifindex); L(struct sockaddr_ll, "sockaddr_ll", sll_hatype);
    L(struct sockaddr_ll, "sockaddr_ll", sll_pkttype); L(struct sockaddr_ll, "sockaddr_ll", sll_halen);
    L(struct sockaddr_ll, "sockaddr_ll", sll_addr);
}

GROUP_MAIN(constants, layouts)
