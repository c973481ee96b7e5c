"""The guest's ping-pong figures (user/guest_tests/tests_fastpath.c) where the arch counts
guest instructions (its [bench] counted_args): one boot with instruction counting, the
clock's measured instructions per 1000 ticks and the one-way IPC figures it prints."""
import re

from ternhost.test.harness import Skip
from ternhost import archdata, emulator, toolchain

MEASURE = re.compile(r"^MEASURE (fast|slow) intra-0 (\d+) inter-0 (\d+) inter-6 (\d+)$", re.M)
RATIO = re.compile(r"^MEASURE instructions-per-kilotick (\d+)$", re.M)


def counted(arch):
    """Does the guest's own counter count instructions in the counted boot?"""
    plan = archdata.load(arch)
    return bool(plan["core"] and plan["bench"] and plan["bench"]["counted_clock"] == "instructions"
                and plan["bench"]["counted_per_tick"] != "emulator-total")


def uncounted_reason(arch):
    """Why a ported arch has no guest-side instruction count ("" where it has one)."""
    plan = archdata.load(arch)
    if plan["core"] and plan["bench"] and plan["bench"]["counted_per_tick"] == "emulator-total":
        return (f"{plan['emulator']['program']} gives the guest no counter of instructions "
                "(./tern bench counts from the emulator's totals instead)")
    return ""


_seen = {}


def figures(ctx, arch):
    """(instructions per 1000 ticks, {"fast"|"slow": (intra, inter, inter 6 MRs)}), one
    boot per arch and test run."""
    if (id(ctx), arch) not in _seen:
        _seen[(id(ctx), arch)] = _boot(ctx, arch)
    return _seen[(id(ctx), arch)]


def _boot(ctx, arch):
    plan = archdata.load(arch)
    if toolchain.tools(plan["toolchain"]) is None or not emulator.available(arch):
        raise Skip(f"cannot build or boot {arch} here")
    run = emulator.run(arch, ctx.build(arch), timeout=120, extra_args=plan["bench"]["counted_args"])
    assert not run.timed_out, run.detail
    found = {m[0]: tuple(map(int, m[1:])) for m in MEASURE.findall(run.output)}
    assert set(found) == {"fast", "slow"}, f"no MEASURE lines:\n{run.output[-2000:]}"
    ratio = RATIO.search(run.output)
    assert ratio, f"no instructions-per-kilotick line:\n{run.output[-2000:]}"
    return int(ratio.group(1)), found
