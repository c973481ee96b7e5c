"""./tern report on synthetic runs: a 5% instruction regression is flagged and
--fail-on-regression fails on it and passes on equal runs; a significant 20% cycle
slowdown is marked and gates only with --gate-cycles; a noise-level cycle change is not
marked; an arch new in the newer run is listed with its figures; the HTML renders in headless Chromium with its plots and tables."""
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ternhost.test.harness import Skip

NAMES = (["null_syscall"]
         + [f"ipc_register/{v}/mrs:{n}" for v in ("intra/fast", "inter/fast", "inter/slow") for n in range(7)]
         + [f"ipc_utcb/inter/fast/mrs:{n}" for n in (8, 16, 32, 63)]
         + [f"ipc_string/inter/fast/bytes:{n}" for n in (8, 16, 64, 256, 1024, 4096, 16384, 65536)]
         + [f"memcpy/bytes:{n}" for n in (8, 16, 64, 256, 1024, 4096, 16384, 65536)])
REGRESS_INSTR = "ipc_register/inter/fast/mrs:0"        # +5% instructions
REGRESS_CYCLES = "ipc_string/inter/fast/bytes:4096"    # +20% cycles, 9 repetitions each
NOISE = "null_syscall"                                 # +1% cycles: under the threshold


def _instructions(name):
    if name.startswith(("ipc_string", "memcpy")):
        return 2000 + int(name.rsplit(":", 1)[1]) / 3
    if name == "null_syscall":
        return 177.0
    return (250 if "fast" in name else 1040) + 4 * int(name.rsplit(":", 1)[1])


def _doc(seed, worse=False):
    rnd = random.Random(seed)
    benches = []
    for fi, name in enumerate(NAMES):
        instr = _instructions(name) * (1.05 if worse and name == REGRESS_INSTR else 1)
        cyc = instr * 40 * (1.2 if worse and name == REGRESS_CYCLES else 1.01 if worse and name == NOISE else 1)
        reps = []
        for r in range(9):
            c = cyc * (1 + rnd.uniform(-0.02, 0.02))
            reps.append({"name": name, "family_index": fi, "per_family_instance_index": 0, "run_name": name,
                         "run_type": "iteration", "repetitions": 9, "repetition_index": r, "threads": 1,
                         "iterations": 1000, "real_time": c / 2.6, "cpu_time": c / 2.6, "time_unit": "ns",
                         "cycles": c, "instructions": instr})
        benches += reps
        srt = sorted(x["cycles"] for x in reps)
        benches.append({"name": name + "_median", "family_index": fi, "per_family_instance_index": 0,
                        "run_name": name, "run_type": "aggregate", "repetitions": 9, "threads": 1,
                        "aggregate_name": "median", "aggregate_unit": "time", "iterations": 9,
                        "real_time": srt[4] / 2.6, "cpu_time": srt[4] / 2.6, "time_unit": "ns",
                        "cycles": srt[4], "instructions": instr})
    ctx = {"date": "2026-11-21T12:00:00+00:00", "host_name": "t", "executable": "bench.elf", "num_cpus": 1,
           "mhz_per_cpu": 1000, "cpu_scaling_enabled": False, "caches": [], "load_avg": [],
           "library_build_type": "release"}
    return {"context": ctx, "benchmarks": benches}


def _runs(tmp):
    runs = tmp / "runs"
    for i, (name, worse) in enumerate((("20261120T000000Z-aaaaaaa", False), ("20261121T000000Z-bbbbbbb", False),
                                       ("20261121T010000Z-ccccccc", True))):
        d = runs / name
        d.mkdir(parents=True)
        (d / "x86_64.json").write_text(json.dumps(_doc(i, worse)))
    return runs


