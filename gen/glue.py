"""The glue contract: the fragments a port's glue must or may define, and the check of
what they produce.

A port's glue is the fragments.j2 of each folder its port.toml lists under [port] glue,
shared folders first (kernel/glue/x86/ for ia32 and x86_64): a fragment of the port's own
folder replaces a shared one of the same name. Fragments are Jinja macros that print a
few instructions; the generic templates (templates/kernel/fastpath.inc.j2, switch.inc.j2,
frame.h.j2) call them in a fixed order, so the logic lives once and a port supplies
only its instructions. Helpers a glue keeps to itself start with `_`; any other macro must
be a fragment of the table below, so a fragment nobody calls cannot linger.

Every fragment sees `abi` (gen/abi.py), `port` (gen/port.py), `fp` (the fast path's
registers: port["fastpath"]) and `glue_error(key, reason)`, which stops the generator with
`<fragments file>: key: reason`.

After rendering, check_fastpath_registers() reads the fast path back: it may name only
the registers port.toml declares for it ([fastpath] dest, cur, tmp, scratch, saved, kept, cleared),
the IPC arguments it inspects, the sender id it returns, the registers the entry
instruction takes for itself and the stack pointer. The message registers MR1.. are
never named: they travel to the receiver untouched."""
import re
from pathlib import Path

import jinja2

from .errors import SpecError, _shown

# name: (when it is required, its parameters, what it prints)
ALWAYS, PASSES_NUMBER, NO_NUMBER, CORE, OPTIONAL, REFILL = (
    "always", "passes_number", "no_number", "core", "optional", "software_refill")
