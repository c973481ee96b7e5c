"""./tern fuzz: the system call fuzzer (user/fuzz, booted as fuzz.elf) on every arch whose
port runs the core, under QEMU's instruction counting, so a seed is the same run again.

  ./tern fuzz [--arch A,...] [--calls N] [--seed S] [--fast|--slow|--path fast|slow|both]
              [--check-every N] [--skip FIRST-LAST ...] [--trace-from N] [--no-shrink]

One line per run: `fuzz ARCH PATH seed S: N calls in T s (C calls/s) ...`. A failing run
(a kernel panic, a failed check, a hang, an unexpected exit) is run again to show it
reproduces, shrunk (the fewest calls, then ranges of calls skipped while it still fails
the same way), and reported with the calls it still makes, the kernel's last words and
the command that replays it; its output is kept in build/ARCH/fuzz-failure.txt.
Exit status: 0 when every run finished, 1 when one failed, 2 for bad arguments.
"""
import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ternhost import archdata, emulator, toolchain

ROOT = Path(__file__).resolve().parents[1]
DONE = re.compile(r"^FUZZ DONE calls (\d+) restarts (\d+) stalls (\d+) reaps (\d+) faults_mapped (\d+) "
                  r"clock_us (\d+) cycles (\d+)$", re.M)
CHECK = re.compile(r"^FUZZ FAIL (.*?)(?::|$)", re.M)
PANIC = re.compile(r"^KERNEL PANIC: (.*)$", re.M)
CALL = re.compile(r"^CALL \d+ .*$", re.M)
MAX_SKIPS = 256                 # user/fuzz/fuzz.h: the ranges a run may skip


class FuzzError(Exception):
    """Bad arguments or a port that cannot fuzz: one line, exit status 2."""


@dataclass
class Outcome:
    kind: str                   # done, check, panic, hang, exit
    signature: str              # what must stay the same while shrinking
    run: emulator.Run
    done: dict = field(default_factory=dict)

    def failed(self):
        return self.kind != "done"

    def same_failure(self, other):
        return other.failed() and (self.kind, self.signature) == (other.kind, other.signature)


def classify(run):
    """What a run came to. A panic's message, with addresses left out, names it."""
    out = run.output
    panic = PANIC.search(out)
    if panic:
        return Outcome("panic", re.sub(r"\b[0-9a-f]{5,}\b", "#", panic.group(1)).strip(), run)
    check = CHECK.search(out)
    if check:
        return Outcome("check", check.group(1).strip(), run)
    if run.timed_out:
        return Outcome("hang", "hang", run)
    done = DONE.search(out)
    if done and run.status == 0:
        keys = ("calls", "restarts", "stalls", "reaps", "faults_mapped", "clock_us", "cycles")
        return Outcome("done", "", run, dict(zip(keys, map(int, done.groups()))))
    return Outcome("exit", f"status {run.status}", run)


def describe(o):
    if o.kind == "panic":
        return f"kernel panic: {PANIC.search(o.run.output).group(1)}"
    if o.kind == "check":
        return f"check failed: {o.signature}"
    if o.kind == "hang":
        return f"hang ({o.run.detail})"
    return f"unexpected end ({o.run.detail})"


@dataclass
class Plan:
    """One run's arguments, as the guest reads them (user/fuzz/args.c)."""
    seed: int
    calls: int
    fastpath: bool
    check_every: int = 100
    skips: tuple = ()
    trace_from: int = None
    fail_at: int = None

    def lines(self):
        out = [f"seed {self.seed}", f"calls {self.calls}", f"check_every {self.check_every}",
               f"fastpath {'on' if self.fastpath else 'off'}"]
        out += [f"skip {a} {b}" for a, b in self.skips]
        if self.trace_from is not None:
            out.append(f"trace_from {self.trace_from}")
        if self.fail_at is not None:
            out.append(f"fail_at {self.fail_at}")
        return "\n".join(out) + "\n"

    def skipped(self):
        return sum(min(b, self.calls - 1) - a + 1 for a, b in self.skips if a < self.calls)

    def replay(self, arch):
        cmd = [f"./tern fuzz --arch {arch} --seed {self.seed} --calls {self.calls}",
               f"--path {'fast' if self.fastpath else 'slow'}", f"--check-every {self.check_every}"]
        cmd += [f"--skip {a}-{b}" for a, b in self.skips]
        if self.fail_at is not None:
            cmd.append(f"--fail-at {self.fail_at}")
        return " ".join(cmd)


