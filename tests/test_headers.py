"""Exported headers (./tern headers): each compiles on its own for its arch in C11 and
C++17 with -Wall -Wextra -Werror -pedantic, the pkg-config file points at them, and each
system call stub loads the registers the ABI file names (checked in the disassembly), and
the IPC stub with constant counts touches only the MRs it is asked to move."""
import re
import tempfile
from pathlib import Path

from ternhost.test.harness import Skip
from ternhost.test.toolchains import compiler, objdump
from gen import abi as gen_abi
from gen.stubs import plan_all

HEADERS = ["tern/abi.h", "tern/syscalls.h"]
STRICT = ["-Wall", "-Wextra", "-Werror", "-pedantic", "-ffreestanding", "-O2", "-c"]
ENTRY_MNEMONICS = ("syscall", "sysenter", "int ", "int\t", "break", "br.call")  # br.call: a gate (ia64 IPC)


def _export(ctx, arch, tmp):
    out = Path(tmp) / arch
    ctx.sh(["/usr/bin/python3", "-m", "gen", "headers", "--arch", arch, "--out", str(out)])
    return out


def _compile_alone(ctx, arch, header, lang):
    cc, flags = compiler(arch, lang)
    std = "-std=c11" if lang == "c" else "-std=c++17"
    with tempfile.TemporaryDirectory() as tmp:
        out = _export(ctx, arch, tmp)
        src = Path(tmp) / ("tu.c" if lang == "c" else "tu.cc")
        src.write_text(f"#include <{header}>\n")
        ctx.sh([cc, *flags, std, *STRICT, f"-I{out}/include", str(src), "-o", f"{tmp}/tu.o"])


def _pkgconfig(ctx, arch):
    with tempfile.TemporaryDirectory() as tmp:
        out = _export(ctx, arch, tmp)
        pc = (out / "lib" / "pkgconfig" / f"tern-{arch}.pc").read_text()
        prefix = re.search(r"^prefix=(.*)$", pc, re.M).group(1)
        assert Path(prefix) == out.resolve(), f"prefix {prefix} is not the export dir {out}"
        assert "Cflags: -I${includedir}" in pc and "includedir=${prefix}/include" in pc, pc
        for h in HEADERS:
            assert (Path(prefix) / "include" / h).exists(), f"{h} missing from the export"


# --- register binding --------------------------------------------------------------

def _aliases(abi, reg):
    """Names a disassembler may print for `reg` (x86 writes constants to the 32-bit half)."""
    names = {reg}
    if abi["registers"]["asm_prefix"] == "%" and abi["word_bits"] == 64:
        if re.fullmatch(r"r[a-d]x|r[sd]i|r[sb]p", reg):
            names.add("e" + reg[1:])
        elif re.fullmatch(r"r\d+", reg):
            names.add(reg + "d")
    return names


def _expectations(abi):
    """{function: {register: constant}} for a probe that calls every stub with constants."""
    plans = plan_all(abi)
    probes, expect = [], {}
    k = 0x5000
    # IPC
    args = {"to": k + 1, "from_specifier": k + 2, "timeouts": k + 3}
    mrs = [k + 0x100 + i for i in range(abi["ipc"]["mr_count"])]
    probes.append(
        "tern_word_t probe_ipc(void) {\n"
        f"    tern_word_t mr[TERN_IPC_REG_MRS] = {{ {', '.join(map(hex, mrs))} }};\n"
        f"    return tern_sys_ipc({args['to']:#x}, {args['from_specifier']:#x}, {args['timeouts']:#x},"
        f" (tern_utcb_t *){k + 4:#x}, mr);\n}}\n")
    e = {abi["ipc"][a]: v for a, v in args.items()}
    e[abi["ipc"]["utcb"]] = k + 4
    for m in abi["ipc"]["mr"]:
        if m["in"]:
            e[m["reg"]] = mrs[m["index"]]
    if abi["ipc"]["passes_number"]:
        e[abi["entry"]["number"]] = 1
    expect["probe_ipc"] = e
    # Every other call
    for c in plans["calls"]:
        consts = {a["name"]: k + 0x200 + 0x10 * c["number"] + i for i, a in enumerate(c["args"])}
        outs = [f"&o{i}" for i in range(len(c["results"][1:]))]
        decl = "".join(f"    tern_word_t o{i};\n" for i in range(len(outs)))
        call = f"tern_sys_{c['name']}({', '.join([hex(consts[a['name']]) for a in c['args']] + outs)})"
        body = f"return {call};" if c["results"] else f"{call}; return 0;"
        probes.append(f"tern_word_t probe_{c['name']}(void) {{\n{decl}    {body}\n}}\n")
        e = {a["reg"]: consts[a["name"]] for a in c["args"] if "reg" in a}
        e[abi["entry"]["number"]] = c["number"]
        expect[f"probe_{c['name']}"] = e
    return "#include <tern/syscalls.h>\n" + "\n".join(probes), expect


