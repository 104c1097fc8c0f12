package dev.syscallassert.core.output;

import dev.syscallassert.core.format.Json;
import dev.syscallassert.core.syscalls.SyscallTable;
import dev.syscallassert.core.xlat.Constants;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the OCI / Docker seccomp JSON for a set of {@link ProfileObservations}: what was seen becomes allowed, and
 * the known reasons a generated profile fails in practice are handled here. Stateless; any thread.
 *
 * <ul>
 *   <li>{@code defaultAction} {@code SCMP_ACT_ERRNO} with {@code defaultErrnoRet} EPERM, as Docker's default
 *       profile; {@code architectures} names x86_64 only: the tracer lets 32-bit and x32 calls through untraced, so
 *       the trace cannot vouch for them (and Docker refuses {@code architectures} and {@code archMap} together).</li>
 *   <li>Arguments narrow a rule only where the trace saw every value: {@code socket} per address family and
 *       {@code personality} per persona (one rule per value: the arguments of one rule are ANDed), compared with
 *       {@code SCMP_CMP_MASKED_EQ} on the low 32 bits because both arguments are C {@code int}s; {@code clone} with
 *       no CLONE_NEW* flag (Docker's own rule) when no clone or clone3 asked for one.</li>
 *   <li>{@link #ENOSYS_FALLBACKS}: the newer syscalls whose callers fall back to an older one on {@code ENOSYS}
 *       and not on {@code EPERM}, answered {@code ENOSYS} when the programs did not use them. {@code clone3} is
 *       always one when {@code clone} is narrowed, as in Docker's default profile: its flags are in memory, which
 *       a filter cannot read, so glibc must fall back to {@code clone}, whose flags it can.</li>
 *   <li>{@link #RUNC_AFTER_FILTER}: the calls runc itself makes between installing the filter and the execve of
 *       the program (they go through the filter too), as listed in runc issue 2097 from a trace of runc.</li>
 * </ul>
 */
public final class SeccompProfileJson {

    /**
     * Newer syscall → what its callers do on ENOSYS: clone3 → clone (glibc 2.34+ threads and posix_spawn);
     * faccessat2 → faccessat (glibc 2.33+); statx → fstatat (glibc's statx, gnulib); openat2 → openat; close_range →
     * a /proc/self/fd walk (glibc closefrom); epoll_pwait2 → epoll_pwait; copy_file_range → read/write (coreutils,
     * Python's shutil); pidfd_open → plain pids; rseq → none needed (glibc 2.35+ registers it and ignores a failure);
     * getrandom → /dev/urandom; io_uring_setup → other I/O; landlock_create_ruleset → no sandbox.
     */
    static final List<String> ENOSYS_FALLBACKS = List.of("clone3", "faccessat2", "statx", "openat2",
            "close_range", "epoll_pwait2", "copy_file_range", "pidfd_open", "rseq", "getrandom", "io_uring_setup",
            "landlock_create_ruleset");

    /** runc's own calls after it installs the filter, up to and including the program's execve (runc#2097). */
    static final List<String> RUNC_AFTER_FILTER = List.of("brk", "capget", "capset", "chdir", "close",
            "epoll_ctl", "epoll_pwait", "execve", "fchown", "fcntl", "fstat", "futex", "getdents64", "getppid",
            "nanosleep", "newfstatat", "openat", "prctl", "read", "setgid", "setgroups", "setuid", "write");

    static final String X86_64 = "SCMP_ARCH_X86_64";
    private static final String SEEN_IN = "seen in ";
    private static final String RUNTIME_COMMENT = "made by runc between installing this filter and the program's "
            + "execve";
    private static final long LOW_32 = 0xffff_ffffL;

    private SeccompProfileJson() {
    }

    public static String render(ProfileObservations seen, boolean runtimeSyscalls) {
        SortedSet<String> plain = new TreeSet<>(seen.names());
        List<String> rules = new ArrayList<>();
        for (String narrowed : ProfileObservations.NARROWED_BY_ARG0.keySet().stream().sorted().toList()) {
            if (plain.remove(narrowed)) {
                for (long value : seen.arg0Values(narrowed)) {
                    rules.add(rule(List.of(narrowed), "SCMP_ACT_ALLOW", null,
                            arg(0, LOW_32, value, "SCMP_CMP_MASKED_EQ"), valueName(narrowed, value)));
                }
            }
        }
        boolean narrowClone = seen.clonesWithoutNamespaces();
        if (narrowClone && (plain.remove("clone") | plain.remove("clone3"))) {
            rules.add(rule(List.of("clone"), "SCMP_ACT_ALLOW", null,
                    arg(0, ProfileObservations.namespaceFlags(), 0, "SCMP_CMP_MASKED_EQ"),
                    "no CLONE_NEW* flag; clone3 gets ENOSYS so that libc falls back to clone"));
        }
        List<String> enosys = new ArrayList<>();
        for (String name : ENOSYS_FALLBACKS) {
            if (!plain.contains(name) && SyscallTable.current().contains(name)) {
                enosys.add(name);
            }
        }
        if (!enosys.isEmpty()) {
            rules.add(rule(enosys, "SCMP_ACT_ERRNO", Constants.errno("ENOSYS"), null,
                    "not used by the traced runs; callers fall back to an older syscall on ENOSYS, not EPERM"));
        }
        if (runtimeSyscalls) {
            List<String> runtime = new ArrayList<>(RUNC_AFTER_FILTER);
            runtime.removeAll(plain);
            if (!runtime.isEmpty()) {
                rules.add(rule(runtime, "SCMP_ACT_ALLOW", null, null, RUNTIME_COMMENT));
            }
        }
        if (!plain.isEmpty()) {
            rules.add(0, rule(plain, "SCMP_ACT_ALLOW", null, null,
                    SEEN_IN + seen.runs() + (seen.runs() == 1 ? " traced run" : " traced runs")
                            + ": allows only what the runs exercised"));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": ")
                .append(Constants.errno("EPERM")).append(",\n  \"architectures\": [\"").append(X86_64)
                .append("\"],\n  \"syscalls\": [");
        for (int i = 0; i < rules.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append(rules.get(i));
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /**
     * The observations a profile written by {@link #render} was made from: its unconditional allow rule, its
     * per-value rules and its narrowed clone; the ENOSYS and runtime rules are derived, so they are left out. A
     * profile with any other rule was not written here and is refused (its meaning cannot be merged as facts).
     */
    @SuppressWarnings("unchecked")
    static ProfileObservations read(String json) {
        Map<String, Object> profile = (Map<String, Object>) Json.parse(json);
        SortedSet<String> names = new TreeSet<>();
        Map<String, SortedSet<Long>> values = new TreeMap<>();
        boolean narrowedClone = false;
        int runs = 1;
        List<Object> rules = (List<Object>) profile.getOrDefault("syscalls", List.of());
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> r = (Map<String, Object>) rules.get(i);
            String comment = String.valueOf(r.get("comment"));
            List<String> ruleNames = (List<String>) (List<?>) r.get("names");
            List<Object> args = (List<Object>) r.getOrDefault("args", List.of());
            if (comment.startsWith(SEEN_IN)) {
                runs = Integer.parseInt(comment.substring(SEEN_IN.length()).split(" ")[0]);
            }
            if (!"SCMP_ACT_ALLOW".equals(r.get("action")) || comment.equals(RUNTIME_COMMENT)) {
                continue;
            }
            if (args.isEmpty()) {
                names.addAll(ruleNames);
                continue;
            }
            Map<String, Object> a = (Map<String, Object>) args.get(0);
            String only = ruleNames.size() == 1 && args.size() == 1 ? ruleNames.get(0) : "";
            if (ProfileObservations.NARROWED_BY_ARG0.containsKey(only) && Long.valueOf(LOW_32).equals(a.get("value"))) {
                names.add(only);
                values.computeIfAbsent(only, k -> new TreeSet<>()).add((Long) a.get("valueTwo"));
            } else if (only.equals("clone")
                    && Long.valueOf(ProfileObservations.namespaceFlags()).equals(a.get("value"))) {
                names.add(only);
                narrowedClone = true;
            } else {
                throw new IllegalArgumentException("syscalls[" + i + "] is not a rule this library writes: only "
                        + "its own profiles can be merged");
            }
        }
        boolean noNamespaces = narrowedClone || !names.contains("clone") && !names.contains("clone3");
        return ProfileObservations.of(names, values, noNamespaces, runs);
    }

    private static String valueName(String syscall, long value) {
        String group = ProfileObservations.NARROWED_BY_ARG0.get(syscall);
        String name = group.isEmpty() ? null : Constants.group(group).name(value);
        return syscall + " with " + (name != null ? name : "0x" + Long.toHexString(value));
    }

    private static String arg(int index, long value, long valueTwo, String op) {
        return "{\"index\": " + index + ", \"value\": " + value + ", \"valueTwo\": " + valueTwo + ", \"op\": \""
                + op + "\"}";
    }

    private static String rule(Collection<String> names, String action, Integer errno, String arg, String comment) {
        StringBuilder sb = new StringBuilder("    {\n      \"names\": [");
        int column = 16;
        boolean first = true;
        for (String name : names) {
            if (!first) {
                sb.append(',');
                column++;
                if (column + name.length() + 3 > 118) {
                    sb.append("\n        ");
                    column = 8;
                } else {
                    sb.append(' ');
                    column++;
                }
            }
            Json.string(sb, name);
            column += name.length() + 2;
            first = false;
        }
        sb.append("],\n      \"action\": \"").append(action).append('"');
        if (errno != null) {
            sb.append(",\n      \"errnoRet\": ").append(errno);
        }
        if (arg != null) {
            sb.append(",\n      \"args\": [").append(arg).append(']');
        }
        sb.append(",\n      \"comment\": ");
        Json.string(sb, comment);
        return sb.append("\n    }").toString();
    }
}
