"""Load and validate the ABI description (abi/generic.toml + abi/<arch>.toml) and derive
what the templates need: bit positions of packed words, UTCB offsets, and the register
binding of every system call. Nothing is rendered from a description that fails here."""
import hashlib
import json
from pathlib import Path

from .check import Table, load_toml

ROOT = Path(__file__).resolve().parent.parent
ABI_DIR = ROOT / "abi"
IPC_ARGS = ("to", "from_specifier", "timeouts", "utcb")


def known_arches(abi_dir=ABI_DIR):
    return sorted(p.stem for p in Path(abi_dir).glob("*.toml") if p.stem != "generic")


def _power_of_two(n):
    return n > 0 and n & (n - 1) == 0


# --- generic part ---------------------------------------------------------------------

def _syscalls(top):
    calls, numbers, names = [], {}, set()
    for t in top.tables("syscall"):
        t.only("name", "number", "args", "results", "lean")
        name, number = t.get("name", str), t.get("number", int)
        if not name.isidentifier():
            t.fail("name", f"{name!r} is not a C identifier")
        if name in names:
            t.fail("name", f"syscall {name!r} declared twice")
        if number in numbers:
            t.fail("number", f"{number} already used by syscall {numbers[number]!r}")
        if number < 0:
            t.fail("number", "must not be negative")
        names.add(name)
        numbers[number] = name
        args, results = t.strings("args"), t.strings("results")
        for key, items in (("args", args), ("results", results)):
            if len(set(items)) != len(items):
                t.fail(key, "names an item twice")
        # lean: the glue may serve the call without saving the caller's frame (its
        # handler only reads kernel state), so it takes no arguments and returns something.
        lean = t.get("lean", bool, False, required=False)
        if lean and (name == "ipc" or args or not results):
            t.fail("lean", "a lean call takes no arguments and has results (and is not ipc)")
        calls.append({"name": name, "number": number, "args": args, "results": results,
                      "lean": lean})
    if "ipc" not in names:
        top.fail("syscall", "no syscall named 'ipc'")
    return calls


def _words(top, word_bits):
    words = []
    section = top.table("word")
    for wname, raw in section.data.items():
        t = section.table(wname)
        t.only("doc", "bits", "fields")
        bits = t.get("bits", int, word_bits, required=False)
        if not 0 < bits <= word_bits:
            t.fail("bits", f"{bits} does not fit a {word_bits}-bit word")
        shift, fields, seen = 0, [], set()
        entries = t.tables("fields")
        for i, f in enumerate(entries):
            f.only("name", "width", "width32", "width64")
            fname = f.get("name", str)
            if fname in seen:
                f.fail("name", f"field {fname!r} declared twice in word {wname!r}")
            seen.add(fname)
            if "width" in f.data and f.data["width"] == "rest":
                if i != len(entries) - 1:
                    f.fail("width", "'rest' is only allowed for the last field")
                width = bits - shift
            elif "width" in f.data:
                width = f.get("width", int)
            else:
                width = f.get(f"width{word_bits}", int)
            if width <= 0:
                f.fail("width", f"{width} bits: a field needs at least one bit")
            if shift + width > bits:
                f.fail("width", f"field {fname!r} ends at bit {shift + width}, "
                                f"beyond the {bits}-bit word {wname!r}")
            fields.append({"name": fname, "shift": shift, "width": width,
                           "mask": (1 << width) - 1})
            shift += width
        words.append({"name": wname, "doc": t.get("doc", str, "", required=False),
                      "bits": bits, "fields": fields})
    return words


def _layout(top, name, word_bytes, required=()):
    """A structure of word fields: offsets in words and bytes, size a power of two."""
    t = top.table(name)
    t.only("words", "fields")
    total = t.get("words", int)
    if not _power_of_two(total):
        t.fail("words", f"{total} is not a power of two (UTCBs are size-aligned)")
    offset, fields, seen = 0, [], set()
    for f in t.tables("fields"):
        f.only("name", "count")
        fname, count = f.get("name", str), f.get("count", int, 1, required=False)
        if fname in seen:
            f.fail("name", f"field {fname!r} declared twice")
        if count <= 0:
            f.fail("count", "must be at least 1")
        seen.add(fname)
        fields.append({"name": fname, "word": offset, "count": count,
                       "offset": offset * word_bytes})
        offset += count
    if offset > total:
        t.fail("fields", f"fields take {offset} words, more than {name}.words = {total}")
    for need in required:
        if need not in seen:
            t.fail("fields", f"no field named {need!r}")
    return {"words": total, "bytes": total * word_bytes, "fields": fields,
            "by_name": {f["name"]: f for f in fields}}


