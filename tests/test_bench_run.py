"""./tern bench end to end on a few benchmarks: boots bench.elf in QEMU twice (counting
instructions, then cycles), writes one Google Benchmark JSON per ported arch, reports
arches not ported as such, and the figures make sense (fast path below slow path,
instruction counts repeatable, 1000 threads and 4 MiB strings run). The gate: the null
call, register IPC with 0 MRs, the UTCB maximum and a 4 KiB string may not cost more
instructions than the newest published run (results/runs/) by over the config's
regression_threshold_pct; instruction counts are exact, so this cannot flake. A change
that costs instructions on purpose publishes a new run (./tern bench) with its reason."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ternhost.bench import gbench
from ternhost.test.harness import Skip
from ternhost import archdata, emulator

_cache = {}


def pick(arch):
    """The instances run for an arch: its most register MRs and its largest string (the
    ABI says: 6 and 4 MiB on x86_64, 2 and 4 MiB - 1 on ia32)."""
    from gen import abi
    a = abi.load(arch)
    return ["null_syscall", "memcpy/bytes:4096",
            "ipc_register/inter/fast/mrs:0", "ipc_register/inter/slow/mrs:0",
            f"ipc_register/intra/fast/mrs:{len(a['ipc']['mr']) - 1}", "ipc_utcb/inter/fast/mrs:63",
            "ipc_string/inter/fast/bytes:8", "ipc_string/inter/fast/bytes:4096",
            f"ipc_string/inter/slow/bytes:{largest(arch)}",
            "ipc_threads/inter/fast/threads:1000"]


def largest(arch):
    from gen import abi
    return abi.load(arch)["constants"]["string_max_bytes"]


def _run(ctx):
    if "run" in _cache:
        return _cache["run"]
    ported = [a for a in ctx.arches if archdata.load(a)["bench"] and emulator.available(a)]
    if not ported:
        raise Skip("no arch here is ported and bootable")
    others = [a for a in ctx.arches if a not in ported and not archdata.load(a)["core"]][:1]
    out = Path(tempfile.mkdtemp(prefix="tern-bench-"))
    pattern = "^(" + "|".join(sorted({p for a in ported for p in pick(a)})) + ")$"
    cmd = [sys.executable, "-m", "ternhost.bench", "run", f"--config={ctx.config}",
           f"--arch={','.join(ported + others)}", f"--filter={pattern}", "--repetitions=3",
           "--min-time-ms=1", f"--out={out}"]
    # the emulators the test found (Ski is not in Debian: wherever its user put it)
    path = os.pathsep.join(["/usr/bin", "/bin"] + [os.path.dirname(shutil.which(archdata.load(a)["emulator"]["program"]))
                                                   for a in ported])
    run = subprocess.run(cmd, cwd=ctx.root, capture_output=True, text=True, timeout=900,
                         env={"PYTHONPATH": f"{ctx.root}:{ctx.root}/tools", "PATH": path})
    _cache["run"] = (run, out, ported, others)
    return _cache["run"]


def _writes_json(ctx):
    run, out, ported, others = _run(ctx)
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    for arch in ported:
        doc = gbench.validate(json.loads((out / f"{arch}.json").read_text()))
        names = {b["run_name"] for b in doc["benchmarks"]}
        # the filter is the union of every arch's picks: each gets its own and no others
        union = {p for a in ported for p in pick(a)}
        assert set(pick(arch)) <= names <= union, f"{arch}: {sorted(names ^ set(pick(arch)))}"
        errors = [b["name"] for b in doc["benchmarks"] if b.get("error_occurred")]
        if _fastpath(ctx):
            assert not errors, f"{arch}: errors in {errors}"
        else:                 # a build without the fast path says so for every "fast" instance
            want = [n for n in names if "/fast/" in n]
            assert sorted(errors) == sorted(want), f"{arch}: errors in {errors}"
            assert all("without the fast path" in b["error_message"]
                       for b in doc["benchmarks"] if b.get("error_occurred"))
        c = doc["context"]
        for key in ("counter_instructions", "counter_cycles", "tern_commit", "emulator", "tern_arch"):
            assert key in c, f"{arch}: context lacks {key}"
    for arch in others:
        assert f"{arch}: skipped: not ported yet" in run.stdout, run.stdout[-2000:]
    assert "wrote " in run.stdout and "null syscall" in run.stdout, run.stdout[-2000:]
    return f"{', '.join(ported)} written" + (f"; {', '.join(others)} reported as not ported" if others else "")


def _fastpath(ctx):
    from gen import config
    return config.load(ctx.config)["kernel"]["fastpath"]


def _figures(ctx):
    run, out, ported, _ = _run(ctx)
    assert run.returncode == 0, run.stdout[-2000:]
    if not _fastpath(ctx):
        raise Skip("this config builds no fast path: nothing to compare")
    notes = []
    for arch in ported:
        doc = json.loads((out / f"{arch}.json").read_text())
        f = {n: gbench.figure(doc, n) for n in pick(arch)}
        for b in f.values():
            assert b["instructions"] > 0 and b["cycles"] > 0, b
        fast, slow = f["ipc_register/inter/fast/mrs:0"], f["ipc_register/inter/slow/mrs:0"]
        assert fast["instructions"] < slow["instructions"], (fast, slow)
        assert abs(fast["instructions_one_way"] * 2 - fast["instructions"]) < 1e-6
        # deterministic counts: repetitions agree to well under a percent (timer ticks aside)
        reps = [b["instructions"] for b in doc["benchmarks"]
                if b["run_name"] == "ipc_register/inter/fast/mrs:0" and b["run_type"] == "iteration"]
        assert max(reps) - min(reps) < 0.005 * min(reps), reps
        big = f[f"ipc_string/inter/slow/bytes:{largest(arch)}"]
        assert big["bytes_per_second"] > 0 and big["instructions"] > largest(arch) / 16, big
        notes.append(f"{arch}: one-way fast {fast['instructions_one_way']:.0f}, slow "
                     f"{slow['instructions_one_way']:.0f} instructions; 1000 threads "
                     f"{f['ipc_threads/inter/fast/threads:1000']['instructions_one_way']:.0f}")
    return "; ".join(notes)


GATE = ["null_syscall", "ipc_register/inter/fast/mrs:0", "ipc_utcb/inter/fast/mrs:63",
        "ipc_string/inter/fast/bytes:4096"]


def _spread(doc):
    """How far identical boots' counts lay apart per iteration (the runner measures it for
    counts from an emulator's totals: "+-N per iteration: ..."); 0 where they agree or the
    counter counts in the guest."""
    p = doc["context"].get("instructions_precision")
    return float(p.split()[0].lstrip("+-")) if p else 0.0


def _regressions(base, base_name, new_docs, threshold):
    """(problems, notes): each gated benchmark against the base run's figure."""
    problems, notes = [], []
    for arch, new in new_docs.items():
        if arch not in base:
            notes.append(f"{arch} not in {base_name}")
            continue
        if base[arch]["context"].get("tern_kernel_options") != new["context"].get("tern_kernel_options"):
            notes.append(f"{arch}: other kernel options than {base_name}, not compared")
            continue
        # counts from an emulator's totals (ia64 under Ski) are gated only while identical
        # boots agree: a spread would move them between runs by more than the threshold
        if _spread(new):
            notes.append(f"{arch}: counted from the emulator's totals "
                         f"({new['context']['instructions_precision'].split(':')[0]}), not gated")
            continue
        worst = 0.0
        for name in GATE:
            fb, fn = gbench.figure(base[arch], name), gbench.figure(new, name)
            if fb is None or "instructions" not in fb:
                problems.append(f"{arch} {name}: not in {base_name}")
                continue
            assert fn is not None and "instructions" in fn, f"{arch} {name}: not measured"
            from ternhost.bench.report import change
            ch = change(fb["instructions"], fn["instructions"])
            worst = max(worst, ch)
            if ch > threshold:
                problems.append(f"{arch} {name}: {fb['instructions']:.1f} -> {fn['instructions']:.1f} "
                                f"instructions ({ch:+.1%}), over the {threshold:.0%} allowed above {base_name}; "
                                "if on purpose, publish a run (./tern bench) and say why")
        notes.append(f"{arch} worst {worst:+.2%}")
    return problems, notes


