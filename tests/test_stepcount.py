"""The guest's ping-pong figures, which convert its cycle counter to instructions (x86's
TSC one for one under QEMU -icount; MIPS's Count by the ratio it measures against a loop
of known length), checked against single-stepping the same loop in gdb
(tools/stepcount.sh): one round trip stepped is two one-way IPCs of the figure. Also
reports the kernel's part of each IPC, the system call instruction included."""
import shutil

from ternhost.test.harness import Skip
from ternhost import stepcount
from ternhost.test import pingpong

LABELS = {"fast intra": ("fast", 0), "fast inter": ("fast", 1), "fast inter-6mr": ("fast", 2),
          "slow intra": ("slow", 0), "slow inter": ("slow", 1), "slow inter-6mr": ("slow", 2)}


def _check(ctx, arch):
    if shutil.which("gdb-multiarch") is None:
        raise Skip("gdb-multiarch is not installed (tools/deps.sh debugger)")
    _, measured = pingpong.figures(ctx, arch)           # builds and boots first
    stepped = stepcount.count(arch, ctx.root / "build" / arch, take=1)
    from gen import config
    kernel = config.load(ctx.config)["kernel"]
    problems, notes = [], []
    for r in stepped:
        path, i = LABELS[r["label"]]
        figure = measured[path][i]
        # the figure is a truncated mean over 2000 round trips; a timer tick or two
        # lands among them
        if not r["round_trip"] / 2 - 1 <= figure <= r["round_trip"] / 2 + 2:
            problems.append(f"{r['label']}: the clock says {figure} per one-way IPC, "
                            f"stepping {r['round_trip']} per round trip")
        if path == "slow" and not r["slow_entry"]:
            problems.append(f"{r['label']}: the slow path's entry was not stepped through")
        if path == "fast" and kernel["fastpath"] and kernel["lazy_fpu"] and r["slow_entry"] \
                and r["label"] != "fast inter-6mr":
            problems.append(f"{r['label']}: went through the slow path's entry")
        notes.append(f"{r['label']} {r['round_trip'] / 2:g} (kernel {'+'.join(map(str, r['kernel']))})")
    assert not problems, "\n".join(problems)
    return "stepped one-way: " + ", ".join(notes)


def _skip(why):
    raise Skip(why)


def cases(ctx):
    for arch in ctx.arches:
        why = pingpong.uncounted_reason(arch)
        if why:
            yield f"{arch}/clock-figures-match-single-steps", lambda w=why: _skip(w)
        elif pingpong.counted(arch):
            yield f"{arch}/clock-figures-match-single-steps", lambda a=arch: _check(ctx, a)
