"""The generated glue (IPC fast path and context switch) of every port assembles with
its toolchain, with the structure offsets its own compiler computes from asm_offsets.c.
ia32, x86_64 and mips64 also run it (guest and measure tests). Where a port describes its
page table, the generated TLB refill in the built kernel is read for its hit path."""
import re
import subprocess
import tempfile
from pathlib import Path

from ternhost.test.harness import Skip
from gen import config as gen_config, port as gen_port, render
from gen.offsets import header
from ternhost import archdata, toolchain

PROBE = """#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>
#include <tern/config/max_threads.h>
#include <tern/kernel/fastpath.inc>
syscall_slow:
#include <tern/kernel/switch.inc>
"""


def _assemble(ctx, arch):
    plan = archdata.load(arch)
    tools = toolchain.tools(plan["toolchain"])
    if tools is None:
        raise Skip(f"no {plan['toolchain']} toolchain")
    root = ctx.root
    with tempfile.TemporaryDirectory() as tmp:
        _, outputs = render.render(arch)
        render.write_all(outputs, tmp)
        cfg = gen_config.load(ctx.config)
        for name, value in cfg["kernel"].items():
            p = Path(tmp, "include/tern/config", f"{name}.h")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(gen_config.option_header(name, value))
        inc = [f"-I{tmp}/include", f"-I{root}/kernel", f"-I{root}/libc"]
        flags = plan["cflags"]
        ctx.sh([tools["cc"], *flags, "-std=c11", "-ffreestanding", "-O2", "-DTERN_HAL_CORE", *inc, "-S",
                f"{root}/kernel/generic/core/asm_offsets.c", "-o", f"{tmp}/offsets.s"])
        Path(tmp, "include/tern/kernel/offsets.h").write_text(
            header(Path(tmp, "offsets.s").read_text(), "kernel/generic/core/asm_offsets.c"))
        Path(tmp, "probe.S").write_text(PROBE)
        asm = ctx.sh([tools["cc"], *flags, "-D__ASSEMBLY__", *inc, "-c", f"{tmp}/probe.S", "-o", f"{tmp}/probe.o"])
        # warnings count: on ia64 they are the assembler's dependency-violation reports
        assert "arning" not in asm.stderr, asm.stderr[-3000:]
        syms = ctx.sh([tools["objdump"], "-t", f"{tmp}/probe.o"]).stdout
        for sym in ("fastpath_ipc", "hal_switch"):
            assert sym in syms, f"{sym} missing from the assembled glue"
        dis = ctx.sh([tools["objdump"], "-d", f"{tmp}/probe.o"]).stdout
        lines = sum(1 for l in dis.splitlines() if l.startswith(" ") and ":" in l)
    return f"{lines} instructions of fast path and context switch"


def _refill_hit_path(ctx, arch):
    """The generated TLB refill in the built kernel: it runs straight from tlb_refill to
    its return when the table has the page (every branch in it leaves for the slow
    handler), within its vector (32 instructions on MIPS; its own next vector follows)."""
    plan = archdata.load(arch)
    tools = toolchain.tools(plan["toolchain"])
    if tools is None:
        raise Skip(f"no {plan['toolchain']} toolchain")
    kernel = ctx.build(arch).with_name("kernel.elf")
    dis = ctx.sh([tools["objdump"], "-d", "--no-show-raw-insn", str(kernel)]).stdout
    syms = ctx.sh([tools["objdump"], "-t", str(kernel)]).stdout
    addr = next(l.split()[0] for l in syms.splitlines() if l.split() and l.split()[-1] == "tlb_refill")
    start = dis.index(f"{addr.lstrip('0')}:")
    path = []
    for line in dis[start:].splitlines():
        if not line.strip() or line.rstrip().endswith(">:") or ":" not in line:
            continue
        # ia64 prints a bundle's template ([MMI]) before its first slot and a qualifying
        # predicate ((p6)) before an instruction; its nops only fill bundles
        words = [w.rstrip(";") for w in line.split(":", 1)[1].split()
                 if not re.fullmatch(r"\[[A-Z]+\]|\(p\d+\)", w)]   # ;; ends a group
        if not words or words[0].startswith("nop."):
            continue
        path.append(words)
        if path[-1][0] in ("eret", "rfi"):
            break
    mnemonics = [p[0] for p in path]
    assert mnemonics[-1] in ("eret", "rfi"), f"no return found after tlb_refill:\n{dis[start:start + 3000]}"
    branches = [p for p in path if p[0].startswith("b") and p[0] != "break"]
    assert all("tlb_refill_slow" in " ".join(p) for p in branches), \
        f"a branch in the refill that does not leave for tlb_refill_slow: {branches}"
    assert len(path) <= 32, f"{len(path)} instructions: more than the 32 of the refill vector"
    assert "tlbwr" in mnemonics or "itc.d" in " ".join(mnemonics), mnemonics
    return f"hit path {len(path)} instructions ({', '.join(mnemonics)})"


def cases(ctx):
    for arch in ctx.arches:
        yield f"{arch}/fastpath-and-switch-assemble", lambda a=arch: _assemble(ctx, a)
        port = gen_port.load(arch)
        if port["core"] and port.get("page_table"):
            yield f"{arch}/tlb-refill-hit-path", lambda a=arch: _refill_hit_path(ctx, a)
