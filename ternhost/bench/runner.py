"""./tern bench: build, boot bench.elf in each arch's emulator twice (counting
instructions, then running freely for cycles), merge both into one Google Benchmark JSON
per arch under results/runs/<UTC time>-<commit>/, print a summary.

With --baseline linux it also boots Debian's own x86_64 kernel in the same QEMU with the
same instruction counting, runs the same kinds of measurement as a Linux program
(bench/linux/baseline.c), writes linux-x86_64.json into the run and prints Tern's figures
beside Linux's (ternhost/bench/linux.py).

usage: ./tern bench [--arch A,...] [--filter RE] [--config FILE] [--repetitions N]
                    [--min-time-ms N] [--out DIR] [--baseline linux]
"""
import argparse
import datetime
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from gen import config as gen_config
from gen.errors import SpecError
from ternhost import archdata, emulator

from . import gbench
from .gbench import BenchError

ROOT = Path(__file__).resolve().parents[2]
RUNS = ROOT / "results" / "runs"


def git(*args):
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def commit_id():
    short = git("rev-parse", "--short", "HEAD") or "nogit"
    return short, bool(git("status", "--porcelain", "--untracked-files=no"))


def qemu_version(program):
    try:
        out = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
        return out.split("\n")[0].strip()
    except OSError:
        return "unknown"


class Progress:
    """One line per finished instance, so a long run shows where it is."""

    def __init__(self, arch, mode, names, reps):
        self.arch, self.mode, self.names, self.reps, self.done = arch, mode, set(names), reps, 0
        self.tty = sys.stdout.isatty()

    def line(self, text):
        name = text.split()[0] if text.strip() else ""
        if name not in self.names:                   # kernel lines, aggregates, JSON
            return
        if "ERROR OCCURRED" in text:
            print(f"\n  {self.arch} {self.mode}: {text.strip()}", flush=True)
        self.done += 1
        msg = f"  {self.arch} {self.mode}: run {self.done} of {self.reps * len(self.names)}: {name}"
        if self.tty:
            print(f"\r\033[K{msg}", end="", flush=True)

    def finish(self):
        if self.tty:
            print("\r\033[K", end="")
        print(f"  {self.arch} {self.mode}: {self.done} runs", flush=True)


def boot(arch, build_dir, lines, timeout, extra_args=(), on_line=None, extra_modules=()):
    """Boot bench.elf with `lines` as its argument module; the guest's output."""
    return boot_run(arch, build_dir, lines, timeout, extra_args, on_line, extra_modules).output


def boot_run(arch, build_dir, lines, timeout, extra_args=(), on_line=None, extra_modules=()):
    """The same, the whole emulator.Run (its raw output has the emulator's own lines)."""
    args_file = build_dir / "bench-args.txt"
    args_file.write_text("\n".join(lines) + "\n")
    run = emulator.run(arch, build_dir / image_name(arch), timeout=timeout, extra_args=extra_args,
                       modules=[build_dir / "bench.elf", args_file, *extra_modules], on_line=on_line)
    if run.timed_out:
        raise BenchError(f"{arch}: the emulator was {run.detail}")
    if run.status != 0:
        tail = "\n".join(run.output.strip().split("\n")[-8:])
        raise BenchError(f"{arch}: {run.detail}; last output:\n{tail}")
    return run


def image_name(arch):
    return "kernel.img" if archdata.load(arch)["image_format"] else "kernel.elf"


def list_instances(arch, build_dir, timeout, messages=None):
    """The instance names; messages (a dict), if given, gets each one's messages per
    iteration (what <counter>_one_way divides by; 0: none)."""
    out = boot(arch, build_dir, ["list"], timeout)
    if messages is not None:
        for l in out.split("\n"):
            if l.startswith("BENCH-MESSAGES "):
                name, n = l.split(" ")[1:3]
                messages[name] = int(n)
    return [l.split(" ", 1)[1].strip() for l in out.split("\n") if l.startswith("BENCH-LIST ")]


def emulator_total(arch, build_dir, name, iterations, b, timeout):
    """The emulator's instruction total for one boot running `name` for `iterations`."""
    lines = [f"clock {b['free_clock']}", "stopped_clock", "repetitions 1", f"iterations {iterations}",
             f"select {name}"]
    run = boot_run(arch, build_dir, lines, timeout, extra_modules=b["counted_modules"])
    totals = re.findall(b["counted_total"], run.raw)
    if not totals:
        raise BenchError(f"{arch}: {name}: no instruction total in the emulator's output")
    return int(totals[-1])


