"""IPC figures under QEMU -icount shift=0 (the TSC advances once per guest instruction):
the root task's ping-pong prints guest instructions per one-way IPC, user loop included,
with the fast path on and off. The test records them and checks the fast path is the
faster one; targets are stated by the benchmark suite, not asserted here."""
import re

from harness import Skip
from ternhost import archdata, emulator, toolchain

MEASURE = re.compile(r"^MEASURE (fast|slow) intra-0 (\d+) inter-0 (\d+) inter-6 (\d+)$", re.M)


def _figures(ctx, arch):
    plan = archdata.load(arch)
    if toolchain.tools(plan["toolchain"]) is None or not emulator.available(arch):
        raise Skip(f"cannot build or boot {arch} here")
    run = emulator.run(arch, ctx.build(arch), timeout=120,
                       extra_args=["-icount", "shift=0,sleep=off"])
    assert not run.timed_out, run.detail
    found = {m[0]: tuple(map(int, m[1:])) for m in MEASURE.findall(run.output)}
    assert set(found) == {"fast", "slow"}, f"no MEASURE lines:\n{run.output[-2000:]}"
    fast, slow = found["fast"], found["slow"]
    from gen import config
    if config.load(ctx.config)["kernel"]["fastpath"]:
        for f, s in zip(fast, slow):
            assert f < s, f"fast path not faster: {fast} vs {slow}"
    return (f"one-way IPC, guest instructions incl. user loop: fast intra {fast[0]}, inter {fast[1]}, "
            f"inter 6 MRs {fast[2]}; slow intra {slow[0]}, inter {slow[1]}, inter 6 MRs {slow[2]}")


def cases(ctx):
    for arch in ctx.arches:
        if archdata.load(arch)["core"] and archdata.load(arch)["emulator"]["program"].startswith("qemu-system-x86"):
            yield f"{arch}/ipc-instructions-icount", lambda a=arch: _figures(ctx, a)
