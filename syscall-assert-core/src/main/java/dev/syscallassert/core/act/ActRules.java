package dev.syscallassert.core.act;

import dev.syscallassert.Fault;
import dev.syscallassert.core.decode.DecodedCall;
import dev.syscallassert.core.syscalls.SyscallTable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Everything a trace acts on: the deny-network rule, if any, then the faults in the order given. Built once per trace
 * from its configuration (the checks run then, in the caller's thread, before anything is spawned); its counters
 * then live on the tracer thread. At a watched call's entry, {@link #decide} says what to do: a denied call is never
 * also faulted; every fault whose predicates match counts the call, and the first of them whose occurrence comes
 * acts.
 */
public final class ActRules {
    private final List<Fault> faults;
    private final NetworkDeny deny;
    private final List<CompiledFault> compiled = new ArrayList<>();
    private final BitSet watched = new BitSet();
    private final SyscallTable table = SyscallTable.current();

    /**
     * @param faults the faults to inject, in order
     * @param deny   the deny-network rule, or null for none
     */
    public ActRules(List<Fault> faults, NetworkDeny deny) {
        this.faults = List.copyOf(faults);
        this.deny = deny;
        for (Fault f : this.faults) {
            CompiledFault c = new CompiledFault(f);
            compiled.add(c);
            watched.or(c.numbers);
        }
        if (deny != null) {
            for (int nr : deny.stopNumbers()) {
                watched.set(nr);
            }
        }
    }

    /** A fresh copy with its counters at zero, for another trace (rules given to a builder may run many times). */
    public ActRules fresh() {
        return new ActRules(faults, deny);
    }

    public List<Fault> faults() {
        return faults;
    }

    /** The deny-network rule, or null. */
    public NetworkDeny deny() {
        return deny;
    }

    /** Whether calls of this number must stop to be decided on. */
    public boolean watches(int nr) {
        return nr >= 0 && watched.get(nr);
    }

    /** The syscalls the seccomp filter must make stop for these rules (socket only for {@link #socketDomains()}). */
    public int[] stopNumbers() {
        BitSet s = (BitSet) watched.clone();
        if (deny != null && deny.socketDomains().length > 0 && compiled.stream().noneMatch(
                c -> c.numbers.get(table.requireNumber("socket")))) {
            s.clear(table.requireNumber("socket"));
        }
        return s.stream().toArray();
    }

    /**
     * The socket() domains whose calls must stop when socket is otherwise not stopped by these rules; empty when
     * every socket() call must.
     */
    public int[] socketDomains() {
        int[] all = stopNumbers();
        int socket = table.requireNumber("socket");
        for (int nr : all) {
            if (nr == socket) {
                return new int[0];
            }
        }
        return deny == null ? new int[0] : deny.socketDomains();
    }

    /** What to do with a watched call at its entry (its arguments decoded), or null to let it run. Tracer thread. */
    public Action decide(int tid, int nr, long[] args, DecodedCall decoded) {
        return decide(tid, nr, args, decoded, true);
    }

    /** {@link #decide}, the faults left out (neither acting nor counting) when {@code faults} is false. */
    public Action decide(int tid, int nr, long[] args, DecodedCall decoded, boolean faults) {
        if (deny != null) {
            Action a = deny.decide(tid, nr, args, decoded);
            if (a != null) {
                return a;
            }
        }
        Action chosen = null;
        for (CompiledFault c : faults ? compiled : List.<CompiledFault>of()) {
            Action a = c.decide(nr, args, decoded, table);
            if (chosen == null) {
                chosen = a;
            }
        }
        return chosen;
    }
}
