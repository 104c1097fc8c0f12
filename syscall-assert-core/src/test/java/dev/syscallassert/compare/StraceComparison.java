package dev.syscallassert.compare;

import dev.syscallassert.SyscallEvent;
import dev.syscallassert.TraceResult;
import dev.syscallassert.Tracer;
import dev.syscallassert.fixtures.BoundedWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one command under real strace 6.1 ({@code strace -f -qq}, its default string limit, no -y) and under this
 * tracer, and compares the two renderings call by call: each thread's calls (threads matched by the order they first
 * appear) are aligned by syscall name (longest common subsequence), and each aligned pair's arguments and return value
 * are compared after normalising what differs between any two runs: addresses, pids and tids, inodes, random bytes,
 * the ports the kernel picks (numbered per side in order of appearance, so that mixing two ports up still shows), a
 * file system's free blocks and inodes, and a poll timeout the program computed from the clock.
 * strace is the reference: where the lines differ, we are wrong (or the normalisation is).
 */
public final class StraceComparison {

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(.*)$");
    private static final Pattern CALL = Pattern.compile("^([a-z0-9_]+)\\((.*)\\)\\s+= (.*)$");
    private static final Pattern UNFINISHED = Pattern.compile("^([a-z0-9_]+)\\((.*) <unfinished \\.\\.\\.>$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)\\)\\s+= (.*)$");
    private static final Pattern NO_RETURN = Pattern.compile("^([a-z0-9_]+)\\((.*)\\)\\s+= \\?$");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{6,}");
    private static final Pattern INODE = Pattern.compile("(socket|pipe|anon_inode:\\[?[a-z]*\\]?):\\[\\d+\\]");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d{2,7}(?![\\w.])");
    private static final Pattern RANDOM_BYTES = Pattern.compile("^getrandom\\(\"[^\"]*\"");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"(\\.\\.\\.)?");
    private static final Pattern PORT = Pattern.compile("htons\\((\\d+)\\)");
    /** poll's and epoll_wait's timeout when the program computed it from a clock (0 and -1 stay exact). */
    private static final Pattern TIMEOUT = Pattern.compile("^((?:poll|epoll_wait)\\(.*, )([1-9]\\d*)$");
    private static final Pattern FREE_SPACE = Pattern.compile("\\b(f_bfree|f_bavail|f_ffree)=\\d+");
    private static final java.util.Set<String> RANDOM_DEVICES = java.util.Set.of("/dev/urandom", "/dev/random");

    /** One call as either tracer printed it: who, what, with which arguments, and what it returned. */
    public record Call(int tid, String syscall, String args, String ret, boolean random) {
        Call(int tid, String syscall, String args, String ret) {
            this(tid, syscall, args, ret, false);
        }

        String line() {
            return syscall + "(" + args + ") = " + ret;
        }
    }

    /** A pair of lines that differ, for the report. */
    public record Difference(String strace, String ours) {
    }

    /** The outcome for one workload. */
    public static final class Result {
        final String workload;
        int straceCalls;
        int ourCalls;
        int paired;
        int sameArgs;
        int sameReturn;
        final Map<String, int[]> bySyscall = new TreeMap<>(); // name -> {paired, sameArgs, sameReturn}
        final List<Difference> differences = new ArrayList<>();

        Result(String workload) {
            this.workload = workload;
        }

        /** Share of strace's calls that we printed with exactly the same arguments (unpaired ones count as wrong). */
        public double argumentShare() {
            return straceCalls == 0 ? 1 : (double) sameArgs / straceCalls;
        }

        public double returnShare() {
            return straceCalls == 0 ? 1 : (double) sameReturn / straceCalls;
        }

        /** The syscalls whose arguments differed at least once, with how many of their pairs differed. */
        public Map<String, Integer> differingSyscalls() {
            Map<String, Integer> out = new TreeMap<>();
            bySyscall.forEach((name, c) -> {
                if (c[1] < c[0]) {
                    out.put(name, c[0] - c[1]);
                }
            });
            return out;
        }

        public List<Difference> differences() {
            return differences;
        }

        public String summary() {
            return String.format("%-28s strace %5d calls, ours %5d, paired %5d: args identical %5.1f%%, returns "
                    + "identical %5.1f%%", workload, straceCalls, ourCalls, paired, 100 * argumentShare(),
                    100 * returnShare());
        }
    }

    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private StraceComparison() {
    }

    /** Runs {@code command} in {@code dir} under both tracers and compares them. */
    public static Result compare(String workload, List<String> command, Path dir) throws IOException,
            InterruptedException {
        StraceRun strace = strace(workload, command, dir, "");
        TraceResult ours = Tracer.command(command).run();
        List<Call> ourCalls = new ArrayList<>();
        for (SyscallEvent e : ours.trace().events()) {
            // What a read from the kernel's random devices returns differs every run; strace's lines cannot say which
            // fd that was (no -y), so our side marks the pair.
            boolean random = e.fdPath().filter(RANDOM_DEVICES::contains).isPresent();
            ourCalls.add(new Call(e.tid(), e.syscall(), String.join(", ", e.renderedArgs()), e.renderedReturn(),
                    random));
        }
        return compare(workload, strace.calls, strace.pid, ourCalls, ProcessHandle.current().pid());
    }

    /**
     * The noise floor: {@code command} run twice under strace, the second run compared with the first the same way,
     * so what differs between two runs of the program itself (a JVM's threads racing for futexes, memory figures)
     * shows as the share strace reaches against itself.
     */
    public static Result compareStraceWithItself(String workload, List<String> command, Path dir)
            throws IOException, InterruptedException {
        StraceRun first = strace(workload, command, dir, "first-");
        StraceRun second = strace(workload, command, dir, "second-");
        return compare(workload, first.calls, first.pid, second.calls, second.pid);
    }

    private record StraceRun(List<Call> calls, long pid) {
    }

    private static StraceRun strace(String workload, List<String> command, Path dir, String tag)
            throws IOException, InterruptedException {
        Path straceOut = dir.resolve(tag + "strace-" + workload.replaceAll("\\W", "_") + ".txt");
        List<String> straceCommand = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", straceOut.toString()));
        straceCommand.addAll(command);
        // Output to regular files on both sides (the tracer captures the program's output in temp files), and the
        // same working directory and environment: both are this JVM's.
        // The tracer's capture files are made by Files.createTempFile, hence mode 0600: the same for strace's.
        Path out = Files.createFile(dir.resolve(tag + "strace-stdout"), OWNER_ONLY);
        Path err = Files.createFile(dir.resolve(tag + "strace-stderr"), OWNER_ONLY);
        Process strace = new ProcessBuilder(straceCommand)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!BoundedWait.endedWithin(strace, 120)) {
            throw new AssertionError("strace did not finish: " + command);
        }
        return new StraceRun(parseStrace(Files.readAllLines(straceOut, StandardCharsets.UTF_8)), strace.pid());
    }

    /** strace's -f -o lines, unfinished and resumed halves joined; signal and exit lines left out. */
    static List<Call> parseStrace(List<String> lines) {
        List<Call> calls = new ArrayList<>();
        Map<Integer, String[]> pending = new LinkedHashMap<>(); // tid -> {name, args so far}
        for (String raw : lines) {
            Matcher l = LINE.matcher(raw);
            if (!l.matches()) {
                continue;
            }
            int tid = Integer.parseInt(l.group(1));
            String rest = l.group(2);
            if (rest.startsWith("---") || rest.startsWith("+++")) {
                continue;
            }
            Matcher m;
            if ((m = UNFINISHED.matcher(rest)).matches()) {
                pending.put(tid, new String[] {m.group(1), m.group(2)});
            } else if ((m = RESUMED.matcher(rest)).matches()) {
                String[] p = pending.remove(tid);
                String head = p == null ? "" : p[1];
                calls.add(new Call(tid, m.group(1), (head + m.group(2)).replaceFirst(",\\s+$", ""), m.group(3)));
            } else if ((m = CALL.matcher(rest)).matches()) {
                calls.add(new Call(tid, m.group(1), m.group(2), m.group(3)));
            } else if ((m = NO_RETURN.matcher(rest)).matches()) {
                calls.add(new Call(tid, m.group(1), m.group(2), "?"));
            }
        }
        for (Map.Entry<Integer, String[]> p : pending.entrySet()) {
            calls.add(new Call(p.getKey(), p.getValue()[0], p.getValue()[1].replaceFirst(",\\s+$", ""), "?"));
        }
        return calls;
    }

    static Result compare(String workload, List<Call> reference, long straceParent, List<Call> ours, long ourParent) {
        Result r = new Result(workload);
        r.straceCalls = reference.size();
        r.ourCalls = ours.size();
        List<List<Call>> theirs = new ArrayList<>(byThread(reference).values());
        List<List<Call>> mine = new ArrayList<>(byThread(ours).values());
        List<int[]> pairs = pairThreads(theirs, mine);
        Map<Long, String> theirIds = new LinkedHashMap<>();
        Map<Long, String> myIds = new LinkedHashMap<>();
        for (int p = 0; p < pairs.size(); p++) {
            theirIds.put((long) theirs.get(pairs.get(p)[0]).get(0).tid, "P" + (p + 1));
            myIds.put((long) mine.get(pairs.get(p)[1]).get(0).tid, "P" + (p + 1));
        }
        theirIds.put(straceParent, "PARENT");
        myIds.put(ourParent, "PARENT");
        Map<String, String> theirPorts = new HashMap<>();
        Map<String, String> myPorts = new HashMap<>();
        for (int[] pair : pairs) {
            align(r, theirs.get(pair[0]), theirIds, theirPorts, mine.get(pair[1]), myIds, myPorts);
        }
        return r;
    }

    private static Map<Integer, List<Call>> byThread(List<Call> calls) {
        Map<Integer, List<Call>> out = new LinkedHashMap<>();
        for (Call c : calls) {
            out.computeIfAbsent(c.tid, k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /**
     * Which of strace's threads is which of ours: the processes of a pipeline start in either order, so a thread is
     * known by the first program it execs (its execve's arguments); the others pair in order of appearance.
     */
    private static List<int[]> pairThreads(List<List<Call>> theirs, List<List<Call>> mine) {
        List<int[]> pairs = new ArrayList<>();
        boolean[] taken = new boolean[mine.size()];
        List<Integer> unpaired = new ArrayList<>();
        for (int t = 0; t < theirs.size(); t++) {
            String exec = firstExec(theirs.get(t));
            int match = -1;
            for (int m = 0; exec != null && m < mine.size() && match < 0; m++) {
                if (!taken[m] && exec.equals(firstExec(mine.get(m)))) {
                    match = m;
                }
            }
            if (match >= 0) {
                taken[match] = true;
                pairs.add(new int[] {t, match});
            } else {
                unpaired.add(t);
            }
        }
        int m = 0;
        for (int t : unpaired) {
            while (m < mine.size() && taken[m]) {
                m++;
            }
            if (m < mine.size()) {
                taken[m] = true;
                pairs.add(new int[] {t, m++});
            }
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        return pairs;
    }

    private static String firstExec(List<Call> thread) {
        for (Call c : thread) {
            if (c.syscall.equals("execve") || c.syscall.equals("execveat")) {
                return ADDRESS.matcher(c.args).replaceAll("0xADDR");
            }
        }
        return null;
    }

    private static void align(Result r, List<Call> theirs, Map<Long, String> theirIds, Map<String, String> theirPorts,
                              List<Call> mine, Map<Long, String> myIds, Map<String, String> myPorts) {
        int n = theirs.size();
        int m = mine.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = theirs.get(i).syscall.equals(mine.get(j).syscall) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            Call s = theirs.get(i);
            Call o = mine.get(j);
            if (s.syscall.equals(o.syscall)) {
                r.paired++;
                int[] counts = r.bySyscall.computeIfAbsent(s.syscall, k -> new int[3]);
                counts[0]++;
                String sa = ports(normalise(s.syscall + "(" + s.args, theirIds), theirPorts);
                String oa = ports(normalise(o.syscall + "(" + o.args, myIds), myPorts);
                if (o.random) {
                    sa = STRINGS.matcher(sa).replaceAll("\"RANDOM\"");
                    oa = STRINGS.matcher(oa).replaceAll("\"RANDOM\"");
                }
                String sr = normalise(s.ret, theirIds);
                String or = normalise(o.ret, myIds);
                // A pid mask can hit a number that only happens to equal a pid of one run (read's count 1024 when
                // strace's tracee was pid 1024): the same rendering with no pid masked is the same rendering too.
                boolean sameArgs = sa.equals(oa) || sameUnmasked(s.syscall + "(" + s.args, theirPorts,
                        o.syscall + "(" + o.args, myPorts, o.random);
                boolean sameRet = sr.equals(or) || normalise(s.ret, Map.of()).equals(normalise(o.ret, Map.of()));
                if (sameArgs) {
                    r.sameArgs++;
                    counts[1]++;
                }
                if (sameRet) {
                    r.sameReturn++;
                    counts[2]++;
                }
                if ((!sameArgs || !sameRet) && r.differences.size() < 400) {
                    r.differences.add(new Difference(sa + ") = " + sr, oa + ") = " + or));
                }
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** Whether two calls' texts are the same with only what differs between runs masked, pids left as they are. */
    private static boolean sameUnmasked(String theirs, Map<String, String> theirPorts, String mine,
                                        Map<String, String> myPorts, boolean random) {
        // each side's ports as already numbered for its calls: the port masking stays as strict as it was
        String sa = ports(normalise(theirs, Map.of()), theirPorts);
        String oa = ports(normalise(mine, Map.of()), myPorts);
        if (random) {
            sa = STRINGS.matcher(sa).replaceAll("\"RANDOM\"");
            oa = STRINGS.matcher(oa).replaceAll("\"RANDOM\"");
        }
        return sa.equals(oa);
    }

    /** Each port a side shows becomes PORT1, PORT2, ... in the order that side first shows it. */
    static String ports(String text, Map<String, String> seen) {
        Matcher m = PORT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = seen.computeIfAbsent(m.group(1), k -> "PORT" + (seen.size() + 1));
            m.appendReplacement(sb, "htons(" + name + ")");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** What differs between any two runs of the same program becomes a placeholder. */
    static String normalise(String text, Map<Long, String> ids) {
        String t = RANDOM_BYTES.matcher(text).replaceAll("getrandom(\"RANDOM\"");
        t = FREE_SPACE.matcher(t).replaceAll("$1=FREE");
        t = TIMEOUT.matcher(t).replaceAll("$1TIMEOUT");
        t = ADDRESS.matcher(t).replaceAll("0xADDR");
        t = INODE.matcher(t).replaceAll("$1:[INODE]");
        Matcher m = NUMBER.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String id = ids.get(Long.parseLong(m.group()));
            m.appendReplacement(sb, id != null ? id : m.group());
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
