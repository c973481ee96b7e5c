"""./tern bench --baseline linux: Debian's own x86_64 kernel (linux-image-amd64) booted in
the same QEMU as Tern's x86_64 benchmarks, with the same -icount shift=0 (from the x86_64
port's [bench] counted_args), running bench/linux/baseline.c as /init from an initramfs
written here. Its figures are guest instructions per iteration, the whole machine counted
(both processes and the kernel), and go to linux-x86_64.json in the run, in Google
Benchmark's shape, beside Tern's <arch>.json.

The kernel package is fetched with apt-get download (no root needed once the package
lists are there) and unpacked with dpkg-deb into ~/.cache/tern/linux, once."""
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from ternhost import archdata, emulator

from . import gbench
from .gbench import BenchError
from .runner import qemu_version

ROOT = Path(__file__).resolve().parents[2]

def cache_dir():
    """~/.cache/tern/linux (or under $XDG_CACHE_HOME), worked out only when needed."""
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base if base else Path.home() / ".cache") / "tern" / "linux"

PROGRAM = ROOT / "bench" / "linux" / "baseline.c"
META = "linux-image-amd64"
DOC_NAME = "linux-x86_64"
APPEND = "console=ttyS0 quiet rdinit=/init panic=-1 nokaslr mitigations=off"
LINE = re.compile(r"^LINUX-BENCH (\S+) (\d+) (\d+) (\d+)\s*$", re.M)
# what baseline.c measures, in its order
CASES = ["null_syscall", "pipe_pingpong/bytes:1", "futex_pingpong", "unix_pingpong/bytes:0",
         "unix_pingpong/bytes:4096", "unix_transfer/bytes:4096", "pipe_transfer/bytes:4096",
         "pipe_transfer/bytes:4194304"]
# ping-pongs carry two one-way messages per iteration (as Tern's IPC round trips)
ONE_WAY = ("pipe_pingpong/", "futex_pingpong", "unix_pingpong/")


