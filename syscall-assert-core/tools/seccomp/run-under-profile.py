#!/usr/bin/python3
"""Runs a command under an OCI / Docker seccomp profile, compiled by libseccomp as runc and crun compile it.

usage: run-under-profile.py PROFILE.json COMMAND [ARGS...]

Loads the profile into a libseccomp filter (python3-seccomp, the bindings of the library runc, crun, Docker and
podman use), installs it in this process and execs COMMAND, so that COMMAND's execve and everything after it go
through the filter, as in a container. As runc does, a syscall name this libseccomp does not know is skipped with a
warning (its calls then get the default action). Exits 125 when the profile cannot be loaded.
"""
import json
import os
import sys

import seccomp

OPS = {"SCMP_CMP_NE": seccomp.NE, "SCMP_CMP_LT": seccomp.LT, "SCMP_CMP_LE": seccomp.LE,
       "SCMP_CMP_EQ": seccomp.EQ, "SCMP_CMP_GE": seccomp.GE, "SCMP_CMP_GT": seccomp.GT,
       "SCMP_CMP_MASKED_EQ": seccomp.MASKED_EQ}
ARCHES = {"SCMP_ARCH_X86_64": seccomp.Arch.X86_64, "SCMP_ARCH_X86": seccomp.Arch.X86,
          "SCMP_ARCH_X32": seccomp.Arch.X32}


def action(name, errno_ret, default_errno):
    if name == "SCMP_ACT_ALLOW":
        return seccomp.ALLOW
    if name == "SCMP_ACT_ERRNO":
        return seccomp.ERRNO(default_errno if errno_ret is None else errno_ret)
    if name == "SCMP_ACT_KILL" or name == "SCMP_ACT_KILL_THREAD":
        return seccomp.KILL
    if name == "SCMP_ACT_KILL_PROCESS":
        return seccomp.KILL_PROCESS
    if name == "SCMP_ACT_TRAP":
        return seccomp.TRAP
    if name == "SCMP_ACT_LOG":
        return seccomp.LOG
    raise ValueError("unsupported action " + name)


def build(profile):
    default_errno = profile.get("defaultErrnoRet", 1)  # runc: EPERM when the profile names none
    f = seccomp.SyscallFilter(action(profile["defaultAction"], None, default_errno))
    for arch in profile.get("architectures", []):
        if not f.exist_arch(ARCHES[arch]):  # the native one is in every new filter
            f.add_arch(ARCHES[arch])
    for rule in profile.get("syscalls", []):
        act = action(rule["action"], rule.get("errnoRet"), default_errno)
        args = [seccomp.Arg(a["index"], OPS[a["op"]], a.get("value", 0), a.get("valueTwo", 0))
                for a in rule.get("args", [])]
        for name in rule["names"]:
            if seccomp.resolve_syscall(seccomp.Arch.NATIVE, name) < 0:
                print("run-under-profile: this libseccomp does not know %s, skipped (as runc does)" % name,
                      file=sys.stderr)
                continue
            f.add_rule(act, name, *args)
    return f


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 125
    try:
        with open(argv[1]) as p:
            f = build(json.load(p))
        f.load()
    except Exception as e:  # a profile that cannot be loaded must not look like the command's failure
        print("run-under-profile: cannot load %s: %s" % (argv[1], e), file=sys.stderr)
        return 125
    os.execvp(argv[2], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
