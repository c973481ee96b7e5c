"""IPC figures where the arch counts guest instructions (its [bench] counted_args: QEMU
-icount shift=0): the root task measures its cycle counter against a loop of known length
(instructions per 1000 ticks: exactly 1000 where the counter advances once per instruction,
the x86 TSC; a fixed ratio elsewhere, MIPS's Count), then its ping-pong prints guest
instructions per one-way IPC, user loop included, with the fast path on and off. The test
records them and checks the ratio and that the fast path is the faster one; targets are
stated by the benchmark suite, not asserted here."""
from ternhost import archdata
from ternhost.test import pingpong
from ternhost.test.harness import Skip


def _figures(ctx, arch):
    plan = archdata.load(arch)
    ratio, found = pingpong.figures(ctx, arch)
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


def _skip(why):
    raise Skip(why)


def cases(ctx):
    for arch in ctx.arches:
        why = pingpong.uncounted_reason(arch)
        if why:
            yield f"{arch}/ipc-instructions-icount", lambda w=why: _skip(w)
        elif pingpong.counted(arch):
            yield f"{arch}/ipc-instructions-icount", lambda a=arch: _figures(ctx, a)