def _int_table(top, name, lo=None, hi=None):
    t = top.table(name)
    out = {}
    for key in t.data:
        value = t.get(key, int)
        if lo is not None and not lo <= value <= hi:
            t.fail(key, f"{value} is outside {lo}..{hi}")
        out[key] = value
    return out


# --- per-arch part --------------------------------------------------------------------

def _registers(arch):
    r = arch.table("registers")
    r.only("all", "callee_saved", "caller_saved", "kernel_reserved", "compiler_reserved",
           "stack_pointer", "asm_prefix")
    regs = {}
    for key in ("all", "callee_saved", "caller_saved", "kernel_reserved", "compiler_reserved"):
        items = r.strings(key)
        for i, reg in enumerate(items):
            if reg in items[:i]:
                r.fail(f"{key}[{i}]", f"duplicate register {reg!r}")
            if key != "all" and reg not in regs["all"]:
                r.fail(f"{key}[{i}]", f"unknown register {reg!r} (not in registers.all)")
        regs[key] = items
    both = set(regs["callee_saved"]) & set(regs["caller_saved"])
    if both:
        r.fail("caller_saved", f"{sorted(both)[0]!r} is also callee-saved")
    regs["asm_prefix"] = r.get("asm_prefix", str, "", required=False)
    regs["stack_pointer"] = r.get("stack_pointer", str)
    if regs["stack_pointer"] not in regs["all"]:
        r.fail("stack_pointer", f"unknown register {regs['stack_pointer']!r}")
    return regs


class _Binder:
    """Tracks which register carries what in one direction of one call, so that a
    register used twice is reported with both of its uses."""

    def __init__(self, table, regs, direction):
        self.t, self.regs, self.direction, self.used = table, regs, direction, {}

    def bind(self, key, reg, what, via=None):
        if reg not in self.regs["all"]:
            self.t.fail(key, f"unknown register {reg!r} (not in registers.all)")
        carrier = via or reg
        if reg in self.regs["compiler_reserved"] and via is None:
            self.t.fail(key, f"{reg!r} is reserved for the compiler; name a 'via' register")
        if self.direction == "out" and carrier in self.regs["kernel_reserved"] and via is None:
            self.t.fail(key, f"{reg!r} is clobbered by the kernel entry and cannot carry a result")
        if carrier in self.used:
            self.t.fail(key, f"register {carrier!r} used twice: already carries "
                             f"{self.used[carrier]} on the way {self.direction}")
        self.used[carrier] = what


def _ipc(arch, regs, number_reg, utcb):
    t = arch.table("ipc")
    t.only(*IPC_ARGS, "from", "mr")
    ins, outs = _Binder(t, regs, "in"), _Binder(t, regs, "out")
    ipc = {}
    for name in IPC_ARGS:
        ipc[name] = t.get(name, str)
        ins.bind(name, ipc[name], name)
    ipc["from"] = t.get("from", str)
    outs.bind("from", ipc["from"], "from")
    # The number travels only if the entry does not already spend its register on IPC.
    ipc["passes_number"] = number_reg not in ins.used
    if ipc["passes_number"]:
        ins.bind("(entry.number)", number_reg, "the syscall number")
    mrs = []
    entries = t.tables("mr")
    mr_capacity = utcb["by_name"]["mr"]["count"]
    if len(entries) > mr_capacity:
        t.fail("mr", f"{len(entries)} register MRs, but the UTCB holds only {mr_capacity} MRs")
    if not entries:
        t.fail("mr", "at least MR0 (the message tag) must travel in a register")
    for i, m in enumerate(entries):
        m.only("reg", "dir", "via")
        reg, direction = m.get("reg", str), m.get("dir", str, "inout", required=False)
        via = m.get("via", str, None, required=False)
        if direction not in ("in", "out", "inout"):
            m.fail("dir", f"{direction!r} is not one of in, out, inout")
        if via is not None and direction != "out":
            m.fail("via", "only an out-only MR can be handed over through another register")
        if via is not None and via not in regs["all"]:
            m.fail("via", f"unknown register {via!r}")
        if i == 0 and direction != "inout":
            t.fail("mr[0]", "MR0 carries the message tag both ways: dir must be inout")
        if direction in ("in", "inout"):
            ins.bind(f"mr[{i}].reg", reg, f"MR{i}")
        if direction in ("out", "inout"):
            outs.bind(f"mr[{i}].reg", reg, f"MR{i}", via)
        mrs.append({"index": i, "reg": reg, "dir": direction, "via": via,
                    "in": direction != "out", "out": direction != "in"})
    ipc["mr"] = mrs
    ipc["mr_count"] = len(mrs)
    ipc["mr_in_count"] = sum(1 for m in mrs if m["in"])
    return ipc