def count_from_totals(arch, build_dir, names, messages, free, b, timeout, label):
    """[bench] counted_per_tick = "emulator-total": per benchmark, two boots for the two
    counted_iterations; the difference of the emulator's totals over the difference of
    the iterations is what one iteration costs, setup and boot cancelled out. The first
    benchmark's second boot runs twice more: how far identical boots' totals lie apart
    (0 for Ski without its host-timed tick) goes into the context, over the iteration
    difference: the figures' precision; a bench gate compares only where it is 0.
    The result has the free run's entries with the counted counters."""
    n1, n2 = b["counted_iterations"]
    clock = b["counted_clock"]
    per, spread = {}, 0
    for i, name in enumerate(names):
        t1 = emulator_total(arch, build_dir, name, n1, b, timeout)
        t2 = emulator_total(arch, build_dir, name, n2, b, timeout)
        if i == 0:
            again = [emulator_total(arch, build_dir, name, n2, b, timeout) for _ in range(2)]
            spread = max([t2, *again]) - min([t2, *again])
        per[name] = (t2 - t1) / (n2 - n1)
        print(f"  {arch} {label}: {i + 1} of {len(names)}: {name}: {per[name]:,.2f}", flush=True)
    out = []
    for e in free["benchmarks"]:
        name = e["run_name"]
        if name not in per:
            raise BenchError(f"{name}: in the free run but not counted")
        v = per[name]
        if e.get("aggregate_name") in ("stddev", "cv"):
            v = 0.0
        c = {k: e[k] for k in e if k not in gbench.counters(e)}
        c[clock] = v
        if messages.get(name):
            c[f"{clock}_one_way"] = 0.0 if e.get("aggregate_name") in ("stddev", "cv") else v / messages[name]
        out.append(c)
    context = {f"counter_{clock}": b["counted_meaning"],
               f"{clock}_iterations": f"{n1} {n2}",
               f"{clock}_precision": f"+-{spread / (n2 - n1):.2f} per iteration: identical boots' "
                                     f"totals lay {spread} apart"}
    return {"context": context, "benchmarks": out}


def run_mode(arch, build_dir, names, opts, clock, meaning, extra_args, context, label,
             per_tick="one"):
    lines = [f"clock {clock}", f"clock_meaning {meaning}", f"repetitions {opts['repetitions']}",
             f"min_time_us {opts['min_time_ms'] * 1000}"]
    if per_tick == "measured":
        lines.append("clock_per_tick measured")
    lines += [f"context {k} {v}" for k, v in context.items()]
    lines += [f"select {n}" for n in names]
    progress = Progress(arch, label, names, opts["repetitions"])
    out = boot(arch, build_dir, lines, opts["timeout_s"], extra_args, progress.line)
    progress.finish()
    return gbench.validate(gbench.extract(out))


def merge(free, counted, counted_clock):
    """The free run's entries (times, cycles) with the counted run's instruction counters."""
    def key(b):
        return (b["name"], b.get("repetition_index"))
    by_key = {key(b): b for b in counted["benchmarks"]}
    merged = []
    for b in free["benchmarks"]:
        other = by_key.get(key(b))
        if other is None:
            raise BenchError(f"{b['name']}: in the free run but not in the counted one")
        out = {k: v for k, v in b.items() if k not in gbench.counters(b) and k != "label"}
        extra = {k: v for k, v in gbench.counters(other).items() if k.startswith(counted_clock)}
        both = {**gbench.counters(b), **extra}
        for k in sorted(both):                        # Google Benchmark sorts counters by name
            out[k] = both[k]
        if other.get("error_occurred") and not b.get("error_occurred"):
            out["error_occurred"], out["error_message"] = True, other["error_message"]
        if "label" in b:
            out["label"] = b["label"]
        merged.append(out)
    context = dict(free["context"])
    for k, v in counted["context"].items():
        context.setdefault(k, v)
    return {"context": context, "benchmarks": merged}


def bench_arch(arch, cfg, opts, run_context):
    data = archdata.load(arch)
    if not data["core"] or not data["bench"]:
        return None, "not ported yet (boots only: no threads or IPC to measure)"
    program = data["emulator"]["program"]
    if not emulator.available(arch):
        return None, f"{program} is not installed"
    build_dir = ROOT / "build" / arch
    messages = {}
    names = gbench.select(list_instances(arch, build_dir, 120, messages), opts["filter"])
    if not names:
        return None, f"the filter {opts['filter']!r} selects nothing"
    b = data["bench"]
    context = {
        "date": run_context["date"], "host_name": run_context["host"],
        "executable": f"build/{arch}/bench.elf",
        "tern_arch": arch, "tern_commit": run_context["commit"],
        "tern_config": os.path.relpath(cfg["file"], ROOT),
        "tern_kernel_options": " ".join(f"{k}={str(v).lower()}" for k, v in cfg["kernel"].items()),
        "emulator": qemu_version(program),
        "counter_one_way": "<counter>_one_way: the same per one-way IPC (a round trip carries two)",
        "bytes_per_second": "payload bytes (string or memcpy) per second of guest time",
    }
    print(f"{arch}: {len(names)} benchmarks x {opts['repetitions']} repetitions", flush=True)
    if b["counted_per_tick"] == "emulator-total":
        free = run_mode(arch, build_dir, names, opts, b["free_clock"], b["free_meaning"], (),
                        context, b["free_clock"])
        counted = count_from_totals(arch, build_dir, names, messages, free, b, opts["timeout_s"],
                                    "counting " + b["counted_clock"])
        return gbench.validate(merge(free, counted, b["counted_clock"])), None
    counted = run_mode(arch, build_dir, names, opts, b["counted_clock"], b["counted_meaning"],
                       b["counted_args"], context, "counting " + b["counted_clock"],
                       b["counted_per_tick"])
    free = run_mode(arch, build_dir, names, opts, b["free_clock"], b["free_meaning"], (),
                    context, b["free_clock"])
    return gbench.validate(merge(free, counted, b["counted_clock"])), None


