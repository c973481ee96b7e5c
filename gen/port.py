"""Load and validate a port's kernel-side description, kernel/glue/<arch>/port.toml: which
glue, ISA and board folders make the kernel, how it is built and run, the layout of the
saved user frame, the fast path's registers and where the root task's pieces go. None of
it is user-visible ABI (that is abi/<arch>.toml); all of it is checked against that ABI.
Every problem is one `file: key: reason`."""
import re
from pathlib import Path

from .check import Table, load_toml
from .errors import SpecError, _shown

ROOT = Path(__file__).resolve().parent.parent
KERNEL_DIR = ROOT / "kernel"
LAYERS = ("glue", "arch", "plat")


def field_name(reg):
    """The C field a register is saved in: rax -> rax, $4 -> r4."""
    return reg if reg[0].isalpha() else "r" + reg.lstrip("$")


def _folders(t, key, base, last=None):
    names = t.strings(key)
    if not names:
        t.fail(key, "lists no folder")
    for i, n in enumerate(names):
        if not (base / n).is_dir():
            t.fail(f"{key}[{i}]", f"no folder {base.name}/{n}")
        if n in names[:i]:
            t.fail(f"{key}[{i}]", f"{n!r} listed twice")
    if last is not None and names[-1] != last:
        t.fail(key, f"the last folder must be the port's own ({last!r}), shared ones first")
    return names


def _port(top, arch, kernel_dir):
    t = top.table("port")
    t.only("glue", "isa", "platform", "drivers", "core")
    glue = _folders(t, "glue", kernel_dir / "glue", last=arch)
    isa = _folders(t, "isa", kernel_dir / "arch")
    plat = t.get("platform", str)
    if not (kernel_dir / "plat" / plat).is_dir():
        t.fail("platform", f"no folder plat/{plat}")
    drivers = t.strings("drivers", required=False)
    for i, d in enumerate(drivers):
        if not (kernel_dir / "drivers" / f"{d}.c").is_file():
            t.fail(f"drivers[{i}]", f"no driver drivers/{d}.c")
    folders = {"glue": [kernel_dir / "glue" / g for g in glue],
               "arch": [kernel_dir / "arch" / a for a in isa],
               "plat": [kernel_dir / "plat" / plat]}
    link = [f / "link.ld" for f in folders["arch"] if (f / "link.ld").is_file()]
    if not link:
        t.fail("isa", "no kernel/arch folder of the port has a link.ld")
    sources = []
    for layer in LAYERS:
        for folder in folders[layer]:
            sources += sorted(str(p.relative_to(kernel_dir.parent)) for p in folder.iterdir()
                              if p.suffix in (".c", ".S"))
    sources += [f"kernel/drivers/{d}.c" for d in drivers]
    # <port/LAYER/x.h>: the most specific folder of that layer that has x.h.
    headers = {}
    for layer in LAYERS:
        for folder in folders[layer]:
            for h in sorted(folder.glob("*.h")):
                headers[f"{layer}/{h.name}"] = f"{layer}/{folder.name}/{h.name}"
    return {"glue": glue, "isa": isa, "platform": plat, "drivers": drivers,
            "core": t.get("core", bool, False, required=False),
            "sources": sources, "link_script": str(link[-1].relative_to(kernel_dir.parent)),
            "headers": headers}


def _build(top):
    b = top.table("build")
    b.only("toolchain", "cflags", "user_cflags", "ldflags", "image_format")
    toolchain = b.get("toolchain", str)
    if toolchain not in ("clang", "ia64-gcc"):
        b.fail("toolchain", f"{toolchain!r} is not clang or ia64-gcc")
    return {"toolchain": toolchain, "cflags": b.strings("cflags"),
            "ldflags": b.strings("ldflags", required=False),
            "user_cflags": b.strings("user_cflags", required=False),
            "image_format": b.get("image_format", str, None, required=False)}