def _syscall_regs(arch, regs, number_reg, calls):
    t = arch.table("syscall")
    t.only("args", "results")
    args, results = t.strings("args"), t.strings("results")
    for key, items in (("args", args), ("results", results)):
        b = _Binder(t, regs, "in" if key == "args" else "out")
        if not items:
            t.fail(key, "needs at least one register")
        for i, reg in enumerate(items):
            b.bind(f"{key}[{i}]", reg, f"{key}[{i}]")
    if number_reg in args:
        t.fail("args", f"{number_reg!r} also carries the syscall number (entry.number)")
    bound = []
    for call in calls:
        if call["name"] == "ipc":
            continue
        nargs, nres = len(call["args"]), len(call["results"])
        if call["lean"] and nres > len(results):
            t.fail("results", f"lean call {call['name']!r} returns {nres} results: "
                              f"only {len(results)} registers")
        spill = nargs > len(args) or nres > len(results)
        in_regs = len(args) - 1 if spill else len(args)
        binding = {"name": call["name"], "number": call["number"],
                   "args": [], "results": [], "block": None}
        for i, a in enumerate(call["args"]):
            where = {"reg": args[i]} if i < in_regs else {"slot": i - in_regs}
            binding["args"].append({"name": a, **where})
        for i, r in enumerate(call["results"]):
            where = {"reg": results[i]} if i < len(results) else {"slot": i - len(results)}
            binding["results"].append({"name": r, **where})
        if spill:
            nslots = max([a["slot"] + 1 for a in binding["args"] if "slot" in a] +
                         [r["slot"] + 1 for r in binding["results"] if "slot" in r])
            binding["block"] = {"reg": args[in_regs], "slots": nslots}
        bound.append(binding)
    return {"args": args, "results": results, "calls": bound}


def _entry(arch, regs, page_bytes):
    t = arch.table("entry")
    t.only("instruction", "number", "vector", "gate", "ipc", "ipc_clobbers", "other")
    number = t.get("number", str)
    if number not in regs["all"]:
        t.fail("number", f"unknown register {number!r}")
    instruction = t.get("instruction", str)
    # A trap entry names its vector once (a break's immediate on ia64); the sequences say
    # {vector} where it goes.
    vector = t.get("vector", int, None, required=False)
    vector_max = 0x1FFFFF if instruction == "break" else 255
    if vector is not None and not 0 <= vector <= vector_max:
        t.fail("vector", f"{vector} is not a {instruction} vector (0..{vector_max:#x})")
    # IPC may call a gate page instead (ia64: epc); the KIP publishes its address.
    gate = t.get("gate", int, None, required=False)
    if gate is not None and (gate <= 0 or gate % page_bytes):
        t.fail("gate", f"{gate:#x} is not the address of a {page_bytes}-byte page")
    seqs = {}
    for key in ("ipc", "other"):
        seqs[key] = t.strings(key)
        if not seqs[key]:
            t.fail(key, "needs at least one instruction")
        for i, line in enumerate(seqs[key]):
            for name, value in (("vector", vector), ("gate", gate)):
                if "{%s}" % name in line and value is None:
                    t.fail(f"{key}[{i}]", "says {%s} but entry.%s is not given" % (name, name))
        seqs[key] = [line.replace("{vector}", f"{vector:#x}" if vector is not None else "{vector}")
                         .replace("{gate}", f"{gate:#x}" if gate is not None else "{gate}")
                     for line in seqs[key]]
    # What IPC changes beyond the caller-saved registers: what the sequence itself writes
    # (a call's link, ar.pfs), registers outside [registers], and callee-saved ones that
    # IPC gives up (the fast path clears them instead of keeping them)
    clobbers = t.strings("ipc_clobbers", required=False)
    given_up = set(regs["callee_saved"]) - set(regs["compiler_reserved"]) - {regs["stack_pointer"]}
    for i, c in enumerate(clobbers):
        if not c or c == "memory" or c in clobbers[:i] or (c in regs["all"] and c not in given_up):
            t.fail(f"ipc_clobbers[{i}]", f"{c!r} is not an extra clobber (caller-saved and "
                   "compiler-reserved registers are clobbered or bound already)")
    return {"instruction": instruction, "number": number, "vector": vector, "gate": gate,
            "ipc_clobbers": clobbers, **seqs}