def _run(cmd, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", **kw)
    except OSError as e:
        raise BenchError(f"linux: cannot run {cmd[0]}: {e}") from None


def kernel_package():
    """The versioned package linux-image-amd64 depends on (linux-image-<abi>-amd64), or None."""
    out = _run(["apt-cache", "depends", META])
    for line in out.stdout.splitlines():
        m = re.match(r"\s*Depends:\s*(linux-image-\S+)", line)
        if m:
            return m.group(1)
    return None


def _update_package_lists():
    """apt-get update as root, or through sudo without a password prompt."""
    prefix = [] if os.getuid() == 0 else ["sudo", "-n"] if shutil.which("sudo") else None
    if prefix is None:
        raise BenchError("linux: the package lists need an apt-get update, and there is no root or sudo")
    r = _run(prefix + ["apt-get", "update", "-qq"])
    if r.returncode != 0:
        raise BenchError(f"linux: apt-get update failed: {r.stderr.strip()[-500:]}")


def _download(pkg, where):
    get = _run(["apt-get", "download", pkg], cwd=where)
    return get.returncode == 0, get.stderr


def kernel_image(say=print):
    """<cache>/<package>/vmlinuz and the package's name and version, fetched once. Missing
    or stale package lists are updated once, and the package worked out again."""
    pkg = kernel_package()
    if pkg and (cache_dir() / pkg / "vmlinuz").is_file() and (cache_dir() / pkg / "version").is_file():
        return cache_dir() / pkg / "vmlinuz", (cache_dir() / pkg / "version").read_text().strip()
    ok = False
    if pkg:
        where = cache_dir() / pkg
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BenchError(f"linux: cannot make {where}: {e}") from None
        say(f"linux: fetching {pkg} from Debian's archive (about 70 MB, once)")
        ok, err = _download(pkg, where)
    if not ok:
        _update_package_lists()
        pkg = kernel_package()
        if not pkg:
            raise BenchError(f"linux: apt knows no {META} (is Debian's package archive configured?)")
        where = cache_dir() / pkg
        where.mkdir(parents=True, exist_ok=True)
        say(f"linux: fetching {pkg} from Debian's archive (about 70 MB, once)")
        ok, err = _download(pkg, where)
        if not ok:
            raise BenchError(f"linux: apt-get download {pkg} failed: {err.strip()[-800:]}")
    debs = sorted(where.glob(f"{pkg}_*.deb"))
    if not debs:
        raise BenchError(f"linux: apt-get download {pkg} left no .deb in {where}")
    deb = debs[-1]
    version = deb.name.split("_")[1]
    with tempfile.TemporaryDirectory(dir=where) as tmp:
        x = _run(["dpkg-deb", "-x", str(deb), tmp])
        if x.returncode != 0:
            raise BenchError(f"linux: dpkg-deb -x {deb.name}: {x.stderr[-500:]}")
        found = sorted(Path(tmp, "boot").glob("vmlinuz-*"))
        if not found:
            raise BenchError(f"linux: {deb.name} holds no boot/vmlinuz-*")
        shutil.copyfile(found[0], where / "vmlinuz")
    (where / "version").write_text(f"{pkg} {version}\n")
    deb.unlink()                                     # the image is all we keep
    return where / "vmlinuz", f"{pkg} {version}"


def build_program(out):
    """bench/linux/baseline.c, static, as a user would build it."""
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        raise BenchError("no C compiler for the Linux baseline (Debian: gcc, libc6-dev)")
    r = _run([cc, "-O2", "-static", "-Wall", "-Wextra", "-Werror", "-o", str(out), str(PROGRAM)])
    if r.returncode != 0:
        raise BenchError(f"building {PROGRAM.relative_to(ROOT)} failed:\n{r.stderr[-2000:]}")
    return out


def newc(entries):
    """A cpio archive in the kernel's initramfs format (newc): entries are
    (name, mode, data, (major, minor)) in order; ends with the trailer."""
    out = bytearray()

    def pad(n):
        out.extend(b"\0" * (-n % 4))

    for ino, (name, mode, data, dev) in enumerate(entries + [("TRAILER!!!", 0, b"", (0, 0))], 1):
        raw = name.encode() + b"\0"
        fields = [ino if name != "TRAILER!!!" else 0, mode, 0, 0, 1, 0, len(data), 0, 0,
                  dev[0], dev[1], len(raw), 0]
        out.extend(b"070701" + b"".join(b"%08X" % f for f in fields))
        out.extend(raw)
        pad(110 + len(raw))
        out.extend(data)
        pad(len(data))
    return bytes(out)


def initramfs(program, path):
    """/dev/console (the kernel opens it for init's stdio) and /init."""
    path.write_bytes(newc([("dev", 0o40755, b"", (0, 0)),
                           ("dev/console", 0o20600, b"", (5, 1)),
                           ("init", 0o100755, program.read_bytes(), (0, 0))]))
    return path


def qemu_command(kernel, initrd, scale, reps):
    x86 = archdata.load("x86_64")
    program = x86["emulator"]["program"]
    counted = list(x86["bench"]["counted_args"])      # the same counting as Tern's x86_64 runs
    return [program, "-nodefaults", "-display", "none", "-serial", "stdio", "-m", "256",
            "-smp", "1", "-no-reboot", *counted, "-kernel", str(kernel), "-initrd", str(initrd),
            "-append", f"{APPEND} tern_scale={scale} tern_reps={reps}"]


def boot(cmd, timeout):
    """The guest's output; a hang is killed and reported (emulator.run_command)."""
    try:
        output, status, timed_out, seconds = emulator.run_command(cmd, timeout)
    except OSError as e:
        raise BenchError(f"linux: cannot run {cmd[0]}: {e}") from None
    if timed_out:
        tail = "\n".join(output.strip().splitlines()[-8:])
        raise BenchError(f"linux: QEMU killed after {timeout} s without exiting; last output:\n{tail}")
    return output, status, seconds


def parse(output, reps):
    """{name: [(iterations, instructions) per repetition]} from the program's lines; every
    case must have printed all its repetitions."""
    if "LINUX-BENCH-ERROR" in output:
        line = next(l for l in output.splitlines() if "LINUX-BENCH-ERROR" in l)
        raise BenchError(f"linux: the baseline program failed: {line.strip()}")
    if "LINUX-BENCH-DONE" not in output:
        tail = "\n".join(output.strip().splitlines()[-8:])
        raise BenchError(f"linux: the baseline program did not finish; last output:\n{tail}")
    runs = {}
    for name, rep, iters, instr in LINE.findall(output):
        runs.setdefault(name, []).append((int(iters), int(instr)))
    short = [n for n, r in runs.items() if len(r) != reps or any(i == 0 for i, _ in r)]
    if short or set(runs) != set(CASES):
        raise BenchError(f"linux: incomplete output: {sorted(set(CASES) - set(runs)) + short}")
    return runs


def _counters(name, per_iter):
    c = {"instructions": round(per_iter, 6)}
    if name.startswith(ONE_WAY):
        c["instructions_one_way"] = round(per_iter / 2, 6)
    return c


def to_json(runs, context):
    """Google Benchmark 1.7 JSON: one entry per repetition, then mean/median/stddev/cv when
    there are several. real_time is guest time in ns, one instruction each under icount."""
    benchmarks, families = [], {}
    for name, reps in runs.items():
        family = name.split("/")[0]
        families.setdefault(family, []).append(name)
        common = {"family_index": list(families).index(family),
                  "per_family_instance_index": families[family].index(name), "run_name": name,
                  "repetitions": len(reps), "threads": 1}
        values = []
        for i, (iters, instr) in enumerate(reps):
            per = instr / iters
            values.append(per)
            benchmarks.append({"name": name, **common, "run_type": "iteration", "repetition_index": i,
                               "iterations": iters, "real_time": round(per, 6), "cpu_time": round(per, 6),
                               "time_unit": "ns", **_counters(name, per)})
        if len(values) > 1:
            mean, sd = statistics.mean(values), statistics.stdev(values)
            aggs = [("mean", mean), ("median", statistics.median(values)), ("stddev", sd),
                    ("cv", sd / mean if mean else 0.0)]
            for agg, v in aggs:
                benchmarks.append({"name": f"{name}_{agg}", **common, "run_type": "aggregate",
                                   "aggregate_name": agg, "aggregate_unit": "percentage" if agg == "cv" else "time",
                                   "iterations": len(values), "real_time": round(v, 6), "cpu_time": round(v, 6),
                                   "time_unit": "ns", **_counters(name if agg != "cv" else "", v)})
    return gbench.validate({"context": context, "benchmarks": benchmarks})


def run(out_dir, run_context, scale=1, reps=3, timeout=900, say=print):
    """Boot, measure, write <out_dir>/linux-x86_64.json; returns the document."""
    kernel, version = kernel_image(say)
    with tempfile.TemporaryDirectory(prefix="tern-linux-") as tmp:
        program = build_program(Path(tmp) / "init")
        initrd = initramfs(program, Path(tmp) / "initramfs.cpio")
        cmd = qemu_command(kernel, initrd, scale, reps)
        say(f"linux: booting {version} in {cmd[0]} (counting instructions)")
        output, status, seconds = boot(cmd, timeout)
    runs = parse(output, reps)
    context = {
        "date": run_context["date"], "host_name": run_context["host"],
        "executable": f"{PROGRAM.relative_to(ROOT)} (gcc -O2 -static) as /init",
        "num_cpus": 1, "mhz_per_cpu": 0, "cpu_scaling_enabled": False, "caches": [], "load_avg": [],
        "library_build_type": "release",
        "baseline": "Linux: Debian's own x86_64 kernel in the same QEMU as Tern's x86_64 runs",
        "linux_kernel": version, "linux_command_line": APPEND,
        "emulator": qemu_version(cmd[0]), "emulator_args": " ".join(cmd[1:cmd.index("-kernel")]),
        "tern_commit": run_context["commit"],
        "counter_instructions": "guest instructions per iteration, the whole machine (both processes "
                                "and the kernel, the loop included): rdtsc in user space under QEMU "
                                "-icount shift=0,sleep=off, one tick per guest instruction",
        "counter_one_way": "instructions_one_way: half a ping-pong round trip",
        "seconds_in_emulator": f"{seconds:.1f}",
    }
    doc = to_json(runs, context)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{DOC_NAME}.json").write_text(json.dumps(doc, indent=2) + "\n")
    return doc


# Tern's figure beside Linux's for the same job: (what, Tern's run name and counter, Linux's).
BESIDE = [
    ("null system call", "null_syscall", "instructions", "null_syscall", "instructions"),
    ("empty message one way: pipe (1 byte)", "ipc_register/inter/fast/mrs:0", "instructions_one_way",
     "pipe_pingpong/bytes:1", "instructions_one_way"),
    ("empty message one way: futex", "ipc_register/inter/fast/mrs:0", "instructions_one_way",
     "futex_pingpong", "instructions_one_way"),
    ("empty message one way: UNIX socket", "ipc_register/inter/fast/mrs:0", "instructions_one_way",
     "unix_pingpong/bytes:0", "instructions_one_way"),
    ("4 KiB there, empty back: UNIX socket", "ipc_string/inter/fast/bytes:4096", "instructions",
     "unix_transfer/bytes:4096", "instructions"),
    ("4 KiB there, empty back: pipe", "ipc_string/inter/fast/bytes:4096", "instructions",
     "pipe_transfer/bytes:4096", "instructions"),
    ("4 MiB there, empty back: pipe", "ipc_string/inter/fast/bytes:4194304", "instructions",
     "pipe_transfer/bytes:4194304", "instructions"),
]


def beside(tern_doc, linux_doc):
    """[(what, tern name, tern figure or None, linux name, linux figure or None)]."""
    rows = []
    for what, tname, tkey, lname, lkey in BESIDE:
        t = gbench.figure(tern_doc, tname) if tern_doc else None
        l_ = gbench.figure(linux_doc, lname) if linux_doc else None
        rows.append((what, tname, t.get(tkey) if t else None, lname, l_.get(lkey) if l_ else None))
    return rows


def beside_table(tern_doc, linux_doc):
    """The run summary's table: guest instructions, Tern x86_64 and Linux."""
    out = ["Tern x86_64 beside Linux in the same emulator (guest instructions):",
           f"  {'':<38} {'Tern':>12} {'Linux':>12} {'Linux/Tern':>11}"]
    for what, _, t, _, l_ in beside(tern_doc, linux_doc):
        cell = lambda v: f"{v:>12,.0f}" if v is not None else f"{'-':>12}"
        ratio = f"{l_ / t:>10.1f}x" if t and l_ else f"{'-':>11}"
        out.append(f"  {what:<38} {cell(t)} {cell(l_)} {ratio}")
    return "\n".join(out)