def _emulator(top):
    e = top.table("emulator")
    e.only("program", "args", "modules", "module_loader", "exit", "exit_line", "ignore_output")
    exit_kind = e.get("exit", str)
    if exit_kind not in ("isa-debug-exit", "direct"):
        e.fail("exit", f"{exit_kind!r} is not isa-debug-exit or direct")
    # how boot modules reach the guest: "initrd" ({modules} in args: a comma list, Multiboot)
    # or "qemu-loader" (each put in RAM after the kernel, named on the command line)
    loader = e.get("module_loader", str, "initrd", required=False)
    if loader not in ("initrd", "qemu-loader"):
        e.fail("module_loader", f"{loader!r} is not initrd or qemu-loader")
    line = e.get("exit_line", str, None, required=False)
    if line is not None:
        try:
            re.compile(line)
        except re.error as err:
            e.fail("exit_line", f"not a regular expression: {err}")
    return {"program": e.get("program", str), "args": e.strings("args"), "exit": exit_kind,
            "modules": e.strings("modules", required=False), "module_loader": loader,
            "exit_line": line,
            "ignore_output": e.strings("ignore_output", required=False)}


def _bench(top):
    if "bench" not in top.data:
        return None
    t = top.table("bench")
    keys = ("counted_args", "counted_clock", "counted_meaning", "free_clock", "free_meaning")
    t.only(*keys, "counted_per_tick", "counted_total", "counted_iterations", "counted_modules")
    out = {k: (t.strings(k) if k == "counted_args" else t.get(k, str)) for k in keys}
    # counted_per_tick: "one" (the counter advances once per instruction), "measured" (a
    # fixed ratio the guest measures against a loop of known length), or "emulator-total"
    # (no counter the guest can read: the host boots each benchmark for two iteration
    # counts, counted_iterations, and divides the difference of the emulator's own
    # instruction totals, read from its output by the regex counted_total; the counted
    # boots add counted_modules to the boot module list)
    out["counted_per_tick"] = t.get("counted_per_tick", str, "one", required=False)
    if out["counted_per_tick"] not in ("one", "measured", "emulator-total"):
        t.fail("counted_per_tick", f"{out['counted_per_tick']!r} is not one, measured or emulator-total")
    total = out["counted_per_tick"] == "emulator-total"
    out["counted_total"] = t.get("counted_total", str, None, required=total)
    if out["counted_total"] is not None:
        try:
            if re.compile(out["counted_total"]).groups != 1:
                t.fail("counted_total", "must capture the total in one group")
        except re.error as e:
            t.fail("counted_total", f"not a regex: {e}")
    its = t.get("counted_iterations", list, None, required=total)
    if its is not None and (len(its) != 2 or not all(isinstance(n, int) and n > 0 for n in its)
                            or its[0] >= its[1]):
        t.fail("counted_iterations", "must be two iteration counts, the smaller first")
    out["counted_iterations"] = its
    out["counted_modules"] = t.strings("counted_modules", required=False)
    return out


def _cpu(top):
    t = top.table("cpu")
    t.only("tlb", "utcb_pointer")
    tlb = t.get("tlb", str)
    if tlb not in ("hardware_walker", "software_refill"):
        t.fail("tlb", f"{tlb!r} is not hardware_walker or software_refill")
    return {"tlb": tlb, "utcb_pointer": t.get("utcb_pointer", str)}


def _fpu(top):
    """How a thread's FPU state moves; the config's lazy_fpu says when."""
    t = top.table("fpu")
    t.only("switch", "trap", "save", "state_bytes")
    out = {k: t.get(k, str) for k in ("switch", "trap", "save")}
    out["state_bytes"] = t.get("state_bytes", int)
    if not 0 < out["state_bytes"] <= 1 << 16 or out["state_bytes"] % 8:
        t.fail("state_bytes", f"{out['state_bytes']} is not a size of saved FPU state")
    return out