def _plain(arch, name, *keys):
    t = arch.table(name)
    t.only(*keys)
    out = {}
    for k in keys:
        value = t.data.get(k)
        if value is None:
            t.fail(k, "missing")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            t.fail(k, f"must be a string or an integer, not {type(value).__name__}")
        out[k] = value
    return out


def _arch_head(arch, expected_name):
    a = arch.table("arch")
    a.only("name", "word_bits", "endian", "elf_machine", "page_sizes", "stack_align", "code_align",
           "access_status", "interrupts", "io_ports", "function_descriptors")
    name = a.get("name", str)
    if name != expected_name:
        a.fail("name", f"{name!r} does not match the file name ({expected_name!r})")
    word_bits = a.get("word_bits", int)
    if word_bits not in (32, 64):
        a.fail("word_bits", f"{word_bits}: only 32 and 64 are supported")
    endian = a.get("endian", str)
    if endian not in ("little", "big"):
        a.fail("endian", f"{endian!r} is not little or big")
    elf_machine = a.get("elf_machine", int)
    if not 0 < elf_machine < 1 << 16:
        a.fail("elf_machine", f"{elf_machine} is not an ELF e_machine value")
    pages = a.get("page_sizes", list)
    for i, p in enumerate(pages):
        if not isinstance(p, int) or not _power_of_two(p) or p < 4096:
            a.fail(f"page_sizes[{i}]", f"{p!r} is not a power of two of at least 4096")
    if not pages or pages != sorted(pages):
        a.fail("page_sizes", "must list at least one size, smallest (the base page) first")
    align = a.get("stack_align", int)
    if not _power_of_two(align):
        a.fail("stack_align", f"{align} is not a power of two")
    code_align = a.get("code_align", int)
    if not _power_of_two(code_align):
        a.fail("code_align", f"{code_align} is not a power of two")
    # What unmap reports as a page's access status: "hardware" where the MMU records
    # referenced and written bits in the page tables (x86), "rights" where it does not
    # (a software-refilled TLB keeps no such record): then every right the mapping had
    # counts as used, which is never less than the truth.
    status = a.get("access_status", str)
    if status not in ("hardware", "rights"):
        a.fail("access_status", f"{status!r} is not 'hardware' or 'rights'")
    # Interrupt threads take the thread numbers below the first user thread; I/O fpages
    # name ports by a 16-bit-or-wider field and a power-of-two size.
    interrupts = a.get("interrupts", int)
    if not 0 <= interrupts <= 64:
        a.fail("interrupts", f"{interrupts} is not a line count from 0 to 64")
    io_ports = a.get("io_ports", int)
    if io_ports and (not _power_of_two(io_ports) or io_ports > 1 << 16):
        a.fail("io_ports", f"{io_ports} is not 0 or a power of two up to 65536")
    # Where a C function pointer is the address of a descriptor (entry, gp: ia64) and not
    # of the code a thread can start at.
    descriptors = a.get("function_descriptors", bool, False, required=False)
    return {"name": name, "word_bits": word_bits, "word_bytes": word_bits // 8,
            "function_descriptors": descriptors,
            "endian": endian, "elf_machine": elf_machine, "page_sizes": pages, "page_bits": pages[0].bit_length() - 1,
            "stack_align": align, "code_align": code_align, "access_status": status,
            "interrupts": interrupts, "io_ports": io_ports}


