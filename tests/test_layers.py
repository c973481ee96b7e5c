"""The kernel tree keeps its layers: generic code reaches a port only through hal.h and the
generated headers (no #ifdef on an arch, no include of a CPU, board or glue folder), a CPU
folder never reaches into glue or a board, every include names its layer, and nothing
writes a saved-frame layout by hand."""
import re

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
LAYERS = ("generic", "glue", "arch", "plat", "drivers")
# what each layer may include, by first path component (tern/ and port/ are generated)
ALLOWED = {
    "generic": {"generic", "tern", "port"},
    "arch": {"generic", "arch", "tern", "port"},
    "plat": {"generic", "arch", "plat", "tern", "port"},
    "glue": {"generic", "arch", "plat", "glue", "tern", "port"},
    "drivers": {"generic", "tern", "port"},
}
LIBC = {"freestanding.h", "elf.h", "stdarg.h"}


def _files(ctx):
    for path in sorted((ctx.root / "kernel").rglob("*")):
        if path.suffix in (".c", ".h", ".S", ".inc") and path.is_file():
            yield path, path.relative_to(ctx.root / "kernel").parts[0]


def _includes_name_their_layer(ctx):
    n = 0
    for path, layer in _files(ctx):
        rel = path.relative_to(ctx.root)
        for kind, target in INCLUDE.findall(path.read_text()):
            n += 1
            if kind == '"':
                assert (path.parent / target).is_file(), \
                    f"{rel}: \"{target}\" is not beside it: name its layer (<layer/...>)"
                continue
            first = target.split("/")[0]
            if target in LIBC:
                continue
            assert first in ALLOWED[layer], f"{rel} ({layer}) includes <{target}>"
    return f"{n} includes checked"


def _generic_has_no_arch_conditionals(ctx):
    pattern = re.compile(r"^\s*#\s*if.*\b(ARCH|x86|i386|__mips|__ia64|ia32|mips64|ia64)", re.M | re.I)
    for path, layer in _files(ctx):
        if layer == "generic":
            m = pattern.search(path.read_text())
            assert not m, f"{path.relative_to(ctx.root)}: {m.group(0).strip()}"


def _no_hand_written_frame(ctx):
    for path, _ in _files(ctx):
        assert "struct hal_frame {" not in path.read_text(), \
            f"{path.relative_to(ctx.root)} lays out struct hal_frame by hand: it is port.toml [frame]"


def cases(ctx):
    yield "includes-name-their-layer", lambda: _includes_name_their_layer(ctx)
    yield "generic-has-no-arch-conditionals", lambda: _generic_has_no_arch_conditionals(ctx)
    yield "no-hand-written-frame", lambda: _no_hand_written_frame(ctx)