def merge(ranges):
    out = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


class Runner:
    def __init__(self, arch, build_dir, timeout):
        plan = archdata.load(arch)
        self.arch, self.counted = arch, plan["bench"]["counted_args"] if plan["bench"] else []
        image = build_dir / "kernel.img"
        self.image = image if image.exists() else build_dir / "kernel.elf"
        self.fuzz_elf = build_dir / "fuzz.elf"
        self.timeout = timeout
        self.runs = 0

    def timeout_for(self, plan):
        return self.timeout or 60 + plan.calls // 1000

    def __call__(self, plan):
        self.runs += 1
        with tempfile.TemporaryDirectory() as tmp:
            args = Path(tmp) / "fuzz-args.txt"
            args.write_text(plan.lines())
            run = emulator.run(self.arch, self.image, timeout=self.timeout_for(plan),
                               extra_args=self.counted, modules=[self.fuzz_elf, args])
        return classify(run)


def shrink(runner, plan, failure, max_runs, say):
    """The fewest calls that still fail alike (bisection), then ranges of those calls
    skipped while it still does (halving chunks), within max_runs runs."""
    lo, hi = 0, plan.calls
    while hi - lo > 1 and runner.runs < max_runs:
        mid = (lo + hi) // 2
        if failure.same_failure(runner(Plan(**{**plan.__dict__, "calls": mid}))):
            hi = mid
        else:
            lo = mid
    plan = Plan(**{**plan.__dict__, "calls": hi})
    say(f"  shrunk to the first {hi} calls")
    chunk = hi // 2
    while chunk >= 1 and runner.runs < max_runs:
        for start in range(0, hi, chunk):
            if runner.runs >= max_runs:
                break
            skips = merge(plan.skips + ((start, min(start + chunk, hi) - 1),))
            if skips == plan.skips or len(skips) > MAX_SKIPS:
                continue
            trial = Plan(**{**plan.__dict__, "skips": skips})
            if failure.same_failure(runner(trial)):
                plan = trial
        chunk //= 2
    say(f"  {plan.calls - plan.skipped()} of them still made ({plan.skipped()} skipped) after {runner.runs} runs")
    return plan


def report_failure(runner, plan, first, shrink_runs, say):
    again = runner(plan)
    say(f"  reproduced: {'yes' if first.same_failure(again) else 'no (' + describe(again) + ')'}")
    if shrink_runs and first.same_failure(again):
        plan = shrink(runner, plan, first, runner.runs + shrink_runs, say)
    traced = runner(Plan(**{**plan.__dict__, "trace_from": 0}))
    out = traced.run.output
    failed_at = CHECK.search(out)                 # after it, the fuzzer's own list of its last calls
    calls = [c for c in CALL.findall(out[:failed_at.start()] if failed_at else out) if "(skipped)" not in c]
    say(f"  the calls made before it failed ({len(calls)}{', the last 40' if len(calls) > 40 else ''}):")
    for line in calls[-40:]:
        say(f"    {line}")
    last = [l for l in traced.run.output.splitlines() if l.startswith(("KERNEL PANIC", "FUZZ FAIL", "thread "))]
    for line in last[-5:]:
        say(f"  | {line}")
    keep = ROOT / "build" / runner.arch / "fuzz-failure.txt"
    keep.write_text(f"# {plan.replay(runner.arch)}\n# {describe(traced)}\n" + traced.run.output)
    say(f"  replay: {plan.replay(runner.arch)}")
    say(f"  output: {keep.relative_to(ROOT)}")
    return plan


