"""A malformed ABI description, port description, glue or config stops the generator
with one line naming the file, the key and the problem, exit status 2, and no output
written. Each case copies abi/ (or kernel/) to a scratch directory, breaks one thing,
and runs the generator's command line."""
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (name, file, (old, new) edit or None to append, extra text to append, arch, expected
#  key, expected reason fragment)
ABI_CASES = [
    ("toml-syntax", "x86_64.toml", None, "\n[[[broken\n", "x86_64", "(syntax)", "not valid TOML"),
    ("missing-key", "x86_64.toml", ('timeouts = "rdx"', ""), "", "x86_64", "ipc.timeouts", "missing"),
    ("wrong-type", "x86_64.toml", ("word_bits = 64", 'word_bits = "64"'), "", "x86_64",
     "arch.word_bits", "must be an integer"),
    ("duplicate-register", "x86_64.toml",
     ('callee_saved = ["rbx", "rbp"', 'callee_saved = ["rbx", "rbx", "rbp"'), "", "x86_64",
     "registers.callee_saved[1]", "duplicate register 'rbx'"),
    ("register-used-twice", "x86_64.toml", ('timeouts = "rdx"', 'timeouts = "rdi"'), "",
     "x86_64", "ipc.timeouts", "register 'rdi' used twice"),
    ("mr-count-beyond-utcb", "generic.toml", ('{ name = "mr", count = 64 }', '{ name = "mr", count = 4 }'),
     "", "x86_64", "ipc.mr", "the UTCB holds only 4 MRs"),
    ("unknown-arch", "x86_64.toml", None, "", "sparc", "(file)", "unknown arch 'sparc'"),
    ("unknown-register", "mips64.toml", ('{ reg = "$3" }', '{ reg = "$99" }'), "", "mips64",
     "ipc.mr[0].reg", "unknown register '$99'"),
    ("duplicate-syscall-number", "generic.toml", ('name = "thread_switch"\nnumber = 5',
     'name = "thread_switch"\nnumber = 1'), "", "ia32", "syscall[5].number", "already used by syscall 'ipc'"),
    ("field-beyond-word", "generic.toml", ('{ name = "label",      width = "rest" }',
     '{ name = "label",      width = 40 }'), "", "ia32", "word.msgtag.fields[6].width",
     "beyond the 32-bit word"),
    ("unknown-key", "ia64.toml", ('stack_align = 16', 'stack_align = 16\ncolour = "red"'), "", "ia64",
     "arch.colour", "unknown key"),
    ("result-in-clobbered-register", "x86_64.toml", ('from = "rsi"', 'from = "rcx"'), "", "x86_64",
     "ipc.from", "clobbered by the kernel entry"),
    ("compiler-reserved-register", "x86_64.toml", ('{ reg = "rbx" }', '{ reg = "rbp" }'), "",
     "x86_64", "ipc.mr[2].reg", "reserved for the compiler"),
    ("arch-name-mismatch", "ia32.toml", ('name = "ia32"', 'name = "i386"'), "", "ia32",
     "arch.name", "does not match the file name"),
    ("utcb-overflow", "generic.toml", ("words = 128", "words = 64"), "", "mips64", "utcb.fields",
     "more than utcb.words = 64"),
    ("page-size-not-power-of-two", "mips64.toml", ("page_sizes = [4096, 16384]", "page_sizes = [4096, 12288]"),
     "", "mips64", "arch.page_sizes[1]", "not a power of two"),
    ("interrupts-above-first-user-thread", "ia32.toml", ("interrupts = 16 ", "interrupts = 17 "), "",
     "ia32", "arch.interrupts", "do not fit below first_user_thread"),
    ("io-ports-not-power-of-two", "x86_64.toml", ("io_ports = 1024 ", "io_ports = 1000 "), "",
     "x86_64", "arch.io_ports", "not 0 or a power of two"),
    ("number-register-in-args", "ia64.toml", ('args = ["r14"', 'args = ["r15"'), "", "ia64",
     "syscall.args", "also carries the syscall number"),
    ("lean-call-with-arguments", "generic.toml", ('name = "thread_switch"\nnumber = 5',
     'name = "thread_switch"\nnumber = 5\nlean = true'), "", "x86_64", "syscall[5].lean",
     "a lean call takes no arguments"),
    ("entry-vector-missing", "ia32.toml", ("vector = 0x30 ", "# no vector "), "", "ia32",
     "entry.other[0]", "says {vector} but entry.vector is not given"),
    ("entry-gate-not-a-page", "ia64.toml", ("gate = 0xe000000010000000", "gate = 0xe000000010000010"), "",
     "ia64", "entry.gate", "is not the address of a 16384-byte page"),
    ("entry-gate-missing", "ia64.toml", ("gate = 0xe000000010000000", "# no gate"), "", "ia64",
     "entry.ipc[1]", "says {gate} but entry.gate is not given"),
    ("entry-clobber-is-a-register", "ia64.toml", ('ipc_clobbers = ["b6"', 'ipc_clobbers = ["r2"'), "", "ia64",
     "entry.ipc_clobbers[0]", "is not an extra clobber"),
    ("entry-clobber-is-the-thread-pointer", "ia64.toml", ('ipc_clobbers = ["b6"', 'ipc_clobbers = ["r13"'),
     "", "ia64", "entry.ipc_clobbers[0]", "is not an extra clobber"),
]

# Where the error is reported when that is not the file the case edits: the MR list is
# checked against the UTCB's capacity where the list stands.
SHOWN_IN = {"mr-count-beyond-utcb": "abi/x86_64.toml"}

# The kernel side: a port's description and its glue (files under kernel/), the same way.
# (name, file, (old, new) edit or None, text to append, arch, shown file, key, reason)
PORT_CASES = [
    ("frame-misses-a-register", "glue/x86_64/port.toml", ('"rcx", "rbx", "rax"]', '"rcx", "rax"]'), "",
     "x86_64", "port.toml", "frame.save", "register 'rbx' of the ABI has no slot in the frame"),
    ("frame-place-unknown", "glue/ia64/port.toml", ('place = "above_tcb"', 'place = "below_tcb"'), "",
     "ia64", "port.toml", "frame.place", "'below_tcb' is not 'stack_top' or 'above_tcb'"),
    ("frame-slot-twice", "glue/mips64/port.toml", ('cpu = ["hi", "lo"', 'cpu = ["hi", "hi"'), "",
     "mips64", "port.toml", "frame.cpu[1]", "'hi' is already in the frame"),
    ("frame-sp-not-the-stack-pointer", "glue/ia32/port.toml", ('sp = "esp"', 'sp = "ebp"'), "",
     "ia32", "port.toml", "frame.sp", "the user's stack pointer is 'esp'"),
    ("frame-not-pusha-order", "glue/ia32/port.toml", ('save = ["edi", "esi"', 'save = ["esi", "edi"'), "",
     "ia32", "ia32/fragments.j2", "frame_save", "ia32 saves with pusha"),
    ("fastpath-register-carries-an-mr", "glue/x86_64/port.toml", ('tmp = "rcx"', 'tmp = "rbx"'), "",
     "x86_64", "port.toml", "fastpath.tmp", "carries an IPC argument the fast path still needs"),
    ("fastpath-register-survives-the-stub", "glue/x86_64/port.toml", ('dest = "r11"', 'dest = "rbp"'), "",
     "x86_64", "port.toml", "fastpath.dest", "survives the IPC stub"),
    ("fastpath-given-up-register-not-cleared", "glue/ia64/port.toml",
     ('cleared = ["r4", "r5", "r6", "r7"]', 'cleared = ["r4", "r5", "r6"]'), "",
     "ia64", "port.toml", "fastpath.cleared", "'r7' is given up by the IPC stub but neither kept nor cleared"),
    ("fastpath-clears-a-kept-register", "glue/ia64/port.toml",
     ('cleared = ["r4", "r5", "r6", "r7"]', 'cleared = ["r4", "r5", "r6", "r7", "r1"]'), "",
     "ia64", "port.toml", "fastpath.cleared[4]", "register 'r1' used twice"),
    ("fastpath-scratch-undeclared", "glue/mips64/port.toml", ('scratch = ["$15", "$24"]', 'scratch = ["$15"]'), "",
     "mips64", "mips64/fragments.j2", "(fast path)", "names '$24', which port.toml [fastpath] does not declare"),
    ("fastpath-touches-a-message-register", "glue/x86_64/fragments.j2",
     ('{% macro enter_scratch(utcb) %}\n', '{% macro enter_scratch(utcb) %}\n    mov %r12, %rcx\n'), "",
     "x86_64", "x86_64/fragments.j2", "(fast path)", "carries a message register to the receiver"),
    ("lean-exit-loads-unknown-register", "glue/x86_64/port.toml",
     ('exit_loads = ["rcx", "r11"]', 'exit_loads = ["rcx", "r99"]'), "",
     "x86_64", "port.toml", "lean.exit_loads[1]", "unknown register 'r99'"),
    ("glue-fragment-missing", "glue/mips64/fragments.j2", ("{% macro lookup_thread(", "{% macro _lookup_thread("), "",
     "mips64", "mips64/fragments.j2", "lookup_thread", "required fragment missing"),
    ("glue-unknown-fragment", "glue/ia64/fragments.j2", None, "{% macro branch_if_zero(reg, target) %}{% endmacro %}\n",
     "ia64", "ia64/fragments.j2", "branch_if_zero", "not a fragment of the glue contract"),
    ("port-unknown-folder", "glue/ia32/port.toml", ('platform = "pc99"', 'platform = "pc98"'), "",
     "ia32", "port.toml", "port.platform", "no folder plat/pc98"),
    ("root-not-page-aligned", "glue/ia64/port.toml", ("text = 0x40800000", "text = 0x40801000"), "",
     "ia64", "port.toml", "root.text", "is not a page-aligned 64-bit address"),
]

CONFIG_CASES = [
    ("config-unknown-arch", 'arches = ["ia32", "vax"]', "build.arches[1]", "unknown arch 'vax'"),
    ("config-wrong-type", "fastpath = \"yes\"", "kernel.fastpath", "must be a boolean"),
    ("config-out-of-range", "max_threads = 1", "kernel.max_threads", "outside 2.."),
    ("config-not-power-of-two", "max_threads = 1000", "kernel.max_threads", "not a power of two"),
    ("config-unknown-option", "fast_path = true", "kernel.fast_path", "unknown key"),
    ("config-missing-option", None, "kernel.timer_hz", "missing"),
]


def _run(args):
    return subprocess.run(["/usr/bin/python3", "-m", "gen", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def _check(p, file, key, reason, out_dir=None):
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2, f"exit status {p.returncode}, stderr: {p.stderr}"
    assert len(lines) == 1, f"expected one error line, got:\n{p.stderr}"
    line = lines[0]
    for part in (file, f": {key}: ", reason):
        assert part in line, f"{part!r} not in: {line}"
    if out_dir is not None:
        leftovers = [str(q) for q in Path(out_dir).rglob("*") if q.is_file()]
        assert not leftovers, f"partial output left behind: {leftovers}"
    return line


def _edited_case(tree, fname, edit, append, arch, shown, key, reason):
    """Copy abi/ or kernel/ (tree), edit one of its files, render from the copy."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / tree
        shutil.copytree(ROOT / tree, copy)
        path = copy / fname
        text = path.read_text()
        if edit:
            assert edit[0] in text, f"test is stale: {edit[0]!r} not in {tree}/{fname}"
            text = text.replace(edit[0], edit[1], 1)
        path.write_text(text + append)
        out = Path(tmp) / "out"
        p = _run(["render", "--arch", arch, f"--{tree}-dir", str(copy), "--out", str(out)])
        return _check(p, shown, key, reason, out)


def _config_case(line, key, reason):
    with tempfile.TemporaryDirectory() as tmp:
        text = (ROOT / "configs" / "default.toml").read_text()
        option = key.split(".")[-1]
        lines = []
        for l in text.splitlines():
            if line is None and l.startswith(option + " "):
                continue                      # drop the option: "missing"
            if line is not None and l.split("=")[0].strip() == line.split("=")[0].strip():
                l = line
            lines.append(l)
        if line is not None and line not in lines:
            lines.insert(lines.index("[kernel]") + 1, line)
        cfg = Path(tmp) / "bad.toml"
        cfg.write_text("\n".join(lines) + "\n")
        p = _run(["check", "--config", str(cfg)])
        return _check(p, "bad.toml", key, reason)


def _good_render_still_works():
    with tempfile.TemporaryDirectory() as tmp:
        p = _run(["render", "--arch", "ia32", "--out", tmp])
        assert p.returncode == 0 and not p.stderr, p.stderr
        assert (Path(tmp) / "include/tern/syscalls.h").exists()


def cases(ctx):
    yield "valid-description-renders", _good_render_still_works
    for name, fname, edit, append, arch, key, reason in ABI_CASES:
        shown = SHOWN_IN.get(name, f"abi/{fname}" if arch != "sparc" else "sparc.toml")
        yield name, (lambda f=fname, e=edit, ap=append, ar=arch, k=key, r=reason, s=shown:
                     _edited_case("abi", f, e, ap, ar, s, k, r) and None)
    for name, fname, edit, append, arch, shown, key, reason in PORT_CASES:
        yield name, (lambda f=fname, e=edit, ap=append, ar=arch, s=shown, k=key, r=reason:
                     _edited_case("kernel", f, e, ap, ar, s, k, r) and None)
    for name, line, key, reason in CONFIG_CASES:
        yield name, lambda l=line, k=key, r=reason: _config_case(l, k, r) and None
