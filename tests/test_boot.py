"""Every arch boots in its emulator: the image is a well-formed ELF for its machine, the
kernel prints its banner with the arch name and the hash of its ABI description, and
exits with status 0. The harness kills an emulator that hangs and says so."""
import struct

from ternhost.test.harness import Skip
from gen import abi as gen_abi
from ternhost import archdata, emulator, toolchain

TIMEOUT = 120


def _built(ctx, arch):
    plan = archdata.load(arch)
    if toolchain.tools(plan["toolchain"]) is None:
        raise Skip(f"no {plan['toolchain']} toolchain for {arch} (./tern setup)")
    return ctx.build(arch)


def _image(ctx, arch):
    _built(ctx, arch)
    abi = gen_abi.load(arch)
    elf = (ctx.root / "build" / arch / "kernel.elf").read_bytes()
    assert elf[:4] == b"\x7fELF", "not an ELF file"
    cls, data = elf[4], elf[5]
    assert cls == (1 if abi["word_bits"] == 32 else 2), f"ELF class {cls} for {abi['word_bits']}-bit"
    assert data == (1 if abi["endian"] == "little" else 2), f"ELF data encoding {data}"
    fmt = "<" if data == 1 else ">"
    e_type, e_machine = struct.unpack_from(fmt + "HH", elf, 16)
    entry = struct.unpack_from(fmt + ("I" if cls == 1 else "Q"), elf, 24)[0]
    assert e_type == 2, f"ELF type {e_type}, not an executable"
    assert e_machine == abi["elf_machine"], f"ELF machine {e_machine}, want {abi['elf_machine']}"
    assert entry != 0, "no entry point"
    return f"ELF{32 if cls == 1 else 64} machine {e_machine}, entry {entry:#x}, {len(elf)} bytes"


def _boot(ctx, arch):
    image = _built(ctx, arch)
    program = archdata.load(arch)["emulator"]["program"]
    if not emulator.available(arch):
        raise Skip(f"{program} not on PATH: {arch} image built and checked, not booted")
    run = ctx.boot(arch, timeout=TIMEOUT)
    abi = gen_abi.load(arch)
    banner = f"Tern kernel on {arch}: ABI {abi['hash']}"
    assert not run.timed_out, f"{run.detail}; output:\n{run.output[-2000:]}"
    assert banner in run.output, f"banner {banner!r} not seen; output:\n{run.output[-2000:]}"
    if archdata.load(arch)["core"]:
        # The core runs the root task, whose guest tests decide the exit status.
        assert "root task:" in run.output, f"no root task; output:\n{run.output[-2000:]}"
    else:
        assert "boot ok" in run.output, f"no 'boot ok'; output:\n{run.output[-2000:]}"
    assert run.status == 0, f"{run.detail}; output:\n{run.output[-2000:]}"
    return f"banner seen, exit 0 after {run.seconds:.1f} s"


def _hang_is_killed(ctx):
    if not emulator.available("x86_64"):
        raise Skip("qemu-system-x86_64 not on PATH")
    image = _built(ctx, "x86_64")
    # -S: the CPU never starts, so the guest can never exit by itself.
    run = emulator.run("x86_64", image, timeout=2, extra_args=["-S"])
    assert run.timed_out and run.status is None, f"not reported as hung: {run.detail}"
    assert "killed after 2 s" in run.detail, run.detail
    return run.detail


def cases(ctx):
    for arch in ctx.arches:
        yield f"{arch}/image", lambda a=arch: _image(ctx, a)
        yield f"{arch}/boots", lambda a=arch: _boot(ctx, a)
    yield "hung-emulator-is-killed", lambda: _hang_is_killed(ctx)
