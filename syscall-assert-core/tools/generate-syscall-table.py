#!/usr/bin/env python3
"""Generates src/main/resources/dev/syscallassert/core/syscalls/x86_64.tsv.

Every fact in the table is read from something installed on the build machine, never typed by hand:

* numbers and names: the kernel's uapi header asm/unistd_64.h (package linux-libc-dev);
* strace classes (%file, %net, ...): the seccomp-BPF filter that the installed strace builds for
  ``-e trace=%CLASS --seccomp-bpf``.  strace installs it in its tracee before exec'ing the command; we take the
  tracee away from strace, read the filter back with PTRACE_SECCOMP_GET_FILTER and run it for every syscall number.
  strace's source is not copied anywhere (its licence differs from ours), only its observable behaviour is used;
* nargs: the ``nargs`` field of the installed strace's x86_64 sysent table, found in the ELF file through the
  R_X86_64_RELATIVE relocations that point at the syscall names.

The derived classes are then checked against plain (non-seccomp) strace runs of a small workload.

Run as root (ptrace of a process we did not start as our child needs CAP_SYS_PTRACE), on x86_64, with strace:
    python3 syscall-assert-core/tools/generate-syscall-table.py
Option --check compares with the checked-in file instead of writing it. It takes about 15 seconds.
"""

import argparse
import ctypes
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)
HEADER = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
CATEGORY_JAVA = os.path.join(MODULE, "src/main/java/dev/syscallassert/SyscallCategory.java")
OUTPUT = os.path.join(MODULE, "src/main/resources/dev/syscallassert/core/syscalls/x86_64.tsv")
REGENERATE = "python3 syscall-assert-core/tools/generate-syscall-table.py"

# Kernel ABI constants (linux/ptrace.h, linux/seccomp.h, linux/audit.h, linux/filter.h, linux/wait.h); these are
# protocol values, not facts about syscalls.
PTRACE_ATTACH = 16
PTRACE_DETACH = 17
PTRACE_SECCOMP_GET_FILTER = 0x420C
WALL = 0x40000000
AUDIT_ARCH_X86_64 = 0xC000003E
SECCOMP_RET_ACTION_FULL = 0xFFFF0000
SECCOMP_RET_TRACE = 0x7FF00000
PR_SET_CHILD_SUBREAPER = 36
R_X86_64_RELATIVE = 8


def fail(message):
    sys.exit("generate-syscall-table: " + message)


# ---------------------------------------------------------------------------------------------- kernel header

def read_header():
    numbers = {}
    with open(HEADER) as f:
        for line in f:
            m = re.match(r"#define\s+__NR_(\w+)\s+(\d+)\s*$", line)
            if m:
                numbers[int(m.group(2))] = m.group(1)
    if len(numbers) < 300:
        fail(f"only {len(numbers)} syscalls in {HEADER}; is it the x86_64 uapi header?")
    return numbers


def package_version(package):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def header_kernel_version():
    try:
        with open("/usr/include/linux/version.h") as f:
            text = f.read()
        parts = [re.search(r"LINUX_VERSION_%s\s+(\d+)" % k, text) for k in ("MAJOR", "PATCHLEVEL", "SUBLEVEL")]
        if all(parts):
            return ".".join(p.group(1) for p in parts)
    except OSError:
        pass
    return "unknown"


def category_names():
    """The strace class names in SyscallCategory's order, so the table and the enum cannot drift apart."""
    with open(CATEGORY_JAVA) as f:
        names = re.findall(r'^\s+[A-Z_]+\("([^"]+)"\)[,;]', f.read(), re.M)
    if not names:
        fail(f"no enum constants found in {CATEGORY_JAVA}")
    return names