def _field_width(words, word, field):
    return next(f["width"] for w in words if w["name"] == word for f in w["fields"] if f["name"] == field)


def _hash(generic_data, arch_data):
    canonical = json.dumps([generic_data, arch_data], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def load(arch_name, abi_dir=ABI_DIR):
    """The validated, derived ABI of one architecture, as a dict for the templates."""
    abi_dir = Path(abi_dir)
    generic_file, arch_file = abi_dir / "generic.toml", abi_dir / f"{arch_name}.toml"
    if arch_name == "generic" or not arch_file.exists():
        from .errors import SpecError
        raise SpecError(arch_file, "(file)", f"unknown arch {arch_name!r} "
                        f"(known: {', '.join(known_arches(abi_dir)) or 'none'})")
    gdata, adata = load_toml(generic_file), load_toml(arch_file)
    g, a = Table(gdata, generic_file), Table(adata, arch_file)
    g.only("api", "syscall", "debug_ops", "exreg_control", "word", "fpage_rights", "constants",
           "utcb", "kip", "ipc_errors", "syscall_errors")
    a.only("arch", "registers", "entry", "ipc", "syscall", "utcb_pointer")

    head = _arch_head(a, arch_name)
    api = g.table("api")
    api.only("name", "version", "subversion", "kernel_id")
    calls = _syscalls(g)
    words = _words(g, head["word_bits"])
    utcb = _layout(g, "utcb", head["word_bytes"], ("mr", "br", "error_code", "self"))
    kip = _layout(g, "kip", head["word_bytes"], ("magic", "api_version"))
    constants = _int_table(g, "constants")
    for key in ("timeout_never", "timeout_zero"):
        if not 0 <= constants.get(key, 0) <= 0xFFFF:
            g.table("constants").fail(key, "a timeout is a 16-bit value")
    # A string item's length field is narrower on 32-bit words (22 bits): the largest
    # string is what the field can say, if that is below the generic limit.
    length = next(f for w in words if w["name"] == "string_item" for f in w["fields"] if f["name"] == "length")
    if "string_max_bytes" in constants:
        constants["string_max_bytes"] = min(constants["string_max_bytes"], (1 << length["width"]) - 1)
    if head["interrupts"] > constants.get("first_user_thread", 0):
        a.table("arch").fail("interrupts", f"{head['interrupts']} interrupt threads do not fit below "
                             f"first_user_thread ({constants.get('first_user_thread', 0)})")
    marker = constants.get("io_fpage_marker", 0)
    if not constants.get("fpage_max_size_bits", 0) < marker < 1 << _field_width(words, "io_fpage", "marker"):
        g.table("constants").fail("io_fpage_marker", f"{marker} must exceed fpage_max_size_bits and fit "
                                  "io_fpage.marker")
    regs = _registers(a)
    entry = _entry(a, regs, min(head["page_sizes"]))
    abi = {
        **head,
        "api": {"name": api.get("name", str), "version": api.get("version", int),
                "subversion": api.get("subversion", int), "kernel_id": api.get("kernel_id", int),
                # the KIP's API flags (L4 X.2): bit 0 big endian, bits 2-3 the word size
                "flags": (1 if head["endian"] == "big" else 0) | (1 << 2 if head["word_bits"] == 64 else 0)},
        "syscalls": calls,
        "debug_ops": _int_table(g, "debug_ops", 0, 255),
        "exreg_control": _int_table(g, "exreg_control", 0, 0xffff),
        "fpage_rights": _int_table(g, "fpage_rights", 1, 8),
        "words": words,
        "constants": constants,
        "utcb": utcb,
        "kip": kip,
        # every IPC error code must fit the error word's code field
        "ipc_errors": _int_table(g, "ipc_errors", 0, (1 << _field_width(words, "error_code", "code")) - 1),
        "syscall_errors": _int_table(g, "syscall_errors", 0, 255),
        "registers": regs,
        "entry": entry,
        "ipc": _ipc(a, regs, entry["number"], utcb),
        "syscall": _syscall_regs(a, regs, entry["number"], calls),
        "utcb_pointer": _plain(a, "utcb_pointer", "read", "user"),
        "hash": _hash(gdata, adata),
        "sources": [f"abi/{generic_file.name}", f"abi/{arch_file.name}"],
    }
    return abi
