package dev.syscallassert.core.format;

import dev.syscallassert.GroupStop;
import dev.syscallassert.ProcessExit;
import dev.syscallassert.SignalEvent;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JSON Lines form of the timeline's signals and exits, one line each, with the same {@code pid, tid, thread,
 * harness} keys as a call's line but no {@code syscall} key, so that a reader of calls alone skips them.
 *
 * <p>A signal: {@code signal} ("SIGCHLD"), {@code signo}, {@code code} ("CLD_EXITED", or hex), {@code code_nr},
 * {@code siginfo} (strace's text of it), {@code time_ns}, and when siginfo carries them {@code sender_pid,
 * sender_uid, child_status, fault_addr, value}. An exit: {@code exit} ("exited" or "killed"), then {@code exit_code},
 * or {@code killed_by} ("SIGKILL"), {@code signo} and {@code core_dumped}; {@code time_ns}. A group-stop:
 * {@code stopped} (the signal, "SIGSTOP"), {@code signo}, {@code time_ns}. Each reads back exactly.
 * Stateless: any thread.
 */
final class TimelineJson {
    private TimelineJson() {
    }

    static String format(SignalEvent e) {
        StringBuilder sb = new StringBuilder(192);
        head(sb, e.pid(), e.tid(), e.thread());
        sb.append(",\"signal\":");
        Json.string(sb, e.signal());
        sb.append(",\"signo\":").append(e.signalNumber());
        sb.append(",\"code\":");
        Json.string(sb, e.code());
        sb.append(",\"code_nr\":").append(e.codeNumber());
        optional(sb, "sender_pid", e.senderPid());
        optional(sb, "sender_uid", e.senderUid());
        optional(sb, "child_status", e.childStatus());
        optional(sb, "fault_addr", e.faultAddress());
        optional(sb, "value", e.value());
        sb.append(",\"siginfo\":");
        Json.string(sb, e.siginfo());
        return tail(sb, e.timeNanos(), e.harness());
    }

    static String format(ProcessExit e) {
        StringBuilder sb = new StringBuilder(128);
        head(sb, e.pid(), e.tid(), e.thread());
        if (e.killed()) {
            sb.append(",\"exit\":\"killed\",\"killed_by\":");
            Json.string(sb, e.signal().orElseThrow());
            sb.append(",\"signo\":").append(e.signalNumber()).append(",\"core_dumped\":").append(e.coreDumped());
        } else {
            sb.append(",\"exit\":\"exited\",\"exit_code\":").append(e.exitCode().orElseThrow());
        }
        return tail(sb, e.timeNanos(), e.harness());
    }

    static String format(GroupStop e) {
        StringBuilder sb = new StringBuilder(112);
        head(sb, e.pid(), e.tid(), e.thread());
        sb.append(",\"stopped\":");
        Json.string(sb, e.signal());
        sb.append(",\"signo\":").append(e.signalNumber());
        return tail(sb, e.timeNanos(), e.harness());
    }

    private static void head(StringBuilder sb, int pid, int tid, String thread) {
        sb.append("{\"pid\":").append(pid).append(",\"tid\":").append(tid).append(",\"thread\":");
        Json.string(sb, thread);
    }

    private static String tail(StringBuilder sb, long timeNanos, boolean harness) {
        return sb.append(",\"time_ns\":").append(timeNanos).append(",\"harness\":").append(harness).append('}')
                .toString();
    }

    private static void optional(StringBuilder sb, String key, OptionalInt value) {
        value.ifPresent(v -> sb.append(",\"").append(key).append("\":").append(v));
    }

    private static void optional(StringBuilder sb, String key, OptionalLong value) {
        value.ifPresent(v -> sb.append(",\"").append(key).append("\":").append(v));
    }

    static SignalEvent parseSignal(JsonFields f) {
        Long fault = f.optionalLong("fault_addr");
        return SignalEvent.builder()
                .pid(f.toInt("pid")).tid(f.toInt("tid")).thread(f.optionalString("thread"))
                .signal(f.toInt("signo"), f.requiredString("signal"))
                .code(f.toInt("code_nr"), f.requiredString("code"))
                .senderPid(f.optionalInt("sender_pid")).senderUid(f.optionalInt("sender_uid"))
                .childStatus(f.optionalInt("child_status")).faultAddress(fault).value(f.optionalLong("value"))
                .siginfo(f.requiredString("siginfo"))
                .timeNanos(f.toLong("time_ns")).harness(f.toBoolean("harness", false))
                .build();
    }

    static GroupStop parseGroupStop(JsonFields f) {
        return GroupStop.of(f.toInt("pid"), f.toInt("tid"), f.optionalString("thread"), f.toInt("signo"),
                f.requiredString("stopped"), f.toLong("time_ns")).harness(f.toBoolean("harness", false));
    }

    static ProcessExit parseExit(JsonFields f) {
        String how = f.requiredString("exit");
        int pid = f.toInt("pid");
        int tid = f.toInt("tid");
        String thread = f.optionalString("thread");
        long time = f.toLong("time_ns");
        ProcessExit exit;
        if (how.equals("killed")) {
            exit = ProcessExit.killed(pid, tid, thread, f.toInt("signo"), f.requiredString("killed_by"),
                    f.toBoolean("core_dumped", false), time);
        } else if (how.equals("exited")) {
            exit = ProcessExit.exited(pid, tid, thread, f.toInt("exit_code"), time);
        } else {
            throw f.typeError("exit", "\"exited\" or \"killed\"");
        }
        return exit.harness(f.toBoolean("harness", false));
    }
}
