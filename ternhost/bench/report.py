"""./tern report [BASE NEW] [--threshold PCT] [--cycles-threshold PCT] [--fail-on-regression]
                 [--gate-cycles] [--out DIR]

Compares two published runs (default: the newest under results/runs against the one
before) and writes results/report/index.html and report.md: per arch and benchmark the
change in instructions (exact, deterministic) and in cycles (Mann-Whitney U over the
repetitions, as Google Benchmark's compare.py), regressions beyond the threshold marked,
and plots: IPC cost against message size per arch, and each headline figure over every
published run."""
import argparse
import html
import json
import sys
from pathlib import Path

from gen import config as gen_config
from gen.errors import SpecError

from . import gbench
from .gbench import BenchError

ROOT = Path(__file__).resolve().parents[2]
RUNS = ROOT / "results" / "runs"
ALPHA = 0.05                      # compare.py's significance level
MIN_REPS_FOR_U = 3                # fewer repetitions: no U test (compare.py wants 9)


def load_run(path):
    path = Path(path)
    if not path.is_dir():
        raise BenchError(f"{path}: not a run directory")
    docs = {}
    for f in sorted(path.glob("*.json")):
        try:
            docs[f.stem] = gbench.validate(json.loads(f.read_text()))
        except (json.JSONDecodeError, BenchError) as e:
            raise BenchError(f"{f}: {e}") from None
    if not docs:
        raise BenchError(f"{path}: no <arch>.json in it")
    return docs


def published_runs(runs_dir=RUNS):
    return sorted(p for p in Path(runs_dir).iterdir() if p.is_dir() and any(p.glob("*.json"))) \
        if Path(runs_dir).is_dir() else []


def repetitions(doc, run_name, key):
    return [b[key] for b in doc["benchmarks"]
            if b["run_name"] == run_name and b["run_type"] == "iteration"
            and not b.get("error_occurred") and key in b]


def u_test(a, b):
    """Two-sided Mann-Whitney U p-value, or None with too few repetitions."""
    if len(a) < MIN_REPS_FOR_U or len(b) < MIN_REPS_FOR_U:
        return None
    from scipy.stats import mannwhitneyu
    if len(set(a) | set(b)) == 1:
        return 1.0                                   # identical samples: no difference
    return float(mannwhitneyu(a, b, alternative="two-sided").pvalue)


def change(old, new):
    return (new - old) / old if old else 0.0


def compare(base, new, threshold, cycles_threshold):
    """Rows per arch: every benchmark in both runs with its changes and verdicts. A
    baseline (linux-*.json) is not Tern and its counts move between runs: it is shown
    beside Tern (_beside), never compared or gated."""
    arches = {}
    for arch in sorted(a for a in set(base) | set(new) if not a.startswith("linux-")):
        if arch not in new:
            arches[arch] = {"missing": "new", "rows": []}
            continue
        if arch not in base:                         # new here: its figures, nothing to compare
            names = [b["run_name"] for b in new[arch]["benchmarks"] if b["run_type"] == "iteration"]
            rows = []
            for name in dict.fromkeys(names):
                f = gbench.figure(new[arch], name)
                row = {"name": name}
                if "instructions" in f:
                    row["instr_new"] = f["instructions"]
                if "cycles" in f:
                    row["cyc_new"] = f["cycles"]
                rows.append(row)
            arches[arch] = {"missing": "base", "rows": rows}
            continue
        names = [b["run_name"] for b in new[arch]["benchmarks"] if b["run_type"] == "iteration"]
        rows = []
        for name in dict.fromkeys(names):
            fb, fn = gbench.figure(base[arch], name), gbench.figure(new[arch], name)
            if fb is None or fn is None:
                continue
            row = {"name": name}
            if "instructions" in fb and "instructions" in fn:
                row["instr_old"], row["instr_new"] = fb["instructions"], fn["instructions"]
                row["instr_change"] = change(fb["instructions"], fn["instructions"])
                row["instr_regression"] = row["instr_change"] > threshold
                row["instr_improvement"] = row["instr_change"] < -threshold
            if "cycles" in fb and "cycles" in fn:
                cb, cn = repetitions(base[arch], name, "cycles"), repetitions(new[arch], name, "cycles")
                row["cyc_old"], row["cyc_new"] = fb["cycles"], fn["cycles"]
                row["cyc_change"] = change(fb["cycles"], fn["cycles"])
                row["cyc_p"] = u_test(cb, cn)
                significant = row["cyc_p"] is not None and row["cyc_p"] < ALPHA
                row["cyc_regression"] = significant and row["cyc_change"] > cycles_threshold
                row["cyc_improvement"] = significant and row["cyc_change"] < -cycles_threshold
            rows.append(row)
        arches[arch] = {"missing": None, "rows": rows}
    return arches