FRAGMENTS = {
    # ---- the IPC fast path (templates/kernel/fastpath.inc.j2), in the order it calls them
    "begin": (ALWAYS, "()", "open the fast path: the global label fastpath_ipc"),
    "branch_if_ne_global": (PASSES_NUMBER, "(reg, sym, target)",
                            "jump to target unless reg equals the word at sym (the IPC number check)"),
    "branch_if_global_ne_imm": (NO_NUMBER, "(sym, imm, target)",
                                "jump to target unless the word at sym equals imm (an entry for IPC only)"),
    "branch_if_low_above": (ALWAYS, "(reg, bits, max, target)",
                            "jump to target if reg's low `bits` bits, unsigned, exceed max"),
    "branch_if_low16_nonzero": (ALWAYS, "(reg, target)", "jump to target if reg's low 16 bits are not 0"),
    "enter_scratch": (ALWAYS, "(utcb)", "free the scratch registers (fp.saved, the return state); "
                      "utcb: in the UTCB variant (a global label it defines needs another name there)"),
    "lookup_thread": (ALWAYS, "(id, dest, target)",
                      "dest = thread_table[number(id) masked]; jump to target unless its TCB_ID is id"),
    "branch_if_field_ne_imm": (ALWAYS, "(base, off, imm, target)",
                               "jump to target unless the 32-bit field at base+off equals imm"),
    "check_waits_for": (ALWAYS, "(dest, cur, tmp, target)",
                        "jump to target unless dest receives from us (cur) or from anyone"),
    "check_we_block": (ALWAYS, "(to, from, cur, target)",
                       "jump to target unless our receive phase blocks (closed from `to`, or open, none queued)"),
    "check_priority": (ALWAYS, "(dest, tmp, target)",
                       "jump to target unless dest's priority is above sched_top_prio"),
    "branch_if_global_nonzero": (ALWAYS, "(sym, target)", "jump to target if the word at sym is not 0"),
    "check_space": (OPTIONAL, "(dest, cur, tmp, target)",
                    "jump to target unless dest's address space can be switched to here "
                    "(a port that recycles address-space ids checks dest's is live)"),
    "block_current": (ALWAYS, "(cur, from, tmp)",
                      "commit: save our return state, block us in T_RECEIVING_FAST from `from`, "
                      "resumable through fastpath_resume"),
    "copy_mrs": (OPTIONAL, "(dest, cur, tmp, tag, first)",
                 "copy MR first..u (u from the tag) UTCB to UTCB: opts in to the UTCB fast path"),
    "run_destination": (ALWAYS, "(dest, cur, from)",
                        "dest runs (T_RUNNING, current); `from` gets our id"),
    "switch_to": (ALWAYS, "(dest, cur, tmp)", "kernel stack, address space and UTCB pointer of dest"),
    "switch_fpu": (ALWAYS, "(dest, cur, tmp)", "lazy FPU: the trap is armed unless dest owns the FPU"),
    "return_to_user": (ALWAYS, "(dest, utcb)", "leave to dest's user context, no kernel value left behind "
                       "(utcb: the words beyond the register MRs came through the UTCB)"),
    "end": (ALWAYS, "()", "the label fastpath_miss: undo enter_scratch, fall into the slow path"),
    # ---- the context switch (templates/kernel/switch.inc.j2)
    "switch_begin": (ALWAYS, "()", "open hal_switch(from, to)"),
    "switch_save": (ALWAYS, "(reg, index)", "save one callee-saved register, slot index"),
    "switch_stacks": (ALWAYS, "()", "store our stack pointer in *from, load to's"),
    "switch_restore": (ALWAYS, "(reg, index)", "restore one callee-saved register, slot index"),
    "switch_end": (ALWAYS, "()", "return on the other thread's stack"),
    # ---- the saved user frame (templates/kernel/frame.h.j2), for the entry code
    "frame_save": (CORE, "(slots)",
                   "FRAME_SAVE: store the frame's `save` slots (port.toml [frame]) as laid out"),
    "frame_restore": (CORE, "(slots)", "FRAME_RESTORE: load them back"),
    # ---- the TLB refill (templates/kernel/tlb_refill.inc.j2), for a port with a [page_table]
    "refill_begin": (REFILL, "(pt)",
                     "the faulting address, to tlb_refill_slow unless below 2^pt.va_bits; "
                     "the running space's top-level table"),
    "refill_next": (REFILL, "(pt, level)", "index a non-leaf level; its entry, or tlb_refill_slow if 0"),
    "refill_leaf": (REFILL, "(pt, level)", "index the last level: the PTE (pair)"),
    "refill_insert": (REFILL, "(pt)", "write the TLB entry, return from the exception"),
}


def _required(name, abi, port):
    when = FRAGMENTS[name][0]
    return (when == ALWAYS or (when == PASSES_NUMBER and abi["ipc"]["passes_number"]) or
            (when == NO_NUMBER and not abi["ipc"]["passes_number"]) or
            (when == CORE and port["core"]) or
            (when == REFILL and port["page_table"] is not None))


class Glue:
    """The fragments of one port: attribute access as a Jinja module gives it."""

    def __init__(self, fragments, files):
        self._fragments, self.files = fragments, files
        self.shown = [_shown(f) for f in files]

    def __getattr__(self, name):
        try:
            return self._fragments[name]
        except KeyError:
            raise AttributeError(name) from None

    def __contains__(self, name):
        return name in self._fragments


def load(env, abi, port, kernel_dir):
    """Render the port's fragment files as modules and merge them (its own folder last).
    Raises SpecError for a missing required fragment or an unknown public macro."""
    fragments, files = {}, []
    own = None
    for folder in port["glue"]:
        path = Path(kernel_dir) / "glue" / folder / "fragments.j2"
        if not path.is_file():
            if folder == port["arch"]:
                raise SpecError(path, "(file)", "the port's glue has no fragments")
            continue
        own = path
        files.append(path)

        def glue_error(key, reason, _path=path):
            raise SpecError(_path, key, reason)

        module = env.get_template(f"glue/{folder}/fragments.j2").make_module(
            {"abi": abi, "port": port, "fp": port["fastpath"], "glue_error": glue_error})
        for name in dir(module):
            if name.startswith("_"):
                continue
            macro = getattr(module, name)
            if not isinstance(macro, jinja2.runtime.Macro):
                continue
            if name not in FRAGMENTS:
                raise SpecError(path, name, "not a fragment of the glue contract (gen/glue.py); "
                                            "a helper's name starts with '_'")
            fragments[name] = macro
    for name in FRAGMENTS:
        if name not in fragments and _required(name, abi, port):
            raise SpecError(own, name, f"required fragment missing: {name}{FRAGMENTS[name][1]} "
                                       f"should {FRAGMENTS[name][2]}")
    return Glue(fragments, files)


