"""Per-arch build and emulator data from kernel/arch/<arch>/arch.toml, validated with the
same `file: key: reason` errors as the ABI description."""
from pathlib import Path

from gen.check import Table, load_toml

ROOT = Path(__file__).resolve().parents[2]


def load(arch):
    path = ROOT / "kernel" / "arch" / arch / "arch.toml"
    top = Table(load_toml(path), path)
    top.only("build", "emulator", "bench")
    b = top.table("build")
    b.only("toolchain", "core", "cflags", "user_cflags", "ldflags", "sources", "includes", "image_format")
    toolchain = b.get("toolchain", str)
    if toolchain not in ("clang", "ia64-gcc"):
        b.fail("toolchain", f"{toolchain!r} is not clang or ia64-gcc")
    sources = b.strings("sources")
    for i, s in enumerate(sources):
        if not (ROOT / s).exists():
            b.fail(f"sources[{i}]", f"{s} does not exist")
    e = top.table("emulator")
    e.only("program", "args", "modules", "exit", "exit_line", "ignore_output")
    exit_kind = e.get("exit", str)
    if exit_kind not in ("isa-debug-exit", "direct"):
        e.fail("exit", f"{exit_kind!r} is not isa-debug-exit or direct")
    bench = None
    if "bench" in top.data:
        t = top.table("bench")
        t.only("counted_args", "counted_clock", "counted_meaning", "free_clock", "free_meaning")
        bench = {k: (t.strings(k) if k == "counted_args" else t.get(k, str))
                 for k in ("counted_args", "counted_clock", "counted_meaning", "free_clock", "free_meaning")}
    return {
        "arch": arch,
        "bench": bench,
        "toolchain": toolchain,
        "core": b.get("core", bool, False, required=False),
        "cflags": b.strings("cflags"),
        "ldflags": b.strings("ldflags", required=False),
        "user_cflags": b.strings("user_cflags", required=False),
        "sources": sources,
        "includes": b.strings("includes"),
        "image_format": b.get("image_format", str, None, required=False),
        "emulator": {"program": e.get("program", str), "args": e.strings("args"),
                     "exit": exit_kind,
                     "modules": e.strings("modules", required=False),
                     "exit_line": e.get("exit_line", str, None, required=False),
                     "ignore_output": e.strings("ignore_output", required=False)},
    }
