package dev.syscallassert.core.format;

import dev.syscallassert.Injection;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code injected} key of a call's JSON Lines object, present only on a call the tracer acted on:
 * {@code {"rule":"write:error=ENOSPC:when=3","denied":false,"errno":"ENOSPC","retval":null,"run_with_count":null,
 * "delay_enter_ns":0,"delay_exit_ns":0,"signal":null}}. Stateless; any thread.
 */
final class InjectionJson {
    private InjectionJson() {
    }

    static void append(StringBuilder sb, Injection i) {
        sb.append(",\"injected\":{\"rule\":");
        Json.string(sb, i.rule());
        sb.append(",\"denied\":").append(i.denied());
        sb.append(",\"errno\":");
        Json.string(sb, i.errno().orElse(null));
        sb.append(",\"retval\":").append(i.returnValue().isPresent() ? Long.toString(i.returnValue().getAsLong())
                : "null");
        sb.append(",\"run_with_count\":").append(i.runWithCount().isPresent()
                ? Long.toString(i.runWithCount().getAsLong()) : "null");
        sb.append(",\"delay_enter_ns\":").append(i.delayBefore().toNanos());
        sb.append(",\"delay_exit_ns\":").append(i.delayAfter().toNanos());
        sb.append(",\"signal\":");
        Json.string(sb, i.signal().orElse(null));
        sb.append('}');
    }

    /** The injection of a parsed call line, or null when it has no {@code injected} key. */
    static Injection parse(JsonFields line) {
        Object raw = line.raw("injected");
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map)) {
            throw line.typeError("injected", "an object");
        }
        @SuppressWarnings("unchecked")
        JsonFields f = new JsonFields((Map<String, Object>) raw, "rule");
        return new Injection(f.requiredString("rule"), f.toBoolean("denied", false), f.optionalString("errno"),
                f.optionalLong("retval"), f.optionalLong("run_with_count"),
                Duration.ofNanos(f.toLong("delay_enter_ns")), Duration.ofNanos(f.toLong("delay_exit_ns")),
                f.optionalString("signal"));
    }
}
