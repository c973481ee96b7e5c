"""./tern test: run the host-side tests (tests/test_*.py: generator, headers, build, boot,
the guest suite, benchmarks, report), one line per test, ending with
`N passed, N failed` (`, N skipped` when any).

  ./tern test [--arch A,...] [--filter REGEX] [--list]
"""
import argparse
import importlib.util
import re
import sys
import time
import traceback
from pathlib import Path

from ternhost.test.harness import Context, Skip

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"

# Order matters: cheap checks first, so a broken generator fails fast.
MODULES = ["test_generator", "test_malformed", "test_layers", "test_build", "test_headers", "test_glue",
           "test_boot", "test_guest", "test_fuzz", "test_sanitizer", "test_measure", "test_stepcount", "test_bench", "test_bench_run",
           "test_report", "test_linux_baseline"]


def _module(name):
    """A test file by path: tests/ holds test cases, not a package."""
    spec = importlib.util.spec_from_file_location(f"tern_tests.{name}", TESTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(ctx):
    for name in MODULES:
        group = name.removeprefix("test_")
        for case_name, fn in _module(name).cases(ctx):
            yield f"{group}/{case_name}", fn


def main():
    ap = argparse.ArgumentParser(prog="./tern test")
    ap.add_argument("--arch", default="", help="comma-separated arches (default: the config's)")
    ap.add_argument("--config", default=str(ROOT / "configs" / "default.toml"))
    ap.add_argument("--filter", default="", help="run only tests whose name matches")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    ctx = Context(ROOT, args.config, [a for a in args.arch.split(",") if a] or None)
    pattern = re.compile(args.filter) if args.filter else None
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    start = time.monotonic()
    for name, fn in collect(ctx):
        if pattern and not pattern.search(name):
            continue
        if args.list:
            print(name)
            continue
        t0 = time.monotonic()
        try:
            note = fn()
            status, detail = "PASS", note or ""
        except Skip as e:
            status, detail = "SKIP", str(e)
        except AssertionError as e:
            status, detail = "FAIL", str(e) or traceback.format_exc(limit=2).strip()
        except Exception as e:  # a broken test is a failed test, never a crash of the run
            status, detail = "FAIL", f"{type(e).__name__}: {e}"
        dt = time.monotonic() - t0
        counts[{"PASS": "passed", "FAIL": "failed", "SKIP": "skipped"}[status]] += 1
        line = f"{status} {name} ({dt:.1f}s)"
        if detail:
            line += " " + ("\n    ".join(str(detail).splitlines()) if status == "FAIL" else f"- {detail}")
        print(line, flush=True)
    if args.list:
        return 0
    print(f"# {time.monotonic() - start:.0f} s in all")
    summary = f"{counts['passed']} passed, {counts['failed']} failed"
    if counts["skipped"]:
        summary += f", {counts['skipped']} skipped"
    print(summary)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