def _page_table(top, abi, cpu, core):
    """The table a software-refilled TLB walks: levels from the top, each indexing `bits`
    bits of the address from `shift`, in entries of `entry_bytes`; the last level's entries
    are PTEs in the TLB's own format. Required when [cpu] tlb is software_refill and the
    port runs the core."""
    if "page_table" not in top.data:
        if cpu["tlb"] == "software_refill" and core:
            top.fail("page_table", "missing: a software-refilled TLB needs the table it walks")
        return None
    t = top.table("page_table")
    t.only("levels", "pair", "page_mask", "pte")
    levels, expect = [], None
    for i, lv in enumerate(t.tables("levels")):
        lv.only("shift", "bits", "entry_bytes")
        shift, bits, eb = lv.get("shift", int), lv.get("bits", int), lv.get("entry_bytes", int)
        if eb not in (4, 8):
            lv.fail("entry_bytes", f"{eb}: an entry is 4 or 8 bytes")
        if not 0 < bits <= 16:
            lv.fail("bits", f"{bits} is not an index width")
        if expect is not None and shift + bits != expect:
            lv.fail("shift", f"level {i} must index the bits right below level {i - 1} (shift + bits = {expect})")
        expect = shift
        levels.append({"index": i, "shift": shift, "bits": bits, "entry_bytes": eb,
                       "entries": 1 << bits, "entry_log2": eb.bit_length() - 1})
    if not levels:
        t.fail("levels", "lists no level")
    pair = t.get("pair", bool)
    leaf = levels[-1]
    if leaf["shift"] != abi["page_bits"]:
        t.fail("levels", f"the last level must index pages ({abi['page_bits']} bits), not {leaf['shift']}")
    if leaf["entry_bytes"] != abi["word_bytes"]:
        t.fail("levels", "the last level's entries are PTEs, one word each")
    va_bits = levels[0]["shift"] + levels[0]["bits"]
    if va_bits > abi["word_bits"]:
        t.fail("levels", f"the levels cover {va_bits} address bits, more than the word has")
    pte = t.table("pte")
    pte.only("global", "valid", "write", "cache", "pfn_shift")
    bits = {k: pte.get(k, int) for k in ("global", "valid", "write", "cache", "pfn_shift")}
    for k in ("valid", "write"):
        if not bits[k]:
            pte.fail(k, "a PTE needs this bit")
    return {"levels": levels, "pair": pair, "page_mask": t.get("page_mask", int),
            "va_bits": va_bits, "pte": bits}


def _frame(top, abi):
    """The saved user state at the top of a thread's kernel stack, lowest address first:
    `save` (what the entry's save sequence stores), `trap` (the vector, an error code),
    `cpu` (the return state). Every ABI register is in it exactly once."""
    t = top.table("frame")
    t.only("save", "trap", "cpu", "ip", "sp", "flags", "syscall_vector", "place")
    regs = abi["registers"]
    slots, seen = [], {}
    for group in ("save", "trap", "cpu"):
        for i, name in enumerate(t.strings(group)):
            field = field_name(name)
            if not re.fullmatch(r"[A-Za-z_]\w*", field):
                t.fail(f"{group}[{i}]", f"{name!r} is not a register or a C identifier")
            if field in seen:
                t.fail(f"{group}[{i}]", f"{name!r} is already in the frame ({seen[field]})")
            seen[field] = f"{group}[{i}]"
            reg = name if name in regs["all"] else None
            slots.append({"name": field, "reg": reg, "group": group,
                          "offset": len(slots) * abi["word_bytes"]})
    for reg in regs["all"]:
        if field_name(reg) not in seen:
            t.fail("save", f"register {reg!r} of the ABI has no slot in the frame")
    if "vector" not in seen or seen["vector"].split("[")[0] != "trap":
        t.fail("trap", "needs a 'vector' slot")
    roles = {}
    for role in ("ip", "sp", "flags"):
        name = t.get(role, str)
        if field_name(name) not in seen:
            t.fail(role, f"{name!r} is not a slot of the frame")
        roles[role] = field_name(name)
    if roles["sp"] != field_name(regs["stack_pointer"]):
        t.fail("sp", f"the user's stack pointer is {regs['stack_pointer']!r}")
    vector = t.get("syscall_vector", int)
    if vector < 256:
        t.fail("syscall_vector", f"{vector:#x} could be a hardware vector: use 256 or more")
    # where a thread's frame lives in its kernel block: at the stack's top, where a CPU
    # pushes its part of it, or right above the TCB, one add from its address
    place = t.get("place", str, "stack_top", required=False)
    if place not in ("stack_top", "above_tcb"):
        t.fail("place", f"{place!r} is not 'stack_top' or 'above_tcb'")
    def part(group):
        return [s for s in slots if s["group"] == group]
    return {"slots": slots, "save": part("save"), "trap": part("trap"), "cpu": part("cpu"),
            "size": len(slots) * abi["word_bytes"], "syscall_vector": vector, "place": place,
            **roles}


