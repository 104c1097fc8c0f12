/* Socket option levels and names (sys/socket.h, netinet/in.h, netinet/tcp.h), in the order strace 6.1 prints them. */
#include <sys/socket.h>
#include <netinet/in.h>
#include "table.h"

static void constants(void) {
    C("socket_level", SOL_SOCKET);
    C("socket_option", SO_ERROR);
}

static void layouts(void) {
}

GROUP_MAIN(constants, layouts)
