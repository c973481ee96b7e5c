"""IPC figures where the arch counts guest instructions (its [bench] counted_args: QEMU
-icount shift=0): the root task measures its cycle counter against a loop of known length
(instructions per 1000 ticks: exactly 1000 where the counter advances once per instruction,
the x86 TSC; a fixed ratio elsewhere, MIPS's Count), then its ping-pong prints guest
instructions per one-way IPC, user loop included, with the fast path on and off. The test
records them and checks the ratio and that the fast path is the faster one; targets are
stated by the benchmark suite, not asserted here."""
import re

from ternhost.test.harness import Skip
from ternhost import archdata, emulator, toolchain

MEASURE = re.compile(r"^MEASURE (fast|slow) intra-0 (\d+) inter-0 (\d+) inter-6 (\d+)$", re.M)
RATIO = re.compile(r"^MEASURE instructions-per-kilotick (\d+)$", re.M)


def _figures(ctx, arch):
    plan = archdata.load(arch)
    if toolchain.tools(plan["toolchain"]) is None or not emulator.available(arch):
        raise Skip(f"cannot build or boot {arch} here")
    run = emulator.run(arch, ctx.build(arch), timeout=120, extra_args=plan["bench"]["counted_args"])
    assert not run.timed_out, run.detail
    found = {m[0]: tuple(map(int, m[1:])) for m in MEASURE.findall(run.output)}
    assert set(found) == {"fast", "slow"}, f"no MEASURE lines:\n{run.output[-2000:]}"
    ratio = RATIO.search(run.output)
    assert ratio, f"no instructions-per-kilotick line:\n{run.output[-2000:]}"
    ratio = int(ratio.group(1))
    if plan["bench"]["counted_per_tick"] == "one":
        assert ratio == 1000, f"{ratio} instructions per 1000 ticks: the counter should count instructions"
    fast, slow = found["fast"], found["slow"]
    from gen import config
    kernel = config.load(ctx.config)["kernel"]
    # with eager FPU switching the fast path steps aside once any thread has FPU state
    # (the guest's FPU tests leave some), so only lazy FPU promises a faster fast path
    if kernel["fastpath"] and kernel["lazy_fpu"]:
        # 6 MRs take the fast path only where 6 untyped words fit the registers
        from gen import abi
        taken = 3 if abi.load(arch)["ipc"]["mr_in_count"] > 6 else 2
        for f, s in list(zip(fast, slow))[:taken]:
            assert f < s, f"fast path not faster: {fast} vs {slow}"
    return (f"{ratio / 1000:.3f} instructions per tick; "
            f"one-way IPC, guest instructions incl. user loop: fast intra {fast[0]}, inter {fast[1]}, "
            f"inter 6 MRs {fast[2]}; slow intra {slow[0]}, inter {slow[1]}, inter 6 MRs {slow[2]}")


def cases(ctx):
    for arch in ctx.arches:
        plan = archdata.load(arch)
        if plan["core"] and plan["bench"] and plan["bench"]["counted_clock"] == "instructions":
            yield f"{arch}/ipc-instructions-icount", lambda a=arch: _figures(ctx, a)