# ---- plots ------------------------------------------------------------------------------

def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "tern"        # deterministic SVG ids
    import matplotlib.pyplot as plt
    return plt


def _save(fig, path):
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    import matplotlib.pyplot as plt
    plt.close(fig)


def _series(doc, family, arg):
    pts = []
    for b in doc["benchmarks"]:
        if b["run_type"] != "iteration" or b.get("repetition_index", 0) != 0 or b.get("error_occurred"):
            continue
        prefix = family + "/"
        if b["run_name"].startswith(prefix) and f"/{arg}:" in b["run_name"]:
            variant = b["run_name"][len(prefix):].rsplit("/", 1)[0]
            size = int(b["run_name"].rsplit(":", 1)[1])
            f = gbench.figure(doc, b["run_name"])
            if f and "instructions" in f:
                pts.append((variant, size, f["instructions"]))
    out = {}
    for variant, size, v in sorted(pts):
        out.setdefault(variant, []).append((size, v))
    return out


def plot_sizes(arch, doc, path):
    """Instructions per round trip against message size: MRs (register, UTCB) and bytes."""
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for family, style in (("ipc_register", "-o"), ("ipc_utcb", "--s")):
        for variant, pts in _series(doc, family, "mrs").items():
            left.plot([p[0] for p in pts], [p[1] for p in pts], style, label=f"{family[4:]} {variant}")
    left.set(title=f"{arch}: register and UTCB IPC", xlabel="untyped MRs per message",
             ylabel="instructions per round trip")
    left.legend(fontsize=7)
    left.grid(alpha=0.3)
    for variant, pts in _series(doc, "ipc_string", "bytes").items():
        right.plot([p[0] for p in pts], [p[1] for p in pts], "-o", label=f"string {variant}")
    mc = [(int(b["run_name"].split(":")[1]), gbench.figure(doc, b["run_name"]).get("instructions"))
          for b in doc["benchmarks"] if b["run_name"].startswith("memcpy/") and b["run_type"] == "iteration"
          and b.get("repetition_index", 0) == 0 and not b.get("error_occurred")]
    if mc:
        mc.sort()
        right.plot([p[0] for p in mc], [p[1] for p in mc], ":k", label="memcpy in the guest")
    right.set(title=f"{arch}: string IPC", xlabel="bytes per message", ylabel="instructions per round trip",
              xscale="log", yscale="log")
    right.legend(fontsize=7)
    right.grid(alpha=0.3)
    _save(fig, path)