def _functions(disassembly):
    funcs, current = {}, None
    for line in disassembly.splitlines():
        m = re.match(r"^[0-9a-f]+ <(\w+)>:", line)
        if m:
            current = funcs.setdefault(m.group(1), [])
        elif current is not None and line.strip():
            current.append(line)
    return funcs


def _loads(line, names, value):
    reg_hit = any(re.search(r"(?<![\w$])%?" + re.escape(n) + r"(?!\w)", line) for n in names)
    if not reg_hit:
        return False
    if value == 0:
        return bool(re.search(r"xor|\$zero|\br0\b|, 0\b|=0\b", line))
    return bool(re.search(rf"(?<![\w]){value}(?!\w)|{value:#x}\b", line))


def _binding(ctx, arch):
    abi = gen_abi.load(arch)
    cc, flags = compiler(arch, "c")
    source, expect = _expectations(abi)
    with tempfile.TemporaryDirectory() as tmp:
        out = _export(ctx, arch, tmp)
        (Path(tmp) / "probe.c").write_text(source)
        ctx.sh([cc, *flags, "-std=c11", *STRICT, "-fno-pic", f"-I{out}/include",
                f"{tmp}/probe.c", "-o", f"{tmp}/probe.o"])
        dis = ctx.sh([objdump(arch), "-d", f"{tmp}/probe.o"]).stdout
    funcs = _functions(dis)
    problems, checked = [], 0
    for fn, regs in expect.items():
        lines = funcs.get(fn)
        if lines is None:
            problems.append(f"{fn}: not in the disassembly")
            continue
        entry = next((i for i, l in enumerate(lines) if any(m in l for m in ENTRY_MNEMONICS)), None)
        if entry is None:
            problems.append(f"{fn}: no kernel entry instruction found")
            continue
        before = lines[:entry]
        for reg, value in regs.items():
            checked += 1
            if not any(_loads(l, _aliases(abi, reg), value) for l in before):
                problems.append(f"{fn}: {reg} is not loaded with {value:#x} before the kernel entry")
    assert not problems, "\n".join(problems) + "\n--- disassembly ---\n" + dis[-4000:]
    return f"{checked} register bindings in {len(expect)} stubs"


def _mr_references(ctx, arch, cc, flags, src, tmp, n):
    """{i: how often probe_words_n reaches mr[i]}: in GCC's optimized GIMPLE (a MEM at the
    UTCB offset of MR i: IA-64 has no displacement addressing to read off the code), or,
    for clang, in the disassembly (a memory operand at that offset)."""
    abi = gen_abi.load(arch)
    base = abi["utcb"]["by_name"]["mr"]["offset"]
    word = abi["word_bits"] // 8
    if "gcc" in Path(cc).name:
        ctx.sh([cc, *flags, "-std=c11", *STRICT, "-fno-pic", f"-I{tmp}/out/include",
                f"-fdump-tree-optimized={tmp}/words.gimple", str(src), "-o", f"{tmp}/words.o"])
        text = Path(f"{tmp}/words.gimple").read_text()
        body = re.search(rf"probe_words_{n} \(.*?\n}}", text, re.S).group(0)
        return {i: len(re.findall(rf"MEM\[\(tern_word_t \*\)u_\d+\(D\) \+ {base + i * word}B\]", body))
                for i in range(abi["ipc"]["mr_count"])}
    dis = ctx.sh([objdump(arch), "-d", f"{tmp}/words.o"]).stdout
    lines = _functions(dis)[f"probe_words_{n}"]
    refs = {}
    for i in range(abi["ipc"]["mr_count"]):
        off = base + i * word
        pat = rf"(?<![\w$])(?:{off}|{off:#x})\("
        refs[i] = sum(1 for l in lines if re.search(pat, l))
    return refs


