#!/usr/bin/python3
"""Builds a policy with libseccomp (python3-seccomp): the independent implementation the
cross-check compares our compiler against.

stdin: JSON {"arches": ["X86_64", "X32", "X86"], "default": <ret>, "badarch": <ret>,
             "rules": [{"name": str, "ret": int, "conds": [{"arg": i, "op": "eq|ne|lt|le|gt|ge|masked-eq",
                                                             "value": int, "mask": int}]}]}
stdout: JSON {"bpf": <hex of the exported struct sock_filter array, in the target's byte order>,
              "rejected": [names libseccomp refused],
              "resolved": {arch: {name: number, negative where libseccomp does not know it}}}
"""
import json
import os
import sys
import tempfile

import seccomp

OPS = {
    "eq": seccomp.EQ, "ne": seccomp.NE, "lt": seccomp.LT, "le": seccomp.LE,
    "gt": seccomp.GT, "ge": seccomp.GE, "masked-eq": seccomp.MASKED_EQ,
}


def action(ret):
    kind = ret & 0xFFFF0000
    if kind == 0x7FFF0000:
        return seccomp.ALLOW
    if kind == 0x00050000:
        return seccomp.ERRNO(ret & 0xFFFF)
    if kind == 0x80000000:
        return seccomp.KILL_PROCESS
    if kind == 0x00000000:
        return seccomp.KILL
    if kind == 0x00030000:
        return seccomp.TRAP
    if kind == 0x7FFC0000:
        return seccomp.LOG
    raise ValueError("no libseccomp action for 0x%08x" % ret)


def main():
    spec = json.load(sys.stdin)
    f = seccomp.SyscallFilter(action(spec["default"]))
    f.remove_arch(seccomp.Arch.NATIVE)
    for a in spec["arches"]:
        f.add_arch(getattr(seccomp.Arch, a))
    f.set_attr(seccomp.Attr.ACT_BADARCH, action(spec["badarch"]))
    rejected = []
    for rule in spec["rules"]:
        args = []
        for c in rule["conds"]:
            if c["op"] == "masked-eq":
                args.append(seccomp.Arg(c["arg"], OPS[c["op"]], c["mask"], c["value"]))
            else:
                args.append(seccomp.Arg(c["arg"], OPS[c["op"]], c["value"]))
        try:
            f.add_rule(action(rule["ret"]), rule["name"], *args)
        except (RuntimeError, ValueError, OSError):
            rejected.append(rule["name"])
    with tempfile.TemporaryFile() as fh:
        f.export_bpf(fh)
        fh.seek(0)
        bpf = fh.read()
    resolved = {
        a: {r["name"]: resolve(getattr(seccomp.Arch, a), r["name"]) for r in spec["rules"]}
        for a in spec["arches"]
    }
    json.dump({"bpf": bpf.hex(), "rejected": sorted(set(rejected)), "resolved": resolved}, sys.stdout)


def resolve(arch, name):
    try:
        return seccomp.resolve_syscall(arch, name)
    except (RuntimeError, ValueError, OSError):
        return -1


if __name__ == "__main__":
    main()
