package dev.syscallassert.core.format;

import dev.syscallassert.SyscallEvent;

import java.util.List;
import java.util.Map;

/**
 * What strace 6.1 prints of a call that never returned (its task ended in it, or was killed in it): at the task's
 * exit event, strace.c's print_event_exit closes the line the entry began. A decoder that printed everything at the
 * entry (RVAL_DECODED: {@code pause}, {@code write}, {@code futex}, {@code connect}, {@code exit_group}...) gives
 * {@code pause() = ?}; one that prints the rest only at the exit gives the arguments printed so far, then
 * {@code " <unfinished ...>"}: {@code read(3,  <unfinished ...>) = ?} (the entry part ends with its argument
 * separator), {@code poll([{fd=3, events=POLLIN}], 1, -1 <unfinished ...>) = ?} (all printed, the return's
 * annotation still to come).
 *
 * <p>Each row below was read off the syscall's decoder in strace 6.1's source (its {@code entering(tcp)} branch) and
 * checked against real runs; a syscall not listed prints as decoded at the entry, which is what strace does for every
 * syscall it decodes at the entry and for those it does not decode at all. Stateless: any thread.
 */
final class UnfinishedCalls {

    /** How much of a call strace prints at the entry: the first {@code args} arguments, and then ", " or not. */
    record EntryPart(int args, boolean separator) {
    }

    private static final EntryPart FIRST_ARGUMENT = new EntryPart(1, true);

    /** The syscalls whose entry part is always the same. */
    private static final Map<String, EntryPart> STATIC = Map.ofEntries(
            Map.entry("read", FIRST_ARGUMENT),              // io.c: fd, then buf and count at the exit
            Map.entry("pread64", FIRST_ARGUMENT),           // io.c SYS_FUNC(pread)
            Map.entry("readv", FIRST_ARGUMENT),             // io.c
            Map.entry("preadv", FIRST_ARGUMENT),            // io.c do_preadv
            Map.entry("preadv2", FIRST_ARGUMENT),
            Map.entry("recvfrom", FIRST_ARGUMENT),          // net.c: sockfd, then buf, len, flags, src_addr, addrlen
            Map.entry("epoll_wait", FIRST_ARGUMENT),        // epoll.c epoll_wait_common: epfd, then events...
            Map.entry("epoll_pwait", FIRST_ARGUMENT),
            Map.entry("wait4", FIRST_ARGUMENT),             // wait.c printwaitn: pid, then status, options, rusage
            Map.entry("nanosleep", FIRST_ARGUMENT),         // time.c do_nanosleep: req, then rem
            Map.entry("waitid", new EntryPart(2, true)),          // wait.c: idtype, id, then siginfo...
            Map.entry("clock_nanosleep", new EntryPart(3, true)), // time.c: clockid, flags, request, then remain
            Map.entry("getrandom", new EntryPart(0, false)),      // getrandom.c: everything at the exit
            // poll.c, desc.c: every argument at the entry, the return's annotation at the exit
            Map.entry("poll", new EntryPart(3, false)),
            Map.entry("ppoll", new EntryPart(5, false)),
            Map.entry("select", new EntryPart(5, false)),
            Map.entry("pselect6", new EntryPart(6, false)));

    /** net.c decode_sockname: the address at the exit only when its length could be read at the entry. */
    private static final List<String> SOCKNAME = List.of("accept", "accept4", "getsockname", "getpeername");

    private UnfinishedCalls() {
    }

    /** What strace printed at the entry of this unfinished call, or null when it printed the whole call there. */
    static EntryPart entryPart(SyscallEvent e) {
        String name = e.syscall();
        EntryPart fixed = STATIC.get(name);
        if (fixed != null) {
            return fixed;
        }
        if (name.equals("rt_sigtimedwait")) {
            // signal.c do_rt_sigtimedwait: with a siginfo pointer, the set, then siginfo, timeout, size at the exit;
            // without, all four at the entry and the signal's name as the return's annotation at the exit
            return e.arg(1) != 0 ? FIRST_ARGUMENT : new EntryPart(4, false);
        }
        if (SOCKNAME.contains(name)) {
            // fetch_socklen: both pointers set and the length readable (the entry rendered it as "[16]")
            List<String> args = e.renderedArgs();
            boolean lengthRead = args.size() > 2 && args.get(2).startsWith("[");
            return e.arg(1) != 0 && e.arg(2) != 0 && lengthRead ? FIRST_ARGUMENT : null;
        }
        return null;
    }
}
