"""The benchmark harness (bench/lib) on the host with a scripted clock: its JSON meets
Google Benchmark 1.7's schema and naming, aggregates and counters are what the numbers
say, iteration counts grow as Google Benchmark's do, and compare.py reads the output."""
import json
import math
import statistics
import subprocess
import tempfile
from pathlib import Path

from ternhost.bench import gbench
from ternhost.test.harness import Skip

COMPARE = Path("/usr/share/benchmark/compare.py")
_cache = {}


def _binary(ctx):
    if "bin" not in _cache:
        d = Path(tempfile.mkdtemp(prefix="tern-tbench-"))
        srcs = sorted(str(p) for p in (ctx.root / "bench" / "lib").glob("*.c"))
        cmd = ["clang-14", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror",
               f"-I{ctx.root}/bench/include", f"-I{ctx.root}/bench/lib", f"-I{ctx.root}/libc",
               *srcs, str(ctx.root / "libc" / "format.c"),
               str(ctx.root / "tests" / "bench_harness_main.c"), "-o", str(d / "tbench")]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        _cache["bin"] = d / "tbench"
    return _cache["bin"]


def _output(ctx, *args):
    key = ("out",) + args
    if key not in _cache:
        run = subprocess.run([str(_binary(ctx)), *args], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, f"harness exit {run.returncode}:\n{run.stdout[-2000:]}"
        _cache[key] = run.stdout
    return _cache[key]


def _doc(ctx, *args):
    return gbench.extract(_output(ctx, *args))


def _entries(doc, run_name):
    its = [b for b in doc["benchmarks"] if b["run_name"] == run_name and b["run_type"] == "iteration"]
    aggs = {b["aggregate_name"]: b for b in doc["benchmarks"]
            if b["run_name"] == run_name and b["run_type"] == "aggregate"}
    return its, aggs


def _close(a, b, what):
    assert math.isclose(a, b, rel_tol=1e-6, abs_tol=2e-6), f"{what}: {a} != {b}"


def _schema(ctx):
    doc = gbench.validate(_doc(ctx))
    ctxt = doc["context"]
    keys = list(ctxt)
    assert keys[:9] == ["date", "host_name", "executable", "num_cpus", "mhz_per_cpu",
                        "cpu_scaling_enabled", "caches", "load_avg", "library_build_type"], keys
    assert ctxt["counter_instructions"] == "scripted ticks" and ctxt["tern_extra"] == "yes"
    assert ctxt["mhz_per_cpu"] == 1000
    first = doc["benchmarks"][0]
    assert list(first)[:11] == ["name", "family_index", "per_family_instance_index", "run_name",
                                "run_type", "repetitions", "repetition_index", "threads",
                                "iterations", "real_time", "cpu_time"], list(first)
    # doubles as Google Benchmark prints them: %.16e
    text = _output(ctx)
    assert '"real_time": 1.2000000000000000e+01' in text, "real_time not printed as %.16e"
    return f"{len(doc['benchmarks'])} entries valid"


def _names(ctx):
    doc = _doc(ctx)

    def gb_range(lo, hi, mult):                        # benchmark's AddRange, independently
        out = [lo]
        if lo == hi:
            return out
        p = 1
        while p <= hi - 1:
            if p >= lo + 1:
                out.append(p)
            p *= mult
        if out[-1] != hi:
            out.append(hi)
        return out
    want = [f"ranged/bytes:{v}" for v in gb_range(8, 4 << 20, 4)]
    got = list(dict.fromkeys(b["run_name"] for b in doc["benchmarks"] if b["run_name"].startswith("ranged/")))
    assert got == want, f"{got} != {want}"
    assert got[:3] == ["ranged/bytes:8", "ranged/bytes:16", "ranged/bytes:64"] and got[-1].endswith(":4194304")
    fixed = [b["name"] for b in doc["benchmarks"] if b["run_name"].startswith("fixed/")]
    assert fixed[0] == "fixed/iterations:17/repeats:3", fixed
    fams = {}
    for b in doc["benchmarks"]:
        fams.setdefault(b["family_index"], set()).add(b["run_name"].split("/")[0])
    assert all(len(v) == 1 for v in fams.values()) and sorted(fams) == list(range(len(fams)))
    per = [b["per_family_instance_index"] for b in doc["benchmarks"]
           if b["run_name"].startswith("fixed_cost/") and b["run_type"] == "iteration"]
    assert sorted(set(per)) == [0, 1, 2], per
    listed = [l.split(" ", 1)[1] for l in _output(ctx, "list").splitlines() if l.startswith("BENCH-LIST ")]
    assert "ranged/bytes:4194304" in listed and "broken" in listed
    return f"{len(want)} range instances named as Google Benchmark names them"


def _aggregates(ctx):
    doc = _doc(ctx)
    checked = 0
    for name in ("fixed_cost/cost:10", "fixed_cost/cost:100", "fixed_cost/cost:1000", "counters"):
        its, aggs = _entries(doc, name)
        assert len(its) == 5 and set(aggs) == {"mean", "median", "stddev", "cv"}, name
        for key in ["real_time", "cpu_time"] + [k for k in gbench.counters(its[0])]:
            vals = [b[key] for b in its]
            _close(aggs["mean"][key], statistics.mean(vals), f"{name} mean {key}")
            _close(aggs["median"][key], statistics.median(vals), f"{name} median {key}")
            _close(aggs["stddev"][key], statistics.stdev(vals), f"{name} stddev {key}")
            cv = statistics.stdev(vals) / statistics.mean(vals) if statistics.mean(vals) else 0
            _close(aggs["cv"][key], cv, f"{name} cv {key}")
            checked += 1
        assert aggs["cv"]["aggregate_unit"] == "percentage" and aggs["mean"]["aggregate_unit"] == "time"
        assert all(a["iterations"] == 5 for a in aggs.values())
    its, _ = _entries(doc, "fixed_cost/cost:10")
    assert len({b["real_time"] for b in its}) > 1, "repetitions should differ (scripted jitter)"
    return f"{checked} statistics match Python's statistics module"


def _counters(ctx):
    doc = _doc(ctx)
    its, _ = _entries(doc, "paused")
    assert all(b["real_time"] == 7 and b["instructions"] == 7 for b in its), "paused time was counted"
    its, _ = _entries(doc, "bytes/bytes:4096")
    assert all(b["bytes_per_second"] == 2e9 and b["instructions"] == 2048 for b in its), its[0]
    its, _ = _entries(doc, "counters")
    for b in its:
        assert b["per_iteration"] == 3 and b["plain"] == 42.5, b
        assert b["rate"] == 1e7, b                   # one per 100 ns
    its, _ = _entries(doc, "round_trip")
    assert all(b["instructions"] == 250 and b["instructions_one_way"] == 125 for b in its)
    keys = [k for k in its[0] if k in gbench.counters(its[0])]
    assert keys == sorted(keys), f"counters not sorted by name: {keys}"
    err = [b for b in doc["benchmarks"] if b["run_name"] == "broken"]
    assert len(err) == 1 and err[0]["error_occurred"] and err[0]["error_message"] == 'deliberate "error"', err
    return "rates, per-iteration, one-way, paused timing and errors"


def _iterations(ctx):
    """Google Benchmark's growth: x10 while a run is under a tenth of min_time, then aim at
    1.4 x min_time; the count is fixed after the first repetition."""
    doc = _doc(ctx)

    def predict(cost_of_run):
        n, need = 1, 1_000_000                       # min_time 1 ms in ns
        while True:
            t = cost_of_run(n)
            if t >= need:
                return n
            mult = need * 1.4 / t if t / need > 0.1 else 10
            n = max(int(mult * n), n + 1)
    for name in ("fixed_cost/cost:10", "fixed_cost/cost:1000"):
        its, _ = _entries(doc, name)
        assert len({b["iterations"] for b in its}) == 1, f"{name}: repetitions ran different counts"
    its, _ = _entries(doc, "paused")
    assert all(b["iterations"] == predict(lambda n: 7 * n) for b in its), its[0]["iterations"]
    its, _ = _entries(doc, "fixed/iterations:17/repeats:3")
    assert len(its) == 3 and all(b["iterations"] == 17 for b in its)
    its, _ = _entries(doc, "manual/iterations:10/manual_time")     # Google Benchmark's name
    assert its and all(b["iterations"] == 10 and b["instructions"] == 30 for b in its), its[:1]
    return f"paused: {predict(lambda n: 7 * n)} iterations as predicted"


def _console(ctx):
    text = _output(ctx).split(gbench.BEGIN)[0]
    lines = text.splitlines()
    assert lines[1].split()[:4] == ["Benchmark", "Time", "CPU", "Iterations"], lines[:3]
    assert any(l.startswith("fixed_cost/cost:10_mean ") for l in lines)
    assert any("ERROR OCCURRED: 'deliberate \"error\"'" in l for l in lines)
    row = next(l for l in lines if l.startswith("round_trip "))
    assert "instructions=250" in row and "instructions_one_way=125" in row, row


def _compare_py(ctx):
    if not COMPARE.exists():
        raise Skip(f"{COMPARE} missing (Debian libbenchmark-tools)")
    with tempfile.TemporaryDirectory() as d:
        a, b = Path(d) / "a.json", Path(d) / "b.json"
        a.write_text(json.dumps(_doc(ctx)))
        b.write_text(json.dumps(_doc(ctx, "slower")))
        run = subprocess.run(["/usr/bin/python3", str(COMPARE), "-d", str(Path(d) / "diff.json"),
                              "benchmarks", str(a), str(b)], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr[-2000:]
        diff = json.loads((Path(d) / "diff.json").read_text())
    by_name = {e["name"]: e for e in diff}
    assert "fixed_cost/cost:1000" in by_name, list(by_name)[:5]
    change = by_name["fixed_cost/cost:1000"]["measurements"][0]["time"]
    assert 0.04 < change < 0.06, f"compare.py saw {change:+.3f} for a 5% slowdown"
    return f"compare.py: fixed_cost/cost:1000 {change:+.3f}, {len(diff)} rows"


def cases(ctx):
    yield "harness/json-schema", lambda: _schema(ctx)
    yield "harness/instance-names", lambda: _names(ctx)
    yield "harness/aggregates", lambda: _aggregates(ctx)
    yield "harness/counters", lambda: _counters(ctx)
    yield "harness/iteration-count", lambda: _iterations(ctx)
    yield "harness/console-table", lambda: _console(ctx)
    yield "harness/compare-py-reads-output", lambda: _compare_py(ctx)