def _fastpath(top, abi):
    """The registers the generated IPC fast path works in, checked against the ABI: none
    may carry an IPC argument the fast path still needs, and each must be one the user's
    IPC stub gives up (a clobber, an in-out operand) or one the glue saves and restores."""
    t = top.table("fastpath")
    t.only("dest", "cur", "tmp", "scratch", "saved", "kept", "cleared", "checked", "entry_slow")
    regs, ipc = abi["registers"], abi["ipc"]
    fp = {k: t.get(k, str) for k in ("dest", "cur", "tmp")}
    scratch, saved = t.strings("scratch", required=False), t.strings("saved", required=False)
    kept = t.strings("kept", required=False)
    needed = {m["reg"] for m in ipc["mr"] if m["in"]} | {ipc["to"], ipc["from_specifier"]}
    from .stubs import ipc_stub
    stub = ipc_stub(abi)
    # what the stub lets the kernel change: its clobbers and operands, and the registers
    # results come back in (an out-only MR's register, handed over by the entry sequence)
    given_up = (set(stub["clobbers"]) | {v["reg"] for v in stub["vars"]} |
                {m["reg"] for m in ipc["mr"] if m["out"]} | {ipc["from"]})
    used = []
    for key, reg in list(fp.items()) + [(f"scratch[{i}]", r) for i, r in enumerate(scratch)]:
        if reg not in regs["all"]:
            t.fail(key, f"unknown register {reg!r}")
        if reg in used:
            t.fail(key, f"register {reg!r} used twice")
        used.append(reg)
        if reg == regs["stack_pointer"]:
            if key != "cur":
                t.fail(key, f"{reg!r} is the stack pointer: only 'cur' may name it (the current "
                            "thread found through the kernel stack)")
            continue
        if reg in needed and reg not in saved:
            t.fail(key, f"{reg!r} carries an IPC argument the fast path still needs")
        if reg not in given_up and reg not in saved:
            t.fail(key, f"{reg!r} survives the IPC stub: the glue must save it (fastpath.saved)")
    for i, reg in enumerate(saved):
        if reg not in used:
            t.fail(f"saved[{i}]", f"{reg!r} is not one of the fast path's registers")
    # kept: user registers the commit stores in the frame and the way out loads back
    for i, reg in enumerate(kept):
        if reg not in regs["all"]:
            t.fail(f"kept[{i}]", f"unknown register {reg!r}")
        if reg in used or reg in kept[:i]:
            t.fail(f"kept[{i}]", f"register {reg!r} used twice")
        if reg in needed:
            t.fail(f"kept[{i}]", f"{reg!r} carries an IPC argument to the receiver")
    # cleared: callee-saved registers the IPC stub gives up (abi [entry] ipc_clobbers),
    # which the way out zeroes; each must be one, and every one must be kept or cleared,
    # or the receiver would find the sender's value in it
    cleared = t.strings("cleared", required=False)
    for i, reg in enumerate(cleared):
        if reg not in regs["all"]:
            t.fail(f"cleared[{i}]", f"unknown register {reg!r}")
        if reg in used or reg in kept or reg in cleared[:i]:
            t.fail(f"cleared[{i}]", f"register {reg!r} used twice")
        if reg not in given_up:
            t.fail(f"cleared[{i}]", f"{reg!r} survives the IPC stub: it must be kept, not cleared")
    for reg in regs["callee_saved"]:
        if reg in stub["clobbers"] and reg not in used and reg not in kept and reg not in cleared:
            t.fail("cleared", f"{reg!r} is given up by the IPC stub but neither kept nor cleared: "
                   "the receiver would find the sender's value in it")
    # checked: registers the fast path only tests and never changes (ia64: their NaT bits,
    # before it reads anything), the message registers it carries included
    checked = t.strings("checked", required=False)
    for i, reg in enumerate(checked):
        if reg not in regs["all"]:
            t.fail(f"checked[{i}]", f"unknown register {reg!r}")
    if ipc["timeouts"] in used and ipc["timeouts"] not in saved:
        t.fail("saved", f"{ipc['timeouts']!r} is read by the slow path and must be saved")
    # The fast path tests "untyped only, no flags, fits" as one unsigned compare of the
    # tag's low bits: that needs untyped at bit 0 with typed and the flags right above.
    tag = next(w for w in abi["words"] if w["name"] == "msgtag")["fields"]
    names = [f["name"] for f in tag]
    if names[:6] != ["untyped", "typed", "propagated", "redirected", "xcpu", "error"]:
        t.fail("(msgtag)", "the fast path needs untyped, typed and the four flags as the low tag fields")
    # entry_slow: where the first checks (before any scratch use) go; a port whose fast
    # path changes state on entry (ia64 switches register banks) sends them to the miss path.
    entry_slow = t.get("entry_slow", str, "syscall_slow", required=False)
    if entry_slow not in ("syscall_slow", "fastpath_miss"):
        t.fail("entry_slow", f"{entry_slow!r} is not syscall_slow or fastpath_miss")
    return {**fp, "scratch": scratch, "saved": saved, "kept": kept, "cleared": cleared,
            "checked": checked,
            "tag_low_bits": tag[5]["shift"] + tag[5]["width"], "untyped_bits": tag[0]["width"],
            "slow": "fastpath_miss", "entry_slow": entry_slow}