def _report(ctx, tmp, *args):
    return subprocess.run([sys.executable, "-m", "ternhost.bench", "report", f"--config={ctx.config}",
                           f"--runs-dir={tmp / 'runs'}", f"--out={tmp / 'report'}", *args],
                          cwd=ctx.root, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": f"{ctx.root}:{ctx.root}/tools", "PATH": "/usr/bin:/bin"})


_cache = {}


def _regression_run(ctx):
    if "tmp" not in _cache:
        tmp = Path(tempfile.mkdtemp(prefix="tern-report-"))
        _runs(tmp)
        _cache["tmp"] = tmp
        _cache["run"] = _report(ctx, tmp)              # default: newest against the one before
    return _cache["tmp"], _cache["run"]


def _flags(ctx):
    tmp, run = _regression_run(ctx)
    assert run.returncode == 0, run.stderr[-2000:]
    flagged = [l.split()[-1] for l in run.stdout.splitlines() if l.strip().startswith("REGRESSION")]
    assert flagged == [REGRESS_INSTR], run.stdout
    assert "1 significantly slower in cycles only" in run.stdout, run.stdout
    md = (tmp / "report" / "report.md").read_text()
    assert "ccccccc against 20261121T000000Z-bbbbbbb" in md, md[:300]
    row = next(l for l in md.splitlines() if l.startswith(f"| `{REGRESS_INSTR}`"))
    assert "+5.00%" in row and "**regression**" in row, row
    cyc = next(l for l in md.splitlines() if l.startswith(f"| `{REGRESS_CYCLES}`"))
    assert cyc.rstrip(" |").endswith("slower") and "regression" not in cyc, cyc
    noise = next(l for l in md.splitlines() if l.startswith(f"| `{NOISE}`"))
    assert "regression" not in noise and "slower" not in noise, noise
    return "5% instructions flagged, 20% cycles (U test) marked, 1% cycles not"


def _fail_on_regression(ctx):
    tmp, _ = _regression_run(ctx)
    run = _report(ctx, tmp, "--fail-on-regression")
    assert run.returncode == 1, (run.returncode, run.stdout[-1000:])
    gated = _report(ctx, tmp, "--fail-on-regression", "--gate-cycles")
    flagged = sorted(l.split()[-1] for l in gated.stdout.splitlines() if l.strip().startswith("REGRESSION"))
    assert gated.returncode == 1 and flagged == sorted([REGRESS_INSTR, REGRESS_CYCLES]), gated.stdout
    runs = sorted((tmp / "runs").iterdir())
    same = _report(ctx, tmp, str(runs[0]), str(runs[1]), "--fail-on-regression")
    assert same.returncode == 0, (same.returncode, same.stdout[-1000:])
    assert "0 regression(s)" in same.stdout
    bad = _report(ctx, tmp, str(runs[0]))
    assert bad.returncode == 2 and "BASE and NEW" in bad.stderr and "Traceback" not in bad.stderr
    _report(ctx, tmp)                                   # leave the regression report for the browser test


def _renders_in_chromium(ctx):
    chromium = shutil.which("chromium")
    if chromium is None:
        raise Skip("chromium is not installed (Debian package chromium)")
    tmp, run = _regression_run(ctx)
    assert run.returncode == 0
    page = tmp / "report" / "check.html"
    probe = """<script>
window.addEventListener('load', () => {
  const imgs = [...document.querySelectorAll('img.plot')];
  const rows = document.querySelectorAll('table.results tbody tr').length;
  const bad = imgs.filter(i => !i.complete || i.naturalWidth < 100 || i.naturalHeight < 100).map(i => i.src);
  const red = document.querySelectorAll('tr.regression').length;
  const pre = document.createElement('pre'); pre.id = 'check';
  pre.textContent = JSON.stringify({plots: imgs.length, broken: bad, rows: rows, regressions: red,
    tableWidth: document.querySelector('table.results').getBoundingClientRect().width});
  document.body.appendChild(pre);
});
</script>"""
    page.write_text((tmp / "report" / "index.html").read_text().replace("</body>", probe + "</body>"))
    out = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                          "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    text = out.stdout
    assert '<pre id="check">' in text, f"no probe result (exit {out.returncode}): {out.stderr[-1500:]}"
    import html as _html
    result = json.loads(_html.unescape(text.split('<pre id="check">', 1)[1].split("</pre>", 1)[0]))
    assert result["plots"] == 2 and not result["broken"], result
    assert result["rows"] == len(NAMES) and result["regressions"] == 1 and result["tableWidth"] > 300, result
    shot = tmp / "report" / "screenshot.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,2400",
                    f"--screenshot={shot}", (tmp / "report" / "index.html").as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20000, "screenshot missing or blank"
    return f"{result['plots']} plots loaded, {result['rows']} rows, {result['regressions']} marked"


def _new_arch(ctx):
    """An arch the base run lacks is listed with its figures, and gates nothing."""
    tmp = Path(tempfile.mkdtemp(prefix="tern-report-new-"))
    try:
        runs = _runs(tmp)
        newest = sorted(runs.iterdir())[-1]
        (newest / "mips64.json").write_text(json.dumps(_doc(7)))
        run = _report(ctx, tmp, "--fail-on-regression")
        md = (tmp / "report" / "report.md").read_text()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert run.returncode == 1, run.stdout[-1000:]          # x86_64's regression, not mips64
    section = md.split("## mips64", 1)[1].split("\n## ", 1)[0]
    assert "New in this run" in section and "plots/mips64-sizes.svg" in section, section[:500]
    row = next(l for l in section.splitlines() if l.startswith("| `null_syscall`"))
    assert "177" in row and "regression" not in row, row
    return "listed with its figures, nothing compared"


def cases(ctx):
    yield "report/flags-regressions", lambda: _flags(ctx)
    yield "report/new-arch-listed", lambda: _new_arch(ctx)
    yield "report/fail-on-regression", lambda: _fail_on_regression(ctx)
    yield "report/renders-in-chromium", lambda: _renders_in_chromium(ctx)