def summary(results):
    rows = []
    for arch, doc in results.items():
        rows.append(f"{arch}:")
        rows.append(f"  {'benchmark':<28} {'instructions':>14} {'one-way':>9} {'cycles':>12} {'one-way':>9}")
        for title, run_name in gbench.HEADLINES:
            b = gbench.figure(doc, run_name)
            if b is None:
                continue
            def cell(key, width):
                v = b.get(key)
                return f"{v:>{width},.0f}" if isinstance(v, (int, float)) else f"{'-':>{width}}"
            rows.append(f"  {title:<28} {cell('instructions', 14)} {cell('instructions_one_way', 9)}"
                        f" {cell('cycles', 12)} {cell('cycles_one_way', 9)}")
    return "\n".join(rows)


def parse(argv):
    ap = argparse.ArgumentParser(prog="./tern bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", default=str(gen_config.DEFAULT))
    ap.add_argument("--arch", default="")
    ap.add_argument("--filter", default=None, help="regex over benchmark names ('-RE' excludes)")
    ap.add_argument("--repetitions", type=int, default=None)
    ap.add_argument("--min-time-ms", type=int, default=None)
    ap.add_argument("--out", default=None, help="write the run here instead of results/runs/")
    ap.add_argument("--baseline", choices=("linux",), action="append", default=[],
                    help="also measure Debian's Linux in the same emulator (x86_64): linux-x86_64.json")
    return ap.parse_args(argv)


def main(argv):
    args = parse(argv)
    try:
        cfg = gen_config.load(args.config)
    except SpecError as e:
        print(f"bench: {e}", file=sys.stderr)
        return 2
    opts = dict(cfg["bench"])
    if args.filter is not None:
        opts["filter"] = args.filter
    if args.repetitions is not None:
        if not 1 <= args.repetitions <= 25:
            print("bench: --repetitions must be 1..25", file=sys.stderr)
            return 2
        opts["repetitions"] = args.repetitions
    if args.min_time_ms is not None:
        opts["min_time_ms"] = max(1, args.min_time_ms)
    try:
        gbench.select([], opts["filter"])
    except Exception as e:                       # re.error
        print(f"bench: --filter: {e}", file=sys.stderr)
        return 2
    arches = [a for a in args.arch.split(",") if a] or cfg["arches"]
    unknown = [a for a in arches if a not in cfg["arches"] and not (ROOT / "kernel" / "arch" / a).is_dir()]
    if unknown:
        print(f"bench: unknown arch {', '.join(unknown)}", file=sys.stderr)
        return 2

    from ternhost.build import scons_command
    build = subprocess.run(scons_command([f"--config={args.config}", f"--arch={','.join(arches)}"]),
                           cwd=ROOT, capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stdout[-3000:] + build.stderr[-3000:], file=sys.stderr)
        print("bench: the build failed", file=sys.stderr)
        return 1

    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    short, dirty = commit_id()
    run_context = {"date": now.astimezone().isoformat(), "host": socket.gethostname(),
                   "commit": short + ("-dirty" if dirty else "")}
    out_dir = Path(args.out) if args.out else RUNS / f"{now.strftime('%Y%m%dT%H%M%SZ')}-{short}"
    results, failed = {}, False
    for arch in arches:
        try:
            doc, why = bench_arch(arch, cfg, opts, run_context)
        except BenchError as e:
            print(f"{arch}: FAILED: {e}", flush=True)
            failed = True
            continue
        if doc is None:
            print(f"{arch}: skipped: {why}", flush=True)
            continue
        results[arch] = doc
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / f"{arch}.json").write_text(json.dumps(doc, indent=2) + "\n")
    if results:
        print(f"\nwrote {out_dir}/ ({', '.join(f'{a}.json' for a in results)})")
        print(summary(results))
    else:
        print("bench: no arch produced results")
    if "linux" in args.baseline:
        from . import linux
        try:
            doc = linux.run(out_dir, run_context, reps=min(3, opts["repetitions"]))   # exact counts: 3 do
        except OSError as e:
            print(f"linux: FAILED: {e}", flush=True)
            return 1
        except BenchError as e:
            print(f"linux: FAILED: {e}", flush=True)
            return 1
        print(f"\nwrote {out_dir}/{linux.DOC_NAME}.json ({doc['context']['linux_kernel']}, "
              f"{doc['context']['seconds_in_emulator']} s in QEMU)")
        print(linux.beside_table(results.get("x86_64"), doc))
    return 1 if failed or not results else 0