def fuzz_arch(arch, path, args, say):
    """One arch, one path: 0 when the run finished, 1 when it failed."""
    runner = Runner(arch, ROOT / "build" / arch, args.timeout)
    plan = Plan(seed=args.seed, calls=args.calls, fastpath=path == "fast", check_every=args.check_every,
                skips=merge(args.skip), trace_from=args.trace_from, fail_at=args.fail_at)
    head = f"fuzz {arch} {path} seed {args.seed}"
    start = time.monotonic()
    o = runner(plan)
    seconds = time.monotonic() - start
    if not o.failed():
        d = o.done
        if d["calls"] != plan.calls:
            say(f"{head}: FAILED: {d['calls']} calls made of {plan.calls}")
            return 1
        say(f"{head}: {d['calls']} calls in {seconds:.1f} s ({d['calls'] / seconds:.0f} calls/s), "
            f"restarts {d['restarts']} stalls {d['stalls']} reaps {d['reaps']} faults_mapped {d['faults_mapped']}")
        if plan.trace_from is not None:
            for line in CALL.findall(o.run.output):
                say(f"  {line}")
        return 0
    say(f"{head}: FAILED after {seconds:.1f} s: {describe(o)}")
    report_failure(runner, plan, o, 0 if args.no_shrink else args.shrink_runs, say)
    return 1


def runnable(arch):
    plan = archdata.load(arch)
    if not plan["core"]:
        return f"the {arch} port does not run the core yet"
    if toolchain.tools(plan["toolchain"]) is None:
        return f"no {plan['toolchain']} toolchain"
    if not emulator.available(arch):
        return f"{plan['emulator']['program']} not on PATH"
    return None


def skip_range(text):
    m = re.fullmatch(r"(\d+)(?:-(\d+))?", text)
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' is not FIRST-LAST")
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    if b < a:
        raise argparse.ArgumentTypeError(f"'{text}': LAST before FIRST")
    return (a, b)


def positive(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive number")
    return int(text)


def natural(text):
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number")
    return int(text)


def parser():
    ap = argparse.ArgumentParser(prog="./tern fuzz", description="run the system call fuzzer in the emulators")
    ap.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    ap.add_argument("--arch", default="", help="comma-separated arches (default: the config's that run the core)")
    ap.add_argument("--calls", type=natural, default=1000000, help="calls per arch and path (default 10^6)")
    ap.add_argument("--seed", type=natural, default=1)
    path = ap.add_mutually_exclusive_group()
    path.add_argument("--path", choices=("fast", "slow", "both"), default="both",
                      help="IPC fast path on, off (every IPC on the slow path), or a run of each (default)")
    path.add_argument("--fast", dest="path", action="store_const", const="fast", help="--path fast")
    path.add_argument("--slow", dest="path", action="store_const", const="slow", help="--path slow")
    ap.add_argument("--check-every", type=positive, default=100, help="calls between a fuzzer's checks")
    ap.add_argument("--skip", type=skip_range, action="append", default=[], metavar="FIRST-LAST",
                    help="calls drawn but not made (replaying a shrunk failure)")
    ap.add_argument("--trace-from", type=natural, help="print every call made from this number on")
    ap.add_argument("--fail-at", type=natural, help="the machinery's self-test: a check fails there")
    ap.add_argument("--no-shrink", action="store_true", help="report a failure without shrinking it")
    ap.add_argument("--shrink-runs", type=positive, default=80, help="emulator runs a shrink may take")
    ap.add_argument("--timeout", type=positive, help="seconds per run (default 60 + calls/1000)")
    return ap


def main(argv=None, say=print):
    args = parser().parse_args(argv)
    if len(merge(args.skip)) > MAX_SKIPS:
        say(f"./tern fuzz: --skip: more than {MAX_SKIPS} ranges")
        return 2
    from gen import config as gen_config
    from gen.errors import SpecError
    from ternhost.build import scons_command
    import subprocess
    try:
        arches = [a for a in args.arch.split(",") if a] or gen_config.load(args.config)["arches"]
        for a in arches:
            archdata.load(a)
    except (SpecError, OSError) as e:
        say(f"./tern fuzz: {e}")
        return 2
    chosen = []
    for a in arches:
        why = runnable(a)
        if why:
            say(f"fuzz {a}: SKIP: {why}")
        else:
            chosen.append(a)
    if not chosen:
        return 0
    build = subprocess.run(scons_command(["--config", args.config, "--arch", ",".join(chosen)]), cwd=ROOT,
                           capture_output=True, text=True)
    if build.returncode != 0:
        say("./tern fuzz: the build failed:\n" + (build.stdout + build.stderr)[-3000:])
        return 1
    paths = ("fast", "slow") if args.path == "both" else (args.path,)
    status = 0
    for a in chosen:
        for p in paths:
            status |= fuzz_arch(a, p, args, say)
    return status


if __name__ == "__main__":
    sys.exit(main())
