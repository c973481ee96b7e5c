"""The system call fuzzer (user/fuzz, ternhost/fuzz.py): a fixed seed of 10^5 calls on
the fast path and 3*10^4 on the slow path finish on every arch that runs the core, with
the kernel's invariants and the canary checked every 100 calls of each fuzzer; a run is
the same run again; the host reproduces and shrinks an injected failure to a replay that
fails alike; it tells panics, failed checks, hangs and odd exits apart; bad arguments are
refused by the host and by the guest."""
import contextlib
import io
import tempfile
from pathlib import Path

from ternhost import archdata, emulator, fuzz
from ternhost.test.harness import Skip

RUNS = {"fast": 100000, "slow": 30000}


def _runner(ctx, arch):
    why = fuzz.runnable(arch)
    if why:
        raise Skip(why)
    ctx.build(arch)
    return fuzz.Runner(arch, ctx.root / "build" / arch, None)


def _finishes(ctx, arch, path):
    runner = _runner(ctx, arch)
    plan = fuzz.Plan(seed=1, calls=RUNS[path], fastpath=path == "fast")
    o = runner(plan)
    assert not o.failed(), f"{fuzz.describe(o)}; replay: {plan.replay(arch)}\n{o.run.output[-3000:]}"
    assert o.done["calls"] == plan.calls, f"{o.done['calls']} calls made of {plan.calls}"
    assert "KERNEL PANIC" not in o.run.output
    d = o.done
    assert d["clock_us"] > 0 and d["cycles"] > 0, f"the clock did not advance over the run: {d}"
    return (f"{d['calls']} calls in {o.run.seconds:.1f} s ({d['calls'] / o.run.seconds:.0f}/s), restarts "
            f"{d['restarts']} stalls {d['stalls']} reaps {d['reaps']} guest clock {d['clock_us'] / 1e6:.2f} s")


def _deterministic(ctx, arch):
    runner = _runner(ctx, arch)
    plan = fuzz.Plan(seed=7, calls=6000, fastpath=True)
    a, b = runner(plan), runner(plan)
    assert not a.failed() and not b.failed(), fuzz.describe(a if a.failed() else b)
    bench = archdata.load(arch)["bench"]
    if bench and bench["counted_per_tick"] == "emulator-total":
        # Ski: the fuzzer needs the tick (timeouts, its watchdog), and Ski's interval timer
        # follows host time, so the tick lands elsewhere each run, and a blocking call's
        # outcome with it: only that both runs are clean can be asked.
        return f"both runs clean ({a.done['calls']} calls); not compared: {arch}'s tick follows host time"
    assert a.done == b.done, f"two runs of one plan differ: {a.done} / {b.done}"
    other = runner(fuzz.Plan(seed=8, calls=6000, fastpath=True))
    assert other.done != a.done, "another seed made the same run"
    return f"{a.done['cycles']} guest cycles both times"


def _shrinks(ctx, arch):
    _runner(ctx, arch)
    lines = []
    status = fuzz.main(["--arch", arch, "--config", ctx.config, "--calls", "3000", "--path", "fast",
                        "--fail-at", "1500", "--shrink-runs", "30"], say=lines.append)
    text = "\n".join(lines)
    assert status == 1, text
    assert "check failed: injected failure" in lines[0] and "reproduced: yes" in text, text
    replay = next(l for l in lines if l.strip().startswith("replay:")).split("./tern fuzz ", 1)[1].split()
    calls = int(replay[replay.index("--calls") + 1])
    # it fails at the first check after call 1500 of some fuzzer: a little past it
    assert 1500 < calls <= 1500 + 3 * 100, f"shrunk to {calls} calls:\n{text}"
    assert "--skip" in replay, f"nothing skipped:\n{text}"
    again = []
    assert fuzz.main(replay, say=again.append) == 1, "\n".join(again)
    assert "check failed: injected failure" in again[0], "\n".join(again)
    return lines[2].strip() + "; " + lines[3].strip()


def _classifies(ctx):
    def run(output, status=0, timed_out=False):
        return emulator.Run(output, status, timed_out, 1.0, "detail")
    done = "FUZZ DONE calls 9 restarts 0 stalls 0 reaps 1 faults_mapped 2 clock_us 3 cycles 4\n"
    assert fuzz.classify(run(done)).kind == "done"
    assert fuzz.classify(run(done, status=1)).kind == "exit"
    p1 = fuzz.classify(run("x\nKERNEL PANIC: page fault in kernel at ffffffff80102f3c (address 8)\n", 3))
    p2 = fuzz.classify(run("KERNEL PANIC: page fault in kernel at ffffffff80104000 (address 8)\n", 3))
    p3 = fuzz.classify(run("KERNEL PANIC: invariant: a send queue's links disagree\n", 3))
    assert p1.kind == "panic" and p1.same_failure(p2) and not p1.same_failure(p3)
    c = fuzz.classify(run("FUZZ FAIL canary payload: fuzzer 2 after call 77; its last calls:\n", 1))
    assert (c.kind, c.signature) == ("check", "canary payload")
    assert fuzz.classify(run("FUZZ START\n", None, True)).kind == "hang"
    assert fuzz.classify(run("", None)).kind == "exit"


def _bad_arguments(ctx, arch):
    for argv in (["--calls", "-1"], ["--check-every", "0"], ["--skip", "9-3"], ["--path", "medium"]):
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err):
                fuzz.main(argv, say=lambda _: None)
        except SystemExit as e:
            assert e.code == 2 and "./tern fuzz: error: argument" in err.getvalue(), argv
        else:
            raise AssertionError(f"{argv} accepted")
    runner = _runner(ctx, arch)
    with tempfile.TemporaryDirectory() as tmp:
        for text, why in (("seed x\n", "seed x"), ("calls 10\nbogus 1\n", "bogus 1"), ("skip 9 3\n", "skip 9 3")):
            args = Path(tmp) / "args.txt"
            args.write_text(text)
            run = emulator.run(arch, runner.image, timeout=60, modules=[runner.fuzz_elf, args])
            assert run.status == 2 and f"fuzz: bad argument line '{why}'" in run.output, \
                f"{text!r}: {run.detail}\n{run.output[-1500:]}"


def cases(ctx):
    runnable = [a for a in ctx.arches if fuzz.runnable(a) is None]
    for arch in ctx.arches:
        for path in RUNS:
            yield f"{arch}/{path}-path-{RUNS[path]}-calls", lambda a=arch, p=path: _finishes(ctx, a, p)
    yield "classifies-failures", lambda: _classifies(ctx)
    if runnable:
        a = runnable[0]
        yield f"{a}/a-run-is-the-same-run-again", lambda: _deterministic(ctx, a)
        yield f"{a}/shrinks-and-replays-an-injected-failure", lambda: _shrinks(ctx, a)
        yield f"{a}/refuses-bad-arguments", lambda: _bad_arguments(ctx, a)
