package dev.syscallassert.core.act;

import dev.syscallassert.Fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * strace's {@code -e inject=} syntax for a {@link Fault}, both ways: {@code write:error=ENOSPC:when=3},
 * {@code read:retval=0}, {@code fsync:delay_enter=200ms}, {@code write:signal=SIGUSR1}, plus this tracer's
 * {@code path=}, {@code address=}, {@code short=}, {@code probability=} and {@code seed=}. A path pattern or address may
 * contain colons ({@code path=glob:**}{@code /x}, {@code address=[::1]:*}): a part after them without {@code =}
 * continues them. Stateless; any thread.
 */
public final class FaultSyntax {

    private FaultSyntax() {
    }

    public static Fault parse(String inject) {
        if (inject == null || inject.isBlank()) {
            throw new IllegalArgumentException("An inject expression is SYSCALLS:error=ERRNO[:when=N]...; was empty");
        }
        String text = inject.trim();
        if (text.startsWith("inject=")) {
            text = text.substring("inject=".length());
        }
        String[] parts = text.split(":", -1);
        List<String[]> options = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String[] last = options.isEmpty() ? null : options.get(options.size() - 1);
            if (eq < 0 && last != null && (last[0].equals("path") || last[0].equals("address"))) {
                last[1] = last[1] + ":" + parts[i];
            } else if (eq < 0) {
                throw new IllegalArgumentException("\"" + parts[i] + "\" in \"" + inject + "\" is not KEY=VALUE");
            } else {
                options.add(new String[] {parts[i].substring(0, eq), parts[i].substring(eq + 1)});
            }
        }
        Fault f = Fault.on(parts[0]);
        Long seed = null;
        Double probability = null;
        for (String[] o : options) {
            String key = o[0];
            String value = o[1];
            switch (key) {
                case "error" -> f = f.error(value);
                case "retval" -> f = f.returnValue(number(key, value, inject));
                case "signal" -> f = f.signal(value);
                case "delay_enter" -> f = f.delayBefore(delay(value, inject));
                case "delay_exit" -> f = f.delayAfter(delay(value, inject));
                case "when" -> f = when(f, value, inject);
                case "path" -> f = f.path(value);
                case "address" -> f = f.address(value);
                case "short" -> f = f.shortBy(fraction(key, value, inject));
                case "probability" -> probability = fraction(key, value, inject);
                case "seed" -> seed = number(key, value, inject);
                default -> throw new IllegalArgumentException("Unknown inject option \"" + key + "\" in \"" + inject
                        + "\"; this tracer takes error, retval, signal, delay_enter, delay_exit, when, path, address, "
                        + "short, probability and seed");
            }
        }
        if (probability != null) {
            f = f.probability(probability, seed == null ? 0 : seed);
        } else if (seed != null) {
            throw new IllegalArgumentException("seed= without probability= in \"" + inject + "\"");
        }
        FaultChecks.complete(f);
        return f;
    }

    public static String format(Fault f) {
        StringBuilder sb = new StringBuilder(f.syscalls());
        f.errno().ifPresent(e -> sb.append(":error=").append(e));
        f.injectedReturnValue().ifPresent(v -> sb.append(":retval=").append(v));
        if (f.shortBy() > 0) {
            sb.append(":short=").append(f.shortBy());
        }
        f.signal().ifPresent(s -> sb.append(":signal=").append(s));
        if (!f.delayBefore().isZero()) {
            sb.append(":delay_enter=").append(microseconds(f.delayBefore()));
        }
        if (!f.delayAfter().isZero()) {
            sb.append(":delay_exit=").append(microseconds(f.delayAfter()));
        }
        if (!Double.isNaN(f.probability())) {
            sb.append(":probability=").append(f.probability()).append(":seed=").append(f.seed());
        } else if (!(f.first() == 1 && f.last() == Fault.NO_LAST && f.step() == 1)) {
            sb.append(":when=").append(when(f));
        }
        f.path().ifPresent(p -> sb.append(":path=").append(p));
        f.address().ifPresent(a -> sb.append(":address=").append(a));
        return sb.toString();
    }

    private static String when(Fault f) {
        if (f.last() == f.first()) {
            return Long.toString(f.first());
        }
        String range = f.last() == Fault.NO_LAST ? f.first() + "+" : f.first() + ".." + f.last();
        if (f.step() != 1) {
            return (f.last() == Fault.NO_LAST ? range : range + "+") + f.step();
        }
        return range;
    }

    /** strace's delay: microseconds, or with a unit (s, ms, us, ns). */
    private static String microseconds(Duration d) {
        return d.toNanos() % 1000 == 0 ? d.toNanos() / 1000 + "us" : d.toNanos() + "ns";
    }

    /** strace's when=FIRST[..LAST][+[STEP]]. */
    private static Fault when(Fault f, String value, String inject) {
        String v = value;
        long step = 1;
        boolean open = false;
        int plus = v.indexOf('+');
        if (plus >= 0) {
            open = true;
            String s = v.substring(plus + 1);
            step = s.isEmpty() ? 1 : number("when's step", s, inject);
            v = v.substring(0, plus);
        }
        int dots = v.indexOf("..");
        long first = number("when", dots < 0 ? v : v.substring(0, dots), inject);
        long last = dots >= 0 ? number("when's last", v.substring(dots + 2), inject) : open ? Fault.NO_LAST : first;
        return f.when(first, last, step);
    }

    private static Duration delay(String value, String inject) {
        String v = value.trim();
        long unitNanos = 1000;
        String digits = v;
        for (String[] unit : new String[][] {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}}) {
            if (v.endsWith(unit[0])) {
                digits = v.substring(0, v.length() - unit[0].length());
                unitNanos = Long.parseLong(unit[1]);
                break;
            }
        }
        return Duration.ofNanos(Math.multiplyExact(number("delay", digits, inject), unitNanos));
    }

    private static long number(String key, String value, String inject) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=\"" + value + "\" in \"" + inject + "\" is not a number");
        }
    }

    private static double fraction(String key, String value, String inject) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=\"" + value + "\" in \"" + inject + "\" is not a number");
        }
    }
}
