"""./tern bench --baseline linux, short: Debian's Linux boots in the same QEMU with the
same instruction counting, the baseline program measures every case once at a twentieth
of its iterations, linux-x86_64.json is Google Benchmark JSON with plausible figures
(instructions are exact, so the bounds are wide only because Linux's own work varies
with its version), and the report puts them beside Tern's x86_64 figures."""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ternhost.test.harness import Skip

_cache = {}


def _measure(ctx):
    """One boot for both cases; a failure is kept too, so the second does not boot again."""
    if "doc" not in _cache:
        try:
            _cache["doc"] = _boot(ctx)
        except Exception as e:                          # BenchError, Skip: the same for both
            _cache["doc"] = e
    if isinstance(_cache["doc"], Exception):
        raise _cache["doc"]
    return _cache["doc"]


def _boot(ctx):
    from ternhost import archdata
    from ternhost.bench import linux
    if shutil.which(archdata.load("x86_64")["emulator"]["program"]) is None:
        raise Skip("qemu-system-x86_64 is not installed")
    out = Path(tempfile.mkdtemp(prefix="tern-linux-"))
    run_context = {"date": "2026-12-03T00:00:00+00:00", "host": "test", "commit": "test"}
    doc = linux.run(out, run_context, scale=20, reps=1, timeout=600, say=lambda *_: None)
    return doc, out


def _boots_and_measures(ctx):
    from ternhost.bench import gbench
    from ternhost.bench.linux import CASES
    doc, out = _measure(ctx)
    assert json.loads((out / "linux-x86_64.json").read_text()) == doc
    gbench.validate(doc)
    got = {b["run_name"]: b for b in doc["benchmarks"]}
    assert sorted(got) == sorted(CASES), sorted(got)
    f = {n: b["instructions"] for n, b in got.items()}
    assert 100 < f["null_syscall"] < 5000, f
    for n in CASES[1:5]:                                # a round trip: two switches, four calls
        assert 4 * f["null_syscall"] < f[n] < 200000, (n, f)
        assert got[n]["instructions_one_way"] == got[n]["instructions"] / 2
    assert f["pipe_transfer/bytes:4096"] < f["pipe_transfer/bytes:4194304"], f
    assert f["unix_transfer/bytes:4096"] < f["unix_pingpong/bytes:4096"], f     # half the bytes
    assert f["pipe_transfer/bytes:4194304"] > 4194304 / 8, f      # the bytes were copied
    c = doc["context"]
    assert c["linux_kernel"].startswith("linux-image-") and "-icount" in c["emulator_args"], c
    return f"{c['linux_kernel']}: null call {f['null_syscall']:.0f}, pipe one-way " \
           f"{got['pipe_pingpong/bytes:1']['instructions_one_way']:.0f} instructions, " \
           f"{c['seconds_in_emulator']} s in QEMU"


def _report_shows_it(ctx):
    """The report of a run holding linux-x86_64.json has the table, with Linux's figure."""
    doc, _ = _measure(ctx)
    sys.path.insert(0, str(ctx.root / "tests"))
    from test_report import _doc
    tmp = Path(tempfile.mkdtemp(prefix="tern-linux-report-"))
    for name in ("base", "new"):
        (tmp / name).mkdir()
        (tmp / name / "x86_64.json").write_text(json.dumps(_doc(1)))
    (tmp / "new" / "linux-x86_64.json").write_text(json.dumps(doc))
    r = subprocess.run(["/usr/bin/python3", "-m", "ternhost.bench", "report", str(tmp / "base"), str(tmp / "new"),
                        "--runs-dir", str(tmp / "none"), "--out", str(tmp / "report")],
                       cwd=ctx.root, capture_output=True, text=True, timeout=300,
                       env={"PYTHONPATH": f"{ctx.root}:{ctx.root}/tools", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    md = (tmp / "report" / "report.md").read_text()
    assert "## Tern beside Linux (x86_64)" in md, md[-2000:]
    null = next(b for b in doc["benchmarks"] if b["run_name"] == "null_syscall")["instructions"]
    row = next(l for l in md.splitlines() if l.startswith("| null system call |"))
    assert f"{null:,.0f}" in row and "177" in row, row
    assert "beside-linux" in (tmp / "report" / "index.html").read_text()


def cases(ctx):
    if "x86_64" not in ctx.arches:
        return
    yield "linux/boots-and-measures", lambda: _boots_and_measures(ctx)
    yield "linux/report-shows-it-beside-tern", lambda: _report_shows_it(ctx)
