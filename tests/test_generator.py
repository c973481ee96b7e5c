"""The generator: every arch renders, output is byte-identical on re-run and names its
sources, unchanged files are not rewritten, the frame is the port's, the glue contract is
documented, and the encoders and accessors compute what the L4 X.2 layout says (run on
the host through the x86_64 headers)."""
import os
import tempfile
import time
from pathlib import Path

import re

from gen import abi as gen_abi, glue as gen_glue, port as gen_port, render
from gen.abi import known_arches


def _deterministic(arch):
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        _, first = render.render(arch)
        _, second = render.render(arch)
        render.write_all(first, a)
        render.write_all(second, b)
        for rel in first:
            assert (Path(a) / rel).read_bytes() == (Path(b) / rel).read_bytes(), f"{rel} differs"
    return f"{len(first)} files"


def _banner(arch):
    abi, outputs = render.render(arch)
    for rel, text in outputs.items():
        head = text.splitlines()[0]
        for src in abi["sources"]:
            assert src in head, f"{rel}: banner does not name {src}: {head}"
        assert "templates/" in head and abi["hash"] in head, f"{rel}: {head}"


def _unchanged_not_rewritten():
    with tempfile.TemporaryDirectory() as d:
        _, outputs = render.render("x86_64")
        paths = render.write_all(outputs, d)
        before = {p: os.stat(p).st_mtime_ns for p in paths}
        time.sleep(0.01)
        render.write_all(outputs, d)
        after = {p: os.stat(p).st_mtime_ns for p in paths}
        assert before == after, "unchanged outputs were rewritten"


def _all_arches_known():
    assert known_arches() == ["ia32", "ia64", "mips64", "x86_64"], known_arches()
    assert gen_port.known_ports() == known_arches(), "every arch has a port and no more"


def _layout(arch):
    abi = gen_abi.load(arch)
    words = {w["name"]: {f["name"]: f for f in w["fields"]} for w in abi["words"]}
    tag = words["msgtag"]
    assert (tag["untyped"]["shift"], tag["typed"]["shift"], tag["error"]["shift"],
            tag["label"]["shift"]) == (0, 6, 15, 16)
    assert tag["label"]["width"] == abi["word_bits"] - 16
    tid = words["thread_id"]
    assert tid["version"]["width"] == (14 if abi["word_bits"] == 32 else 32)
    utcb = abi["utcb"]["by_name"]
    assert utcb["mr"]["count"] == 64 and utcb["br"]["count"] == 33
    assert utcb["mr"]["offset"] == utcb["mr"]["word"] * abi["word_bytes"]


def _frame(arch):
    """The generated frame is the port's [frame]: one word per slot, every ABI register in
    it once, the offsets the header defines are the slots' places."""
    abi, outputs = render.render(arch)
    frame = gen_port.load(arch, abi)["frame"]
    header = outputs["include/tern/kernel/frame.h"]
    defined = dict(re.findall(r"^#define (FRAME_\w+) (\d+)$", header, re.M))
    for i, slot in enumerate(frame["slots"]):
        assert defined.get(f"FRAME_{slot['name'].upper()}") == str(i * abi["word_bytes"]), slot
        assert f"tern_word_t {slot['name']};" in header, slot
    assert defined["FRAME_SIZE"] == str(len(frame["slots"]) * abi["word_bytes"])
    regs = [s["reg"] for s in frame["slots"] if s["reg"]]
    assert sorted(regs) == sorted(abi["registers"]["all"]), regs
    return f"{len(frame['slots'])} slots, {defined['FRAME_SIZE']} bytes"


def _contract_documented(ctx):
    """Every fragment of the glue contract is in the architecture page's table."""
    page = (ctx.root / "docs" / "architecture.md").read_text()
    missing = [name for name in gen_glue.FRAGMENTS if f"`{name}`" not in page]
    assert not missing, f"docs/architecture.md does not list {missing}"


HOST_PROGRAM = r"""
#include <tern/abi.h>
int printf(const char *, ...);
int main(void)
{
    tern_msgtag_t t = tern_msgtag_make(3, 2, 0, 0, 0, 1, 0x1234);
    printf("tag %lx u %lu t %lu e %lu label %lx\n", t.raw, tern_msgtag_get_untyped(t),
           tern_msgtag_get_typed(t), tern_msgtag_get_error(t), tern_msgtag_get_label(t));
    unsigned long long us[] = { 0, 1, 1023, 1024, 1000000, 2196875771ULL, ~0ULL };
    for (unsigned i = 0; i < sizeof us / sizeof us[0]; i++) {
        tern_time_t p = tern_time_period_us(us[i]);
        printf("time %llu -> %04lx -> %llu\n", us[i], p.raw, tern_time_to_us(p));
    }
    printf("never %04lx zero %04lx timeouts %lx\n", tern_time_never().raw, tern_time_zero().raw,
           tern_timeouts_word(tern_time_period_us(5), tern_time_never()));
    tern_thread_id_t id = tern_global_id(42, 7);
    printf("tid %lx number %lu version %lu\n", id.raw, tern_thread_id_get_number(id),
           tern_thread_id_get_version(id));
    return 0;
}
"""

# 1000000 us = 976 * 2^10 (rounded down); the largest period is 1023 * 2^31 us, about 610 h
# (the seeds' table, last row).
EXPECTED = """\
tag 12348083 u 3 t 2 e 1 label 1234
time 0 -> 0400 -> 0
time 1 -> 0001 -> 1
time 1023 -> 03ff -> 1023
time 1024 -> 0600 -> 1024
time 1000000 -> 2bd0 -> 999424
time 2196875771 -> 5a0b -> 2193620992
time 18446744073709551615 -> 7fff -> 2196875771904
never 0000 zero 0400 timeouts 50000
tid 2a00000007 number 42 version 7
"""


def _encoders_on_host(ctx):
    with tempfile.TemporaryDirectory() as tmp:
        ctx.sh(["/usr/bin/python3", "-m", "gen", "headers", "--arch", "x86_64", "--out", tmp])
        Path(tmp, "t.c").write_text(HOST_PROGRAM)
        ctx.sh(["clang-14", "-std=c11", "-Wall", "-Wextra", "-Werror", "-O1", f"-I{tmp}/include",
                f"{tmp}/t.c", "-o", f"{tmp}/t"])
        out = ctx.sh([f"{tmp}/t"]).stdout
    assert out == EXPECTED, f"got:\n{out}\nexpected:\n{EXPECTED}"


def cases(ctx):
    yield "known-arches", _all_arches_known
    yield "unchanged-files-not-rewritten", _unchanged_not_rewritten
    yield "encoders-and-accessors-on-host", lambda: _encoders_on_host(ctx)
    yield "glue-contract-documented", lambda: _contract_documented(ctx)
    for arch in known_arches():
        yield f"{arch}/deterministic", lambda a=arch: _deterministic(a)
        yield f"{arch}/banner-names-sources", lambda a=arch: _banner(a)
        yield f"{arch}/derived-layout", lambda a=arch: _layout(a)
        yield f"{arch}/frame-from-port", lambda a=arch: _frame(a)