def plot_trend(arch, runs, path):
    """Each headline figure (instructions, one-way where defined) over the published runs."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 4))
    labels = [r[0] for r in runs]
    for title, run_name in gbench.HEADLINES:
        ys = []
        for _, docs in runs:
            f = gbench.figure(docs[arch], run_name) if arch in docs else None
            ys.append(f.get("instructions") if f else None)
        if any(y is not None for y in ys):
            ax.plot(range(len(labels)), [y if y is not None else float("nan") for y in ys], "-o", label=title)
    ax.set(title=f"{arch}: headline figures over published runs", ylabel="instructions per iteration",
           yscale="log")
    ax.set_xticks(range(len(labels)), labels, rotation=20, fontsize=7, ha="right")
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    _save(fig, path)


# ---- output -----------------------------------------------------------------------------

def _pct(x):
    return f"{x * 100:+.2f}%"


def _num(x):
    return f"{x:,.1f}" if x < 100 else f"{x:,.0f}"


def _p(row):
    return "-" if row.get("cyc_p") is None else f"{row['cyc_p']:.3f}"


def verdict(row):
    """On instructions, which are exact: the verdict that gates."""
    if row.get("instr_regression"):
        return "regression"
    if row.get("instr_improvement"):
        return "improvement"
    return ""


def cycles_verdict(row):
    """On cycles: significant (U test) and beyond the cycles threshold."""
    if row.get("cyc_regression"):
        return "slower"
    if row.get("cyc_improvement"):
        return "faster"
    return ""


def gating(row, gate_cycles):
    return verdict(row) == "regression" or (gate_cycles and cycles_verdict(row) == "slower")


def _intro(threshold, cycles_threshold, gate_cycles):
    return (f"Instructions are exact (QEMU -icount): a change beyond {threshold * 100:.1f}% is a "
            f"regression or an improvement. Cycles (QEMU without -icount) are compared with a "
            f"Mann-Whitney U test over the repetitions, as compare.py does; a significant "
            f"(p < {ALPHA}) change beyond {cycles_threshold * 100:.0f}% is marked slower or faster"
            + (" and gates too." if gate_cycles else
               ", but does not gate: emulated cycles move by tens of percent between identical runs."))


def write_markdown(path, base_name, new_name, result, thresholds, plots, new_docs=None):
    threshold, cycles_threshold, gate_cycles = thresholds
    lines = [f"# Tern benchmark report: {new_name} against {base_name}", "",
             _intro(threshold, cycles_threshold, gate_cycles), ""]
    for arch, a in result.items():
        lines.append(f"## {arch}")
        lines.append("")
        if a["missing"] == "new":
            lines += ["Not in the new run.", ""]
            continue
        if a["missing"] == "base":
            lines += [f"New in this run ({len(a['rows'])} benchmarks): not in the base run, so "
                      "nothing to compare.", ""]
        regressions = [r["name"] for r in a["rows"] if gating(r, gate_cycles)]
        slower = sum(cycles_verdict(r) == "slower" for r in a["rows"])
        if not a["missing"]:
            lines.append(f"{len(a['rows'])} benchmarks, **{len(regressions)} regression(s)**"
                         + (": " + ", ".join(f"`{n}`" for n in regressions) if regressions else "")
                         + f"; {slower} significantly slower in cycles.")
            lines.append("")
        for p in plots.get(arch, []):
            lines += [f"![{arch}](plots/{p})", ""]
        lines.append("| benchmark | instructions | change | verdict | cycles | change | p (U test) | cycles |")
        lines.append("|---|---:|---:|---|---:|---:|---:|---|")
        for r in a["rows"]:
            v = verdict(r)
            lines.append(
                f"| `{r['name']}` | {_num(r['instr_new']) if 'instr_new' in r else '-'} | "
                f"{_pct(r['instr_change']) if 'instr_change' in r else '-'} | "
                f"{'**' + v + '**' if v == 'regression' else v} | "
                f"{_num(r['cyc_new']) if 'cyc_new' in r else '-'} | "
                f"{_pct(r['cyc_change']) if 'cyc_change' in r else '-'} | "
                f"{_p(r)} | {cycles_verdict(r)} |")
        lines.append("")
    lines += _beside_markdown(new_docs)
    Path(path).write_text("\n".join(lines) + "\n")


def _beside(new_docs):
    """Rows of Tern x86_64 beside the Linux baseline of the same run, or [] without one."""
    from .linux import DOC_NAME, beside
    if not new_docs or DOC_NAME not in new_docs:
        return []
    return beside(new_docs.get("x86_64"), new_docs[DOC_NAME])


BESIDE_INTRO = ("Debian's own Linux kernel in the same QEMU with the same instruction counting "
                "(./tern bench --baseline linux; bench/linux/baseline.c as /init): guest instructions "
                "of the whole machine per operation.")


def _ratio(t, l_):
    return f"{l_ / t:.1f}x" if t and l_ else "-"


def _beside_markdown(new_docs):
    rows = _beside(new_docs)
    if not rows:
        return []
    out = ["## Tern beside Linux (x86_64)", "", BESIDE_INTRO, "",
           "| what | Tern x86_64 | instructions | Linux | instructions | Linux / Tern |",
           "|---|---|---:|---|---:|---:|"]
    for what, tname, t, lname, l_ in rows:
        out.append(f"| {what} | `{tname}` | {_num(t) if t is not None else '-'} | `{lname}` | "
                   f"{_num(l_) if l_ is not None else '-'} | {_ratio(t, l_)} |")
    return out + [""]


CSS = """body{font-family:sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;font-size:13px;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left;font-family:monospace}
tr.regression{background:#fdd}tr.improvement{background:#dfd}
tr.slower td:last-child{color:#a00}tr.faster td:last-child{color:#070}
img{max-width:100%;display:block;margin:1em 0}"""


def write_html(path, base_name, new_name, result, thresholds, plots, new_docs=None):
    threshold, cycles_threshold, gate_cycles = thresholds
    e = html.escape
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'>",
           f"<title>Tern benchmarks: {e(new_name)} vs {e(base_name)}</title><style>{CSS}</style></head><body>",
           f"<h1>Tern benchmark report</h1><p>New run <b>{e(new_name)}</b> against base <b>{e(base_name)}</b>. "
           f"{e(_intro(threshold, cycles_threshold, gate_cycles))}</p>"]
    for arch, a in result.items():
        out.append(f"<h2 id='{e(arch)}'>{e(arch)}</h2>")
        if a["missing"] == "new":
            out.append("<p>Not in the new run.</p>")
            continue
        if a["missing"] == "base":
            out.append(f"<p>New in this run ({len(a['rows'])} benchmarks): not in the base run, "
                       "so nothing to compare.</p>")
        n_reg = sum(gating(r, gate_cycles) for r in a["rows"])
        slower = sum(cycles_verdict(r) == "slower" for r in a["rows"])
        if not a["missing"]:
            out.append(f"<p class='summary'>{len(a['rows'])} benchmarks, {n_reg} regression(s); "
                       f"{slower} significantly slower in cycles.</p>")
        for p in plots.get(arch, []):
            out.append(f"<img class='plot' src='plots/{e(p)}' alt='{e(arch)} {e(p)}'>")
        out.append("<table class='results'><thead><tr><th>benchmark</th><th>instructions (base)</th>"
                   "<th>instructions (new)</th><th>change</th><th>verdict</th><th>cycles (base)</th>"
                   "<th>cycles (new)</th><th>change</th><th>p (U test)</th><th>cycles</th></tr></thead><tbody>")
        for r in a["rows"]:
            v = verdict(r)
            cells = [r["name"],
                     _num(r["instr_old"]) if "instr_old" in r else "-",
                     _num(r["instr_new"]) if "instr_new" in r else "-",
                     _pct(r["instr_change"]) if "instr_change" in r else "-", v,
                     _num(r["cyc_old"]) if "cyc_old" in r else "-",
                     _num(r["cyc_new"]) if "cyc_new" in r else "-",
                     _pct(r["cyc_change"]) if "cyc_change" in r else "-",
                     _p(r), cycles_verdict(r)]
            cls = " ".join(c for c in ("regression" if gating(r, gate_cycles) else v, cycles_verdict(r)) if c)
            out.append(f"<tr class='{cls}'>" + "".join(f"<td>{e(str(c))}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table>")
    rows = _beside(new_docs)
    if rows:
        out.append(f"<h2 id='beside-linux'>Tern beside Linux (x86_64)</h2><p>{e(BESIDE_INTRO)}</p>")
        out.append("<table class='beside'><thead><tr><th>what</th><th>Tern x86_64</th><th>instructions</th>"
                   "<th>Linux</th><th>instructions</th><th>Linux / Tern</th></tr></thead><tbody>")
        for what, tname, t, lname, l_ in rows:
            cells = [what, tname, _num(t) if t is not None else "-", lname,
                     _num(l_) if l_ is not None else "-", _ratio(t, l_)]
            out.append("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table>")
    out.append("</body></html>")
    Path(path).write_text("\n".join(out) + "\n")


def main(argv):
    ap = argparse.ArgumentParser(prog="./tern report", description=__doc__.split("\n\n")[0])
    ap.add_argument("runs", nargs="*", help="BASE NEW run directories (default: the two newest)")
    ap.add_argument("--config", default=str(gen_config.DEFAULT))
    ap.add_argument("--threshold", type=float, default=None, help="percent (default: the config's)")
    ap.add_argument("--cycles-threshold", type=float, default=None, help="percent (default: the config's)")
    ap.add_argument("--fail-on-regression", action="store_true", help="exit 1 when anything regressed")
    ap.add_argument("--gate-cycles", action="store_true", help="significant cycle slowdowns count as regressions")
    ap.add_argument("--runs-dir", default=str(RUNS), help="where published runs are (trend plots)")
    ap.add_argument("--out", default=str(ROOT / "results" / "report"))
    args = ap.parse_args(argv)
    try:
        bench_cfg = gen_config.load(args.config)["bench"]
    except SpecError as e:
        print(f"report: {e}", file=sys.stderr)
        return 2
    threshold = (args.threshold if args.threshold is not None else bench_cfg["regression_threshold_pct"]) / 100
    cycles_threshold = (args.cycles_threshold if args.cycles_threshold is not None
                        else bench_cfg["cycles_threshold_pct"]) / 100
    thresholds = (threshold, cycles_threshold, args.gate_cycles)
    published = published_runs(args.runs_dir)
    if len(args.runs) == 2:
        base_dir, new_dir = Path(args.runs[0]), Path(args.runs[1])
    elif not args.runs:
        if len(published) < 2:
            print(f"report: need two runs under {args.runs_dir} (found {len(published)}); "
                  f"run ./tern bench, or name BASE NEW", file=sys.stderr)
            return 2
        base_dir, new_dir = published[-2], published[-1]
    else:
        print("report: give both BASE and NEW, or neither", file=sys.stderr)
        return 2
    try:
        base, new = load_run(base_dir), load_run(new_dir)
        trend = [(p.name, load_run(p)) for p in published]
    except BenchError as e:
        print(f"report: {e}", file=sys.stderr)
        return 2
    if new_dir.resolve() not in [p.resolve() for p in published]:
        trend.append((new_dir.name, new))
    result = compare(base, new, threshold, cycles_threshold)
    out = Path(args.out)
    (out / "plots").mkdir(parents=True, exist_ok=True)
    for old in (out / "plots").glob("*.svg"):
        old.unlink()
    plots = {}
    for arch in new:
        if arch.startswith("linux-"):                 # a baseline: no Tern sizes or trend
            continue
        plot_sizes(arch, new[arch], out / "plots" / f"{arch}-sizes.svg")
        plot_trend(arch, trend, out / "plots" / f"{arch}-trend.svg")
        plots[arch] = [f"{arch}-sizes.svg", f"{arch}-trend.svg"]
    write_html(out / "index.html", base_dir.name, new_dir.name, result, thresholds, plots, new)
    write_markdown(out / "report.md", base_dir.name, new_dir.name, result, thresholds, plots, new)
    regressions = [(arch, r["name"]) for arch, a in result.items() for r in a["rows"]
                   if gating(r, args.gate_cycles)]
    slower = [(arch, r["name"]) for arch, a in result.items() for r in a["rows"]
              if cycles_verdict(r) == "slower" and not gating(r, args.gate_cycles)]
    print(f"report: {new_dir.name} against {base_dir.name}: "
          f"{sum(len(a['rows']) for a in result.values())} benchmarks, {len(regressions)} regression(s)")
    for arch, name in regressions:
        print(f"  REGRESSION {arch} {name}")
    if slower:
        print(f"  {len(slower)} significantly slower in cycles only (not gating; --gate-cycles to gate)")
    print(f"wrote {out / 'index.html'} and {out / 'report.md'}")
    return 1 if regressions and args.fail_on_regression else 0