# ---------------------------------------------------------------------------------------------- seccomp filter

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def wait_until(what, predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            fail("timed out waiting for " + what)
        time.sleep(0.005)


def strace_filter(trace_expr, strace, numbers):
    """The cBPF program strace installs for ``-e trace=trace_expr``, as (code, jt, jf, k) tuples."""
    # realpath: /proc/PID/exe names the resolved file, and /bin may be a link to /usr/bin.
    sleep = os.path.realpath(shutil.which("sleep") or fail("no sleep(1) on PATH"))
    # -D: strace traces from a grandchild, so the process we start is the tracee itself. Without -D, killing
    # strace 6.1 kills its tracee too; with -D the tracee survives, detached, with the filter still installed.
    proc = subprocess.Popen([strace, "-D", "-f", "--seccomp-bpf", "-e", "trace=" + trace_expr, "-o", "/dev/null",
                             sleep, "30"], stdin=subprocess.DEVNULL)
    pid = proc.pid
    try:
        def filtered_and_execed():
            if proc.poll() is not None:
                fail(f"strace -e trace={trace_expr} exited with {proc.returncode}")
            if os.readlink(f"/proc/{pid}/exe") != sleep:
                return False
            # Wait until sleep blocks in its sleep syscall: strace is done with it then. Killing strace right after
            # the exec (still inside strace's start-up handshake) left a dead tracee in our runs.
            with open(f"/proc/{pid}/syscall") as f:
                current = f.read().split()
            return bool(current) and current[0].isdigit() and numbers.get(int(current[0])) in sleeps
        sleeps = {"nanosleep", "clock_nanosleep"}
        wait_until(f"strace to install its seccomp filter for {trace_expr}", filtered_and_execed)
        status = proc_status(pid)
        if status.get("Seccomp") != "2" or status.get("Seccomp_filters") != "1":
            fail(f"expected exactly one seccomp filter in the tracee, status says {status.get('Seccomp')}"
                 f"/{status.get('Seccomp_filters')}")
        tracer = int(status["TracerPid"])
        if tracer == 0:
            fail("the tracee has no tracer; strace did not attach")
        os.kill(tracer, signal.SIGKILL)
        wait_until("strace to let go of its tracee", lambda: proc_status(pid)["TracerPid"] == "0")
        if libc.ptrace(PTRACE_ATTACH, pid, None, None) != 0:
            fail(f"PTRACE_ATTACH {pid}: {os.strerror(ctypes.get_errno())} (run as root)")
        os.waitpid(pid, WALL)
        count = libc.ptrace(PTRACE_SECCOMP_GET_FILTER, pid, None, None)
        if count <= 0:
            fail(f"PTRACE_SECCOMP_GET_FILTER: {os.strerror(ctypes.get_errno())}")
        buf = ctypes.create_string_buffer(8 * count)
        if libc.ptrace(PTRACE_SECCOMP_GET_FILTER, pid, None, buf) != count:
            fail(f"PTRACE_SECCOMP_GET_FILTER: {os.strerror(ctypes.get_errno())}")
        return [struct.unpack_from("<HBBI", buf.raw, 8 * i) for i in range(count)]
    finally:
        proc.kill()
        proc.wait()


def run_bpf(program, nr, arch):
    """A classic-BPF interpreter for seccomp programs, over struct seccomp_data {nr, arch, ip, args[6]}."""
    data = struct.pack("<iIQ6Q", nr, arch, 0, *([0] * 6))
    a = x = 0
    mem = [0] * 16
    pc = 0
    mask = 0xFFFFFFFF
    while pc < len(program):
        code, jt, jf, k = program[pc]
        pc += 1
        cls = code & 0x07
        if cls == 0x00:  # BPF_LD
            mode = code & 0xE0
            if mode == 0x20 and code & 0x18 == 0x00:  # BPF_ABS, BPF_W
                a = struct.unpack_from("<I", data, k)[0]
            elif mode == 0x00:  # BPF_IMM
                a = k
            elif mode == 0x60:  # BPF_MEM
                a = mem[k]
            elif mode == 0x80:  # BPF_LEN
                a = len(data)
            else:
                fail(f"unsupported BPF load 0x{code:x}")
        elif cls == 0x01:  # BPF_LDX
            mode = code & 0xE0
            x = k if mode == 0x00 else mem[k] if mode == 0x60 else len(data) if mode == 0x80 else fail(
                f"unsupported BPF ldx 0x{code:x}")
        elif cls == 0x02:  # BPF_ST
            mem[k] = a
        elif cls == 0x03:  # BPF_STX
            mem[k] = x
        elif cls == 0x04:  # BPF_ALU
            op = code & 0xF0
            src = x if code & 0x08 else k
            if op == 0x80:
                a = -a
            else:
                a = {0x00: lambda: a + src, 0x10: lambda: a - src, 0x20: lambda: a * src,
                     0x30: lambda: a // src, 0x40: lambda: a | src, 0x50: lambda: a & src,
                     0x60: lambda: a << src, 0x70: lambda: a >> src, 0x90: lambda: a % src,
                     0xA0: lambda: a ^ src}[op]()
            a &= mask
        elif cls == 0x05:  # BPF_JMP
            op = code & 0xF0
            if op == 0x00:  # BPF_JA
                pc += k
                continue
            src = x if code & 0x08 else k
            taken = {0x10: a == src, 0x20: a > src, 0x30: a >= src, 0x40: (a & src) != 0}[op]
            pc += jt if taken else jf
        elif cls == 0x06:  # BPF_RET
            return a if code & 0x18 == 0x10 else k
        elif cls == 0x07:  # BPF_MISC
            if code & 0xF8 == 0x00:
                x = a  # TAX
            else:
                a = x  # TXA
    fail("BPF program fell off its end")


def traced_numbers(program, numbers):
    return {nr for nr in numbers if run_bpf(program, nr, AUDIT_ARCH_X86_64) & SECCOMP_RET_ACTION_FULL
            == SECCOMP_RET_TRACE}


def probe_without_seccomp(strace, class_name, names):
    """Which of ``names`` plain strace shows under -e trace=%CLASS.

    Used for the syscalls that strace's seccomp filter traces whatever the class (it must see every exec), so the
    filter cannot tell whether they belong to the class. Each is called once, but strace's fault injection stops it
    from reaching the kernel: ENOSYS comes back and nothing happens. strace starts its command with execve, so
    injection into execve starts at its second call.
    """
    calls = "".join(f"libc.syscall({nr})\n" for nr in names.values())
    script = "import ctypes\nlibc = ctypes.CDLL(None)\n" + calls
    injections = []
    for name in names:
        when = ":when=2+" if name == "execve" else ""
        injections += ["-e", f"inject={name}:error=ENOSYS{when}"]
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        subprocess.run([strace, "-qq", "-e", "trace=%" + class_name, *injections, "-o", out.name,
                        sys.executable, "-c", script], check=True, stdin=subprocess.DEVNULL)
        shown = {m.group(1) for m in re.finditer(r"^(\w+)\(", out.read(), re.M)}
    return {name for name in names if name in shown}


def derive_classes(strace, numbers, classes):
    # Two single-syscall filters share exactly what strace traces in every filter (exec calls, unknown numbers).
    first, second = sorted(numbers)[:2]
    always = (traced_numbers(strace_filter(numbers[first], strace, numbers), numbers)
              & traced_numbers(strace_filter(numbers[second], strace, numbers), numbers))
    members = {}
    for class_name in classes:
        traced = traced_numbers(strace_filter("%" + class_name, strace, numbers), numbers)
        probed = probe_without_seccomp(strace, class_name, {numbers[nr]: nr for nr in sorted(always)})
        members[class_name] = (traced - always) | {nr for nr in always if numbers[nr] in probed}
        if not members[class_name]:
            fail(f"class %{class_name} came out empty")
    return members, always


# ---------------------------------------------------------------------------------------------- strace's sysent

def strace_nargs(strace, numbers):
    """nargs per number from the x86_64 sysent table in the strace binary; missing numbers are unknown.

    struct sysent is {unsigned nargs; int sys_flags; int sen; int (*sys_func)(); const char *sys_name;}: 32 bytes,
    the name pointer at +24. In a PIE binary that pointer is an R_X86_64_RELATIVE relocation whose addend is the
    string's address, so a table is a run of such relocations 32 bytes apart. strace has one table per personality
    (x86_64, x32, i386); the x86_64 one is the one whose names agree with the kernel header.
    """
    with open(strace, "rb") as f:
        elf = f.read()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or struct.unpack_from("<H", elf, 18)[0] != 62:
        fail(f"{strace} is not an x86_64 ELF file")
    shoff = struct.unpack_from("<Q", elf, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]

    def file_offset(vaddr):
        for _, kind, _, addr, offset, size, *_ in sections:
            if kind != 8 and addr and addr <= vaddr < addr + size:  # 8: SHT_NOBITS has no bytes in the file
                return vaddr - addr + offset
        return None

    def string_at(vaddr):
        offset = file_offset(vaddr)
        end = elf.find(b"\0", offset, offset + 64) if offset is not None else -1
        return elf[offset:end].decode("latin-1") if end >= 0 else None

    pointers = {}
    for _, kind, _, _, offset, size, _, _, _, entsize in sections:
        if kind == 4:  # SHT_RELA
            for i in range(size // entsize):
                where, info, addend = struct.unpack_from("<QQq", elf, offset + i * entsize)
                if info & 0xFFFFFFFF == R_X86_64_RELATIVE:
                    pointers[where] = addend

    best, best_score = None, 0
    first_name = numbers[min(numbers)]
    for where, addend in pointers.items():
        if string_at(addend) != first_name:
            continue
        base = where - 24 - 32 * min(numbers)
        score = sum(1 for nr, name in numbers.items() if string_at(pointers.get(base + 32 * nr + 24, 0)) == name)
        if score > best_score:
            best, best_score = base, score
    if best is None or best_score < len(numbers) * 0.9:
        fail(f"no sysent table in {strace} agrees with {HEADER} (best: {best_score} of {len(numbers)} names)")
    nargs = {}
    for nr, name in numbers.items():
        if string_at(pointers.get(best + 32 * nr + 24, 0)) == name:
            count = struct.unpack_from("<I", elf, file_offset(best + 32 * nr))[0]
            if count > 6:
                fail(f"nargs {count} for {name} in {strace}: the sysent layout is not the expected one")
            nargs[nr] = count
    return nargs


# ---------------------------------------------------------------------------------------------- verification

WORKLOAD = r"""
import ctypes, mmap, os, signal, socket, sys, tempfile, time
d = tempfile.mkdtemp()
p = os.path.join(d, "f")
with open(p, "w") as f:
    f.write("x")
os.stat(p); os.lstat(p); os.statvfs(p); os.rename(p, p + "2"); os.symlink(p + "2", p); os.readlink(p)
fd = os.open(p, os.O_RDONLY); os.fstat(fd); os.fstatvfs(fd); os.dup2(fd, 100); os.close(100); os.close(fd)
os.unlink(p); os.unlink(p + "2"); os.rmdir(d)
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 0)); s.listen()
c = socket.create_connection(s.getsockname()); a, _ = s.accept(); c.send(b"x"); a.recv(1); c.close(); a.close(); s.close()
signal.signal(signal.SIGUSR1, signal.SIG_IGN); os.kill(os.getpid(), signal.SIGUSR1); signal.pthread_sigmask(signal.SIG_BLOCK, [])
m = mmap.mmap(-1, 4096); m.close()
os.getuid(); os.geteuid(); os.getgroups(); os.setuid(os.getuid())
time.clock_settime(time.CLOCK_REALTIME, time.clock_gettime(time.CLOCK_REALTIME)) if os.geteuid() == 0 else None
libc = ctypes.CDLL(None, use_errno=True)
libc.shmget(0, 4096, 0o600)
# glibc implements stat() and lstat() with newfstatat; the old calls are only reachable by number.
buf = ctypes.create_string_buffer(4096)
for name in ("stat", "lstat"):
    libc.syscall(NUMBERS[name], b"/", buf)
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
subprocess_argv = ["/bin/true"]
os.spawnv(os.P_WAIT, subprocess_argv[0], subprocess_argv)
"""


def traced_names(strace, trace_expr, numbers):
    workload = f"NUMBERS = {dict((name, nr) for nr, name in numbers.items())!r}\n" + WORKLOAD
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        subprocess.run([strace, "-f", "-qq", "-e", "trace=" + trace_expr, "-o", out.name,
                        sys.executable, "-c", workload], check=True, stdin=subprocess.DEVNULL)
        # With -f lines start with the pid; resumed calls ("<... read resumed>") name their syscall too.
        return set(re.findall(r"^\d+\s+(?:<\.\.\. )?(\w+)[( ]", out.read(), re.M)) - {"exited", "killed"}


def verify(strace, numbers, members):
    """Plain strace on a workload touching every class must show exactly the derived members of each class."""
    everything = traced_names(strace, "all", numbers)
    untouched = [c for c, nrs in members.items() if not {numbers[nr] for nr in nrs} & everything]
    if untouched:
        fail(f"the verification workload makes no syscall of {untouched}; extend WORKLOAD")
    problems = []
    for class_name, nrs in members.items():
        expected = {numbers[nr] for nr in nrs} & everything
        shown = traced_names(strace, "%" + class_name, numbers)
        if shown != expected:
            problems.append(f"%{class_name}: strace showed {sorted(shown - expected)} that the table lacks and did "
                            f"not show {sorted(expected - shown)} that the table has")
    if problems:
        fail("derived classes disagree with strace:\n  " + "\n  ".join(problems))


# ---------------------------------------------------------------------------------------------- output

def render(numbers, nargs, members, classes, always, strace, strace_version):
    unknown_nargs = sorted(numbers[nr] for nr in numbers if nr not in nargs)
    lines = [
        "# x86_64 system calls: number, name, nargs, strace classes. GENERATED, do not edit; regenerate with",
        f"#   {REGENERATE}",
        f"# number, name: {HEADER} (linux-libc-dev {package_version('linux-libc-dev')}, "
        f"kernel headers {header_kernel_version()})",
        f"# nargs: the x86_64 sysent table of {strace} ({strace_version}, package strace "
        f"{package_version('strace')}); 6 where strace does not know the syscall"
        + (f": {', '.join(unknown_nargs)}" if unknown_nargs else ""),
        f"# classes: the seccomp-BPF filter {strace} installs for -f --seccomp-bpf -e trace=%CLASS, evaluated per "
        "number;",
        "#   " + ", ".join(numbers[nr] for nr in sorted(always))
        + " (in every such filter) were classified by plain strace -e trace=%CLASS with fault injection,",
        "#   and checked against plain strace -f -e trace=%CLASS on a workload that touches every class",
        "# class names: " + ", ".join(classes) + " (strace's spelling, in SyscallCategory's order)",
    ]
    lines.append("#number\tname\tnargs\tclasses")
    for nr in sorted(numbers):
        in_classes = [c for c in classes if nr in members[c]]
        lines.append(f"{nr}\t{numbers[nr]}\t{nargs.get(nr, 6)}\t{','.join(in_classes)}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the checked-in file differs")
    parser.add_argument("--strace", default="/usr/bin/strace")
    args = parser.parse_args()
    if os.uname().machine != "x86_64":
        fail("run on x86_64: the table is read from this machine's strace and kernel headers")
    if os.geteuid() != 0:
        fail("run as root: reading a seccomp filter needs CAP_SYS_ADMIN and attaching needs CAP_SYS_PTRACE")
    # strace -D leaves orphans (its tracer, then the tracee); as subreaper we collect them instead of init.
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)

    strace_version = subprocess.run([args.strace, "-V"], capture_output=True, text=True,
                                    check=True).stdout.splitlines()[0].replace("-- ", "")
    numbers = read_header()
    classes = category_names()
    members, always = derive_classes(args.strace, numbers, classes)
    nargs = strace_nargs(args.strace, numbers)
    verify(args.strace, numbers, members)
    text = render(numbers, nargs, members, classes, always, args.strace, strace_version)
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass
    if args.check:
        with open(OUTPUT) as f:
            if f.read() != text:
                fail(f"{OUTPUT} is out of date; regenerate with {REGENERATE}")
        return
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w") as f:
        f.write(text)
    print(f"wrote {len(numbers)} syscalls to {os.path.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
