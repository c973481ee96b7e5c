"""The in-guest test suite: the root task runs it on every arch whose port runs the
core, and prints `TEST <name> PASS|FAIL: <why>|SKIP: <why>` lines and a `TESTS DONE` summary. Each
guest test becomes one line of ./tern test. The FPU tests run once more on a kernel built
with eager FPU switching."""
import re

from ternhost.test.harness import Skip
from ternhost import archdata, emulator, toolchain

LINE = re.compile(r"^TEST (\S+) (PASS|FAIL: .*|SKIP: .*)$", re.M)
DONE = re.compile(r"^TESTS DONE: (\d+) passed, (\d+) failed", re.M)
MIN_TESTS = 40


def _run(ctx, arch):
    plan = archdata.load(arch)
    if toolchain.tools(plan["toolchain"]) is None:
        raise Skip(f"no {plan['toolchain']} toolchain for {arch}")
    if not emulator.available(arch):
        raise Skip(f"{plan['emulator']['program']} not on PATH")
    return ctx.boot(arch)


def _suite(ctx, arch):
    """The run as a whole: it finished, reported, and ran enough tests."""
    run = _run(ctx, arch)
    assert not run.timed_out, f"guest suite hung: {run.detail}\n{run.output[-3000:]}"
    done = DONE.search(run.output)
    assert done, f"no TESTS DONE line ({run.detail}):\n{run.output[-3000:]}"
    results = LINE.findall(run.output)
    skipped = sum(1 for _, v in results if v.startswith("SKIP"))
    assert len(results) - skipped == int(done.group(1)) + int(done.group(2)), "summary does not match the lines"
    assert len(results) >= MIN_TESTS, f"only {len(results)} guest tests"
    assert "KERNEL PANIC" not in run.output, run.output[-3000:]
    return f"{len(results)} guest tests in {run.seconds:.1f} s of host time"


def _one(ctx, arch, name):
    run = ctx.boot(arch)
    verdicts = dict(LINE.findall(run.output))
    assert name in verdicts, f"{name} did not report (the suite stopped early?)"
    if verdicts[name].startswith("SKIP"):
        raise Skip(verdicts[name][6:])
    assert verdicts[name] == "PASS", verdicts[name]


def _rebuilt_suite(ctx, arch, option, value):
    """The whole suite on a kernel rebuilt with one option changed; the config under test is
    built again afterwards. Returns the verdicts; every test must pass or skip."""
    _run(ctx, arch)                                     # skips where it cannot run
    with ctx.built_with(arch, option, value):
        run = emulator.run(arch, _image(ctx, arch), timeout=120)
    assert not run.timed_out, f"hung: {run.detail}\n{run.output[-3000:]}"
    assert "KERNEL PANIC" not in run.output, run.output[-3000:]
    verdicts = dict(LINE.findall(run.output))
    done = DONE.search(run.output)
    failed = {k: v for k, v in verdicts.items() if v.startswith("FAIL")}
    assert done and done.group(2) == "0" and not failed, \
        f"{option} = {value}: {done.group(0) if done else 'no summary'}: {failed}"
    return run, verdicts, int(done.group(1))


def _eager_fpu(ctx, arch):
    """The FPU tests with eager switching (lazy_fpu = false)."""
    _, verdicts, passed = _rebuilt_suite(ctx, arch, "lazy_fpu", "false")
    fpu = {k: v for k, v in verdicts.items() if "fpu/" in k}
    assert fpu, "no FPU tests reported"
    return f"{len(fpu)} FPU tests pass with eager switching; {passed} guest tests in all"


def _no_fastpath(ctx, arch):
    """A kernel built without the fast path (fastpath = false): every IPC takes the C slow
    path, in both rounds, and the switch refuses to turn on what the build left out."""
    run, verdicts, passed = _rebuilt_suite(ctx, arch, "fastpath", "false")
    assert "fastpath off" in run.output, "the banner does not say the fast path is off"
    assert len(verdicts) >= MIN_TESTS, f"only {len(verdicts)} guest tests"
    return f"{passed} guest tests pass without a fast path"


def _image(ctx, arch):
    image = ctx.root / "build" / arch / "kernel.img"
    return image if image.exists() else ctx.root / "build" / arch / "kernel.elf"


def cases(ctx):
    for arch in ctx.arches:
        if not archdata.load(arch)["core"]:
            continue
        yield f"{arch}/suite", lambda a=arch: _suite(ctx, a)
        yield f"{arch}/fpu-with-eager-switching", lambda a=arch: _eager_fpu(ctx, a)
        yield f"{arch}/suite-without-fastpath", lambda a=arch: _no_fastpath(ctx, a)
        try:
            run = _run(ctx, arch)
        except Skip:
            continue
        except AssertionError:
            continue                        # the build failure is reported by build/<arch>
        for name, _ in LINE.findall(run.output):
            yield f"{arch}/{name}", lambda a=arch, n=name: _one(ctx, a, n)