# --- what the fast path may name ----------------------------------------------------

def _x86_aliases(regs):
    """Every name a register goes by in AT&T syntax: rax eax ax al ah, r8 r8d r8w r8b."""
    out = {}
    for r in regs:
        out[r] = r
        if re.fullmatch(r"r\d+", r):
            for s in "dwb":
                out[r + s] = r
            continue
        core = r[1:]                                     # ax, si, bp ...
        out[core] = r
        if r[0] == "r":
            out["e" + core] = r
        if core[1] == "x":                               # ax -> al, ah
            out[core[0] + "l"] = r
            out[core[0] + "h"] = r
        else:                                            # si -> sil
            out[core + "l"] = r
    return out


def _mentioned(text, abi):
    """The ABI registers a piece of assembly names (comments and directives skipped)."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    lines = [re.sub(r"//.*", "", l) for l in text.splitlines() if not l.lstrip().startswith("#")]
    regs = abi["registers"]["all"]
    found = set()
    if abi["registers"]["asm_prefix"] == "%":
        aliases = _x86_aliases(regs)
        for line in lines:
            found |= {aliases[m] for m in re.findall(r"%([a-z]\w*)", line) if m in aliases}
    elif all(r.startswith("$") for r in regs):
        for line in lines:
            # mtc0/mfc0 and their 64-bit forms name a coprocessor register second
            if re.search(r"\b(d?m[tf]c0)\b", line):
                line = line.split(",")[0]
            found |= {f"${n}" for n in re.findall(r"\$(\d+)\b", line) if f"${n}" in regs}
    else:
        for line in lines:
            found |= {f"r{n}" for n in re.findall(r"(?<![\w.])r(\d+)\b", line) if f"r{n}" in regs}
    return found


def _only_tested(line, reg):
    """Does this line of assembly only test reg (ia64's tnat), never write it?"""
    return bool(re.match(rf"\s*(\(p\d+\)\s*)?tnat\.\w+(\.\w+)?\s+p\d+\s*,\s*p\d+\s*=\s*{reg}\b", line))


def check_fastpath_registers(text, abi, port, glue):
    fp, ipc, regs = port["fastpath"], abi["ipc"], abi["registers"]
    allowed = {fp["dest"], fp["cur"], fp["tmp"], *fp["scratch"], *fp["saved"], *fp["kept"],
               *fp["cleared"],
               ipc["to"], ipc["from_specifier"], ipc["timeouts"], ipc["from"], ipc["mr"][0]["reg"],
               *regs["kernel_reserved"], regs["stack_pointer"]}
    if ipc["passes_number"]:
        allowed.add(abi["entry"]["number"])
    carried = {m["reg"] for m in ipc["mr"][1:] if m["in"]}
    checked = set(fp.get("checked", ()))
    for reg in sorted(_mentioned(text, abi)):
        if reg in checked and all(_only_tested(line, reg) for line in text.splitlines()
                                  if re.search(rf"(?<![\w.]){reg}\b", line)):
            continue
        if reg in carried and reg not in allowed:
            raise SpecError(glue.files[-1], "(fast path)",
                            f"names {reg!r}, which carries a message register to the receiver")
        if reg not in allowed:
            raise SpecError(glue.files[-1], "(fast path)",
                            f"names {reg!r}, which port.toml [fastpath] does not declare "
                            "(scratch, saved, kept or cleared)")