def _lean(top, abi):
    """The glue's lean entry for the calls abi/generic.toml marks lean: no frame is saved.
    The result registers of the longest lean call are loaded from a block the handler
    fills (preset with the user's own values, so a shorter call changes none of the
    others); every other caller-saved register, which the kernel's C code may leave a
    kernel value in, is cleared, except those the way out loads with user state and those
    the compiler reserves (no stub lists them as clobbered), which the glue keeps."""
    if "lean" not in top.data:
        return None
    t = top.table("lean")
    t.only("exit_loads")
    regs = abi["registers"]
    exit_loads = t.strings("exit_loads", required=False)
    for i, reg in enumerate(exit_loads):
        if reg not in regs["all"]:
            t.fail(f"exit_loads[{i}]", f"unknown register {reg!r}")
    lean = [c for c in abi["syscalls"] if c.get("lean")]
    if not lean:
        t.fail("(lean)", "abi/generic.toml marks no call lean")
    count = max(len(c["results"]) for c in lean)
    results = abi["syscall"]["results"][:count]
    # the stubs cannot give up what the compiler reserves (mips64's ra): the glue keeps those
    keep = [r for r in regs["caller_saved"] if r in regs["compiler_reserved"] and r not in results]
    scrub = [r for r in regs["caller_saved"]
             if r not in results and r not in exit_loads and r not in keep]
    return {"results": results, "scrub": scrub, "keep": keep, "exit_loads": exit_loads,
            "calls": [c["name"] for c in lean]}


def _root(top, abi):
    """Where the kernel puts the root task's pieces in its address space."""
    t = top.table("root")
    keys = ("kip", "utcb_area", "utcb_area_bits", "text", "stack_top", "stack_pages", "pool",
            "pool_max", "modules")
    t.only(*keys)
    out = {k: t.get(k, int) for k in keys}
    limit = 1 << abi["word_bits"]
    page = abi["page_sizes"][0]
    for k in ("kip", "utcb_area", "text", "stack_top", "pool", "modules"):
        if not 0 < out[k] < limit or out[k] % page:
            t.fail(k, f"{out[k]:#x} is not a page-aligned {abi['word_bits']}-bit address")
    if not abi["page_bits"] <= out["utcb_area_bits"] < abi["word_bits"]:
        t.fail("utcb_area_bits", f"{out['utcb_area_bits']} is not a UTCB area size")
    return out


def known_ports(kernel_dir=KERNEL_DIR):
    return sorted(p.parent.name for p in (Path(kernel_dir) / "glue").glob("*/port.toml"))


def port_file(arch, kernel_dir=KERNEL_DIR):
    return Path(kernel_dir) / "glue" / arch / "port.toml"


def load(arch, abi=None, kernel_dir=KERNEL_DIR):
    """The validated port of `arch` (its ABI is loaded if not given)."""
    kernel_dir = Path(kernel_dir)
    path = port_file(arch, kernel_dir)
    if not path.is_file():
        raise SpecError(path, "(file)", f"no port for {arch!r} (known: {', '.join(known_ports(kernel_dir))})")
    if abi is None:
        from . import abi as abi_mod
        abi = abi_mod.load(arch)
    top = Table(load_toml(path), path)
    top.only("port", "build", "emulator", "bench", "cpu", "fpu", "page_table", "frame",
             "fastpath", "root", "lean")
    cpu, layout = _cpu(top), _port(top, arch, kernel_dir)
    port = {"arch": arch, "file": path, **layout, "build": _build(top),
            "emulator": _emulator(top), "bench": _bench(top), "cpu": cpu, "fpu": _fpu(top),
            "page_table": _page_table(top, abi, cpu, layout["core"]), "frame": _frame(top, abi),
            "fastpath": _fastpath(top, abi), "root": _root(top, abi), "lean": _lean(top, abi)}
    port["source"] = _shown(path)
    return port
