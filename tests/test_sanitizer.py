"""The sanitizer build (kernel.ubsan = true: clang's -fsanitize=undefined,local-bounds in
trap mode) on x86_64: it has the checks (trapping instructions in the kernel's text), the
guest suite passes on it, 3*10^4 fuzzed calls on each IPC path pass on it, and a check
that fails on purpose (the debug call's sanitizer_test, an int overflow) panics naming
the check. The build is brought back to the config under test afterwards."""
import re
import subprocess
import tempfile
from pathlib import Path

from ternhost import emulator, fuzz, toolchain
from ternhost.test.harness import Skip

ARCH = "x86_64"
CALLS = 30000
DONE = re.compile(r"^TESTS DONE: (\d+) passed, (\d+) failed", re.M)


def _sanitized(ctx, body):
    """Build ARCH with ubsan on, run body(runner), rebuild with the config under test."""
    if ARCH not in ctx.arches:
        raise Skip(f"{ARCH} is not under test")
    why = fuzz.runnable(ARCH)
    if why:
        raise Skip(why)
    with ctx.built_with(ARCH, "ubsan", "true"):
        return body(fuzz.Runner(ARCH, ctx.root / "build" / ARCH, None))


def _trap_count(elf):
    dump = subprocess.run([toolchain.tools("clang")["objdump"], "-d", str(elf)],
                          capture_output=True, text=True, check=True).stdout
    return len(re.findall(r"\tud1l?\b", dump))


def _all(runner):
    notes = []
    checks = _trap_count(runner.image.parent / "kernel.elf")
    assert checks > 50, f"only {checks} sanitizer traps in the kernel: is the option applied?"
    notes.append(f"{checks} checks in the kernel")

    run = emulator.run(ARCH, runner.image, timeout=240)
    done = DONE.search(run.output)
    assert done and done.group(2) == "0" and run.status == 0, \
        f"guest suite on the sanitized kernel: {run.detail}\n{run.output[-3000:]}"
    assert "KERNEL PANIC" not in run.output, run.output[-3000:]
    notes.append(f"guest suite {done.group(1)} passed")

    for fast in (True, False):
        plan = fuzz.Plan(seed=3, calls=CALLS, fastpath=fast)
        o = runner(plan)
        assert not o.failed(), f"{fuzz.describe(o)}; replay with --config (ubsan = true): " \
                               f"{plan.replay(ARCH)}\n{o.run.output[-3000:]}"
        notes.append(f"{CALLS} fuzzed calls ({'fast' if fast else 'slow'} path) in {o.run.seconds:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        args = Path(tmp) / "args.txt"
        args.write_text("sanitizer_test on\n")
        run = emulator.run(ARCH, runner.image, timeout=60, modules=[runner.fuzz_elf, args])
    assert "KERNEL PANIC: UBSan: add overflow" in run.output and run.status == 3, \
        f"a failed check: {run.detail}\n{run.output[-2000:]}"
    notes.append("a failed check panics naming it")
    return "; ".join(notes)


def _not_in_other_builds(ctx):
    """Without the option the self-test is refused, not a panic (the fuzzer's privileged
    thread would otherwise end the machine)."""
    if fuzz.runnable(ARCH):
        raise Skip(fuzz.runnable(ARCH))
    ctx.build(ARCH)
    runner = fuzz.Runner(ARCH, ctx.root / "build" / ARCH, None)
    with tempfile.TemporaryDirectory() as tmp:
        args = Path(tmp) / "args.txt"
        args.write_text("sanitizer_test on\n")
        run = emulator.run(ARCH, runner.image, timeout=60, modules=[runner.fuzz_elf, args])
    if re.search(r"^ubsan\s*=\s*true", Path(ctx.config).read_text(), re.M):
        raise Skip("the config under test is the sanitizer build")
    assert "FUZZ FAIL sanitizer test: the kernel did not trap" in run.output and run.status == 1, \
        f"{run.detail}\n{run.output[-2000:]}"


def cases(ctx):
    yield f"{ARCH}/suite-fuzz-and-a-failed-check", lambda: _sanitized(ctx, _all)
    yield f"{ARCH}/self-test-refused-without-the-option", lambda: _not_in_other_builds(ctx)
