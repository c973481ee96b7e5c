"""Where the compilers are. clang/lld 14 come from Debian; the ia64 GCC is built once by
tools/ia64-gcc.sh into a cache outside the repository."""
import os
import shutil
from pathlib import Path

IA64_KEY = "ia64-linux-gnu-gcc-12.2.0-r1"      # keep in step with tools/ia64-gcc.sh


def ia64_bin():
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tern"
    prefix = cache / IA64_KEY
    return prefix / "bin" if (prefix / ".complete").exists() else None


def tools(toolchain):
    """{cc, ld, objcopy, objdump} for a toolchain name, or None if it is not installed."""
    if toolchain == "clang":
        names = {"cc": "clang-14", "ld": "ld.lld-14", "objcopy": "llvm-objcopy-14",
                 "objdump": "llvm-objdump-14"}
        found = {k: shutil.which(v) for k, v in names.items()}
        return found if all(found.values()) else None
    if toolchain == "ia64-gcc":
        bindir = ia64_bin()
        if bindir is None:
            return None
        return {"cc": str(bindir / "ia64-linux-gnu-gcc"), "ld": "/usr/bin/ia64-linux-gnu-ld",
                "objcopy": "/usr/bin/ia64-linux-gnu-objcopy",
                "objdump": "/usr/bin/ia64-linux-gnu-objdump"}
    raise ValueError(toolchain)