def _words_probe(ctx, arch):
    """tern_sys_ipc_words with constant counts moves only the MRs it is asked to: MR1..n
    are loaded if sent and stored if received, MRs beyond n are not touched at all."""
    abi = gen_abi.load(arch)
    cc, flags = compiler(arch, "c")
    last = abi["ipc"]["mr_count"] - 1
    counts = sorted({0, min(2, last), last})
    source = "#include <tern/syscalls.h>\n" + "".join(
        f"tern_word_t probe_words_{n}(tern_utcb_t *u) {{\n"
        f"    return tern_sys_ipc_words(1, 1, 0, u, u->mr, {n}, {n});\n}}\n" for n in counts)
    problems, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        _export(ctx, arch, tmp).rename(Path(tmp) / "out")
        src = Path(tmp) / "words.c"
        src.write_text(source)
        ctx.sh([cc, *flags, "-std=c11", *STRICT, "-fno-pic", f"-I{tmp}/out/include",
                str(src), "-o", f"{tmp}/words.o"])
        for n in counts:
            refs = _mr_references(ctx, arch, cc, flags, src, tmp, n)
            for m in abi["ipc"]["mr"]:
                i = m["index"]
                want = (m["in"] + m["out"]) if i <= n else 0
                if i == 0:
                    continue
                if (refs[i] == 0) != (want == 0) or refs[i] < want:
                    problems.append(f"{n} words: mr[{i}] reached {refs[i]} times, want {want}")
            notes.append(f"{n}: {sum(v for i, v in refs.items() if i)}")
    assert not problems, "\n".join(problems)
    return "MR1.. moves for " + ", ".join(notes) + " words"


# One instruction per assembler dialect that writes the IPC "to" register, so the kernel
# constants header is shown to assemble with real register names.
ASM_PROBE = {"%": "mov $1, REG_IPC_TO", "$": "li REG_IPC_TO, 1", "r": "mov REG_IPC_TO = 1"}


def _kernel_constants_assemble(ctx, arch):
    abi = gen_abi.load(arch)
    cc, flags = compiler(arch, "c")
    dialect = abi["registers"]["asm_prefix"] or abi["ipc"]["to"][0]
    with tempfile.TemporaryDirectory() as tmp:
        ctx.sh(["/usr/bin/python3", "-m", "gen", "render", "--arch", arch, "--out", tmp])
        src = Path(tmp) / "probe.S"
        src.write_text("#include <tern/kernel/asm_abi.h>\n"
                       f"{ASM_PROBE[dialect]}\n"
                       ".if UTCB_MR != TERN_ASM_WORD_BYTES * 16\n.error \"UTCB_MR\"\n.endif\n")
        ctx.sh([cc, *flags, "-c", f"-I{tmp}/include", str(src), "-o", f"{tmp}/probe.o"])


def cases(ctx):
    for arch in ctx.arches:
        for h in HEADERS:
            for lang, name in (("c", "c11"), ("c++", "c++17")):
                yield (f"{arch}/{h.split('/')[-1]}-alone-{name}",
                       lambda a=arch, h=h, l=lang: _compile_alone(ctx, a, h, l))
        yield f"{arch}/pkg-config", lambda a=arch: _pkgconfig(ctx, a)
        yield f"{arch}/stub-register-binding", lambda a=arch: _binding(ctx, a)
        yield f"{arch}/stub-moves-only-the-words-asked", lambda a=arch: _words_probe(ctx, a)
        yield f"{arch}/kernel-constants-assemble", lambda a=arch: _kernel_constants_assemble(ctx, a)
