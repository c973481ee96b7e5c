"""The build: every configured arch builds; a second build does nothing; changing one
option rebuilds only the files that use it; the generated headers depend on the ABI, the
port description and glue, the templates and the generator; a bad config is one clear
error."""
import re
import tempfile
import time
from pathlib import Path

from ternhost import archdata, toolchain
from ternhost.build import scons_command
from ternhost.test.harness import Skip

WORK = re.compile(r"^(CC|AS|LD|GEN|CONFIG|IMAGE)\s+(\S+)\s*(.*)$")


def _buildable(arch):
    if toolchain.tools(archdata.load(arch)["toolchain"]) is None:
        raise Skip(f"no {archdata.load(arch)['toolchain']} toolchain for {arch} (./tern setup)")


def _work(output):
    return [m.groups() for m in map(WORK.match, output.splitlines()) if m]


def _build(ctx, arch):
    _buildable(arch)
    image = ctx.build(arch)
    assert image.exists(), f"{image} missing after the build"
    return f"{image.relative_to(ctx.root)}, {image.stat().st_size} bytes"


def _noop(ctx):
    arches = [a for a in ctx.arches if toolchain.tools(archdata.load(a)["toolchain"])]
    for a in arches:
        ctx.build(a)
    t0 = time.monotonic()
    p = ctx.sh(scons_command(["--config", ctx.config, "--arch", ",".join(arches)]))
    dt = time.monotonic() - t0
    work = _work(p.stdout)
    assert not work, f"a no-op build did work: {work}"
    return f"{len(arches)} arches up to date in {dt:.1f} s"


def _with_option(ctx, option, value):
    """What a build with one option changed does. The build is then brought back to the
    config under test (a dry run cannot tell: the content decider needs the new header)."""
    text = Path(ctx.config).read_text()
    new, n = re.subn(rf"^{option}\s*=.*$", f"{option} = {value}", text, flags=re.M)
    assert n == 1, f"{option} not found in {ctx.config}"
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "changed.toml"
        cfg.write_text(new)
        try:
            p = ctx.sh(scons_command(["--config", str(cfg), "--arch", "x86_64"]))
        finally:
            ctx.sh(scons_command(["--config", ctx.config, "--arch", "x86_64"]))
    return _work(p.stdout)


def _users(ctx, option):
    """The x86_64 kernel sources that include an option's header: the generic core's and
    the port's (port.toml [port] folders). Headers never include option headers (checked
    here), so direct includes are all the users there are."""
    include = f"<tern/config/{option}.h>"
    sources = set(archdata.load("x86_64")["sources"])
    sources |= {str(p.relative_to(ctx.root)) for d in ("kernel/generic", "kernel/generic/core")
                for p in (ctx.root / d).glob("*.[cS]")}
    users = set()
    for path in (ctx.root / "kernel").rglob("*"):
        if path.suffix not in (".c", ".h", ".S", ".inc") or not path.is_file():
            continue
        rel = str(path.relative_to(ctx.root))
        if include not in path.read_text():
            continue
        assert path.suffix == ".c" or path.suffix == ".S", \
            f"{rel} includes {include}: every file using it would rebuild"
        if rel in sources:
            users.add(rel)
    return users


def _option_rebuilds_its_users(ctx, option, new_value):
    ctx.build("x86_64")
    work = _with_option(ctx, option, new_value)
    compiled = {rest for kind, arch, rest in work if kind in ("CC", "AS")}
    configs = [rest for kind, arch, rest in work if kind == "CONFIG"]
    expected = _users(ctx, option)
    assert compiled == expected, f"recompiled {sorted(compiled)}, users are {sorted(expected)}"
    assert len(configs) == 1 and configs[0].startswith(option), configs
    assert not [w for w in work if w[0] == "GEN"], f"ABI headers regenerated: {work}"
    return f"{len(compiled)} of the kernel's files recompiled"


def _flipped(ctx, option):
    current = re.search(rf"^{option}\s*=\s*(\w+)", Path(ctx.config).read_text(), re.M).group(1)
    return "false" if current == "true" else "true"


def _dependencies(ctx):
    ctx.build("x86_64")
    p = ctx.sh(scons_command(["--config", ctx.config, "--arch", "x86_64"],
                             extra=["-n", "--tree=all", "build/x86_64/gen/include/tern/abi.h"]))
    for dep in ("abi/generic.toml", "abi/x86_64.toml", "kernel/glue/x86_64/port.toml",
                "kernel/glue/x86_64/fragments.j2", "kernel/glue/x86/fragments.j2",
                "templates/user/abi.h.j2", "templates/user/syscalls.h.j2",
                "templates/kernel/frame.h.j2", "gen/abi.py", "gen/port.py", "gen/glue.py",
                "gen/stubs.py"):
        assert dep in p.stdout, f"generated headers do not depend on {dep}:\n{p.stdout}"


def _bad_config(ctx):
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "bad.toml"
        cfg.write_text(Path(ctx.config).read_text().replace("max_threads = ", "max_threads = -"))
        p = ctx.sh(["./tern", "build", "--config", str(cfg)], check=False)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2, f"exit {p.returncode}: {p.stdout}{p.stderr}"
    assert len(lines) == 1 and "bad.toml: kernel.max_threads: " in lines[0], p.stderr


def cases(ctx):
    for arch in ctx.arches:
        yield f"{arch}/builds", lambda a=arch: _build(ctx, a)
    yield "noop-build-does-nothing", lambda: _noop(ctx)
    yield "option-fastpath-rebuilds-only-its-users", \
        lambda: _option_rebuilds_its_users(ctx, "fastpath", _flipped(ctx, "fastpath"))
    yield "option-timer-hz-rebuilds-only-its-users", \
        lambda: _option_rebuilds_its_users(ctx, "timer_hz", "250")
    yield "headers-depend-on-spec-templates-generator", lambda: _dependencies(ctx)
    yield "bad-config-one-clear-error", lambda: _bad_config(ctx)