def _measured(ctx):
    run, out, ported, _ = _run(ctx)
    assert run.returncode == 0, run.stdout[-2000:]
    return {arch: json.loads((out / f"{arch}.json").read_text()) for arch in ported}


def _threshold(ctx):
    from gen import config
    return config.load(ctx.config)["bench"]["regression_threshold_pct"] / 100


def _gate(ctx):
    from ternhost.bench import report
    new_docs = _measured(ctx)
    runs = report.published_runs(ctx.root / "results" / "runs")
    if not runs:
        raise Skip("no published run to compare with")
    problems, notes = _regressions(report.load_run(runs[-1]), runs[-1].name, new_docs, _threshold(ctx))
    assert not problems, "\n".join(problems)
    return f"against {runs[-1].name}: " + ", ".join(notes)


def _gate_can_fail(ctx):
    """The gate against a base that was cheaper by twice the threshold: every gated
    benchmark of every arch is flagged, and one just under the threshold is not."""
    import copy
    new_docs = {a: d for a, d in copy.deepcopy(_measured(ctx)).items()
                if not _spread(d)}                                # the gated arches
    t = _threshold(ctx)
    for factor, flagged in ((1 - 2 * t, True), (1 - t / 2, False)):
        base = copy.deepcopy(new_docs)
        for doc in base.values():
            for b in doc["benchmarks"]:
                if "instructions" in b:
                    b["instructions"] *= factor
        problems, _ = _regressions(base, "a cheaper run", new_docs, t)
        want = len(GATE) * len(new_docs) if flagged else 0
        assert len(problems) == want, f"factor {factor}: {len(problems)} flagged, want {want}: {problems}"


def _bad_filter(ctx):
    run = subprocess.run([sys.executable, "-m", "ternhost.bench", "run", "--filter=(", "--arch=x86_64"],
                         cwd=ctx.root, capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": f"{ctx.root}:{ctx.root}/tools", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 2 and "--filter" in run.stderr and "Traceback" not in run.stderr, run.stderr


def cases(ctx):
    yield "run/writes-google-benchmark-json", lambda: _writes_json(ctx)
    yield "run/figures", lambda: _figures(ctx)
    yield "run/bad-filter-is-an-error", lambda: _bad_filter(ctx)
    yield "run/no-instruction-regression", lambda: _gate(ctx)
    yield "run/gate-flags-a-regression", lambda: _gate_can_fail(ctx)
