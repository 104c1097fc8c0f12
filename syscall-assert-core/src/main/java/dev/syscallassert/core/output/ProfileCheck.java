package dev.syscallassert.core.output;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.core.format.Json;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI / Docker seccomp profile read back, and what it would answer to each traced call: the decision the kernel
 * would take with the filter libseccomp compiles from it, taken here from the call's number-free name and its raw
 * argument registers, so that every call a profile would refuse can be listed instead of the first one failing.
 * Immutable; any thread.
 *
 * <p>As libseccomp, when several rules match a call the most restrictive action wins (kill, trap, errno, trace,
 * log, allow), and no rule means the default action. Docker's conditional rules: a rule that {@code includes}
 * capabilities is taken not to apply (a container without extra capabilities), one that {@code excludes} them
 * applies; {@code arches} are matched against x86_64, {@code minKernel} against the running kernel.
 */
public final class ProfileCheck {

    /** What the profile answers: allowed, or the action (and errno) that refuses the call, and which rule did. */
    public record Verdict(boolean allowed, String action, int errno, String rule) {
        /** {@code "EPERM"}, {@code "ENOSYS"}, or the action's name for a kill or trap. */
        public String refusal() {
            return action.equals("SCMP_ACT_ERRNO") ? Constants.errnoName(errno) : action;
        }
    }

    private record Arg(int index, long value, long valueTwo, String op) {
        boolean matches(long[] args) {
            long a = args[index];
            switch (op) {
                case "SCMP_CMP_NE": return a != value;
                case "SCMP_CMP_LT": return Long.compareUnsigned(a, value) < 0;
                case "SCMP_CMP_LE": return Long.compareUnsigned(a, value) <= 0;
                case "SCMP_CMP_EQ": return a == value;
                case "SCMP_CMP_GE": return Long.compareUnsigned(a, value) >= 0;
                case "SCMP_CMP_GT": return Long.compareUnsigned(a, value) > 0;
                case "SCMP_CMP_MASKED_EQ": return (a & value) == valueTwo;
                default: throw new IllegalArgumentException("unknown seccomp comparison " + op);
            }
        }
    }

    private record Rule(List<String> names, String action, int errno, List<Arg> args, int position) {
    }

    /** libseccomp's precedence, most restrictive first. */
    private static final List<String> PRECEDENCE = List.of("SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
            "SCMP_ACT_KILL", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_LOG",
            "SCMP_ACT_ALLOW");

    private final String defaultAction;
    private final int defaultErrno;
    private final List<Rule> rules;

    private ProfileCheck(String defaultAction, int defaultErrno, List<Rule> rules) {
        this.defaultAction = defaultAction;
        this.defaultErrno = defaultErrno;
        this.rules = rules;
    }

    /** Parses the profile's JSON; the message of the exception says what in it is not understood. */
    @SuppressWarnings("unchecked")
    public static ProfileCheck parse(String json, String kernelRelease) {
        Object root = Json.parse(json);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("a seccomp profile is a JSON object");
        }
        Map<String, Object> profile = (Map<String, Object>) root;
        String defaultAction = action((String) profile.get("defaultAction"));
        int defaultErrno = profile.get("defaultErrnoRet") != null
                ? ((Long) profile.get("defaultErrnoRet")).intValue() : Constants.errno("EPERM");
        List<Rule> rules = new ArrayList<>();
        List<Object> syscalls = (List<Object>) profile.getOrDefault("syscalls", List.of());
        for (int position = 0; position < syscalls.size(); position++) {
            Map<String, Object> r = (Map<String, Object>) syscalls.get(position);
            if (!applies(r, kernelRelease)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            if (r.get("names") != null) {
                ((List<Object>) r.get("names")).forEach(n -> names.add((String) n));
            }
            if (r.get("name") != null) {
                names.add((String) r.get("name")); // the older single-name form
            }
            List<Arg> args = new ArrayList<>();
            for (Object a : (List<Object>) (r.get("args") == null ? List.of() : r.get("args"))) {
                Map<String, Object> m = (Map<String, Object>) a;
                args.add(new Arg(((Long) m.get("index")).intValue(), number(m.get("value")),
                        number(m.get("valueTwo")), (String) m.get("op")));
            }
            int errno = r.get("errnoRet") != null ? ((Long) r.get("errnoRet")).intValue() : defaultErrno;
            rules.add(new Rule(names, action((String) r.get("action")), errno, args, position));
        }
        return new ProfileCheck(defaultAction, defaultErrno, rules);
    }

    /** JSON numbers above Long.MAX_VALUE do not occur in our parser; a 64-bit mask is written as its signed value. */
    private static long number(Object o) {
        return o == null ? 0 : (Long) o;
    }

    private static String action(String name) {
        if (name == null || !PRECEDENCE.contains(name)) {
            throw new IllegalArgumentException("unknown seccomp action " + name);
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    private static boolean applies(Map<String, Object> rule, String kernelRelease) {
        Map<String, Object> includes = (Map<String, Object>) rule.getOrDefault("includes", Map.of());
        Map<String, Object> excludes = (Map<String, Object>) rule.getOrDefault("excludes", Map.of());
        if (includes.get("caps") != null && !((List<Object>) includes.get("caps")).isEmpty()) {
            return false;
        }
        if (includes.get("arches") != null && !((List<Object>) includes.get("arches")).contains("amd64")
                && !((List<Object>) includes.get("arches")).contains("x86_64")) {
            return false;
        }
        if (excludes.get("arches") != null && (((List<Object>) excludes.get("arches")).contains("amd64")
                || ((List<Object>) excludes.get("arches")).contains("x86_64"))) {
            return false;
        }
        Object minKernel = includes.get("minKernel");
        return minKernel == null || kernelAtLeast(kernelRelease, (String) minKernel);
    }

    static boolean kernelAtLeast(String release, String minimum) {
        String[] have = release.split("[.-]");
        String[] want = minimum.split("[.-]");
        for (int i = 0; i < 2; i++) {
            int h = i < have.length ? Integer.parseInt(have[i].replaceAll("\\D.*", "")) : 0;
            int w = i < want.length ? Integer.parseInt(want[i]) : 0;
            if (h != w) {
                return h > w;
            }
        }
        return true;
    }

    /** What the profile answers to {@code call}. */
    public Verdict verdict(SyscallEvent call) {
        long[] args = call.args();
        Optional<Rule> winner = Optional.empty();
        for (Rule r : rules) {
            if (r.names().contains(call.syscall()) && r.args().stream().allMatch(a -> a.matches(args))) {
                if (winner.isEmpty()
                        || PRECEDENCE.indexOf(r.action()) < PRECEDENCE.indexOf(winner.get().action())) {
                    winner = Optional.of(r);
                }
            }
        }
        if (winner.isEmpty()) {
            return new Verdict(defaultAction.equals("SCMP_ACT_ALLOW") || defaultAction.equals("SCMP_ACT_LOG"),
                    defaultAction, defaultErrno, "defaultAction");
        }
        Rule r = winner.get();
        boolean allowed = r.action().equals("SCMP_ACT_ALLOW") || r.action().equals("SCMP_ACT_LOG");
        return new Verdict(allowed, r.action(), r.errno(), "syscalls[" + r.position() + "]");
    }
}
