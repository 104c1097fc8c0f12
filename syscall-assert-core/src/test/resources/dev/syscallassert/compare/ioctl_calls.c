/*
 * ioctls ordinary programs make, for the strace comparison: the terminal requests on a pseudo-terminal this program
 * opens (so that they succeed without a terminal around it), the same on a regular file (where they fail), a
 * request no table names, and the interface requests on a socket (the loopback interface).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <linux/fs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

int main(int argc, char **argv) {
    int one = 1, n = 0;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0) {
        grantpt(master);
        unlockpt(master);
        int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
        struct termios t;
        tcgetattr(slave, &t);
        tcsetattr(slave, TCSANOW, &t);
        t.c_lflag &= ~(ICANON | ECHO);
        t.c_cflag |= PARENB;
        tcsetattr(slave, TCSADRAIN, &t);
        tcsetattr(slave, TCSAFLUSH, &t);
        /* Empty flag words and an input speed: strace's term.c prints both in its own way. */
        struct termios empty;
        memset(&empty, 0, sizeof empty);
        ioctl(slave, TCSETS, &empty);
        empty.c_cflag = B38400 | CS8 | CREAD | (B9600 << 16);   /* IBSHIFT: the input speed */
        ioctl(slave, TCSETS, &empty);
        ioctl(slave, TCGETS, &empty);
        tcsetattr(slave, TCSANOW, &t);
        int modem = TIOCM_DTR | TIOCM_RTS;
        ioctl(master, TIOCMSET, &modem);
        ioctl(slave, TIOCSTI, "x");
        struct winsize ws = {24, 80, 0, 0};
        ioctl(slave, TIOCSWINSZ, &ws);
        ioctl(slave, TIOCGWINSZ, &ws);
        ioctl(master, FIONREAD, &n);
        ioctl(master, FIONBIO, &one);
        ioctl(master, FIOCLEX);
        ioctl(master, FIONCLEX);
        ioctl(slave, TIOCGPGRP, &n);
        ioctl(slave, TIOCOUTQ, &n);
        ioctl(slave, TIOCGPTN, &n);
        tcflush(slave, TCIFLUSH);
        tcflow(slave, TCOON);
        tcdrain(slave);
        ioctl(slave, TIOCMGET, &n);
        ioctl(master, TIOCGPTN, &n);
        close(slave);
        close(master);
    }
    int fd = open(argc > 1 ? argv[1] : "/etc/hostname", O_RDONLY);
    struct termios t;
    tcgetattr(fd, &t);
    ioctl(fd, TIOCGWINSZ, NULL);
    ioctl(fd, _IOC(_IOC_READ | _IOC_WRITE, 0xee, 0x1, 0x10), &t);
    ioctl(fd, _IO(0xee, 0x2), 0);
    ioctl(fd, FICLONE, fd);
    ioctl(fd, FIONREAD, &n);
    close(fd);

    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifconf ifc = {.ifc_len = 0, .ifc_buf = NULL};
    ioctl(s, SIOCGIFCONF, &ifc);
    struct ifreq reqs[8];
    ifc.ifc_len = sizeof reqs;
    ifc.ifc_req = reqs;
    ioctl(s, SIOCGIFCONF, &ifc);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    ioctl(s, SIOCGIFINDEX, &ifr);
    ioctl(s, SIOCGIFFLAGS, &ifr);
    ioctl(s, SIOCGIFMTU, &ifr);
    ioctl(s, SIOCGIFADDR, &ifr);
    ioctl(s, SIOCGIFNETMASK, &ifr);
    ifr.ifr_ifindex = 1;
    ioctl(s, SIOCGIFNAME, &ifr);
    strcpy(ifr.ifr_name, "nosuch0");
    ioctl(s, SIOCGIFINDEX, &ifr);
    ioctl(s, FIONREAD, &n);
    close(s);
    return 0;
}
