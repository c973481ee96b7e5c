"""tools/stepcount.sh [--arch A] [--take N]: count the guest instructions of ping-pong
round trips by single-stepping them in gdb, kernel stays apart (tools/stepcount.py runs
inside gdb-multiarch; this side builds, boots the guest tests under the port's emulator
with its gdb stub and instruction counting, and prepares the plan: addresses from the
ELF files, which no gdb symbol lookup has to find).

Each round trip is stepped from the timed loop's system call to its next execution, so
it is exactly one iteration of what the guest's ping-pong measures with its clock: the
counts check that clock's conversion to instructions (tests/test_stepcount.py)."""
import argparse
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path

from gen import abi as gen_abi
from . import archdata, emulator, toolchain

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^STEPCOUNT (.+?) round-trip (\d+) kernel ((?:\d+ ?)+) user (\d+) slow-entry (yes|no)$", re.M)
LABELS = [("fast intra", "pingpong_0"), ("fast inter", "pingpong_0"), ("fast inter-6mr", "pingpong_6"),
          ("slow intra", "pingpong_0"), ("slow inter", "pingpong_0"), ("slow inter-6mr", "pingpong_6")]
EM_MIPS = 8     # gdb steps MIPS in software; QEMU's own step is asked for instead


def _load_range(elf):
    """[lowest, highest) virtual address of the ELF's loadable segments (32 or 64 bit)."""
    data = Path(elf).read_bytes()
    if data[4] == 2:
        phoff, (phentsize, phnum) = struct.unpack_from("<Q", data, 32)[0], struct.unpack_from("<HH", data, 54)
        fmt, at_vaddr, at_memsz = "<IIQQQQQQ", 3, 6
    else:
        phoff, (phentsize, phnum) = struct.unpack_from("<I", data, 28)[0], struct.unpack_from("<HH", data, 42)
        fmt, at_vaddr, at_memsz = "<IIIIIIII", 2, 5
    lo, hi = None, 0
    for i in range(phnum):
        ph = struct.unpack_from(fmt, data, phoff + i * phentsize)
        if ph[0] == 1:
            va = ph[at_vaddr] & ((1 << 64) - 1)
            if data[4] == 1 and va & 0x80000000:
                va |= 0xffffffff00000000       # what a 32-bit MIPS address reads as in gdb
            lo = va if lo is None else min(lo, va)
            hi = max(hi, va + ph[at_memsz])
    return lo, hi


def _disassembly(objdump, elf):
    """{function: [(address, mnemonic, text)]} of an ELF file."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", str(elf)], capture_output=True,
                         text=True, check=True).stdout
    funcs, current = {}, None
    for line in out.splitlines():
        m = re.match(r"^([0-9a-f]+) <(.+)>:$", line)
        if m:
            current = funcs.setdefault(m.group(2), [])
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+(\S+)(.*)$", line)
        if m and current is not None:
            current.append((int(m.group(1), 16), m.group(2), m.group(3)))
    return funcs


def plan(arch, build_dir, port, take=2, skip=2):
    abi = gen_abi.load(arch)
    objdump = toolchain.tools(archdata.load(arch)["toolchain"])["objdump"]
    kernel, guest = build_dir / "kernel.elf", build_dir / "guest_tests.elf"
    kfuncs, gfuncs = _disassembly(objdump, kernel), _disassembly(objdump, guest)
    entry = abi["entry"]["instruction"].split()[0]
    calls = []
    for label, fn in LABELS:
        body = gfuncs.get(fn)
        if not body:
            raise SystemExit(f"stepcount: {fn} not found in {guest}")
        syscalls = [a for a, m, _ in body if m == entry]
        if not syscalls:
            raise SystemExit(f"stepcount: no `{entry}` in {fn}")
        calls.append((label, body[0][0], syscalls[-1]))   # the last: the timed loop's
    slow = next((body[0][0] for name, body in kfuncs.items() if name == "syscall_slow"), 0)
    return {"port": port, "kernel": list(_load_range(kernel)), "calls": calls,
            "slow": slow, "take": take, "skip": skip, "raw_step": abi["elf_machine"] == EM_MIPS}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def count(arch, build_dir, take=2, skip=2, timeout=600):
    """Boot, step, and return [{label, round_trip, kernel: [..], user, slow_entry}]."""
    port = _free_port()
    p = plan(arch, build_dir, port, take, skip)
    bench = archdata.load(arch)["bench"]
    image = build_dir / "kernel.img" if (build_dir / "kernel.img").exists() else build_dir / "kernel.elf"
    box = {}
    qemu = threading.Thread(target=lambda: box.setdefault("run", emulator.run(
        arch, image, timeout=timeout, extra_args=[*bench["counted_args"], "-gdb", f"tcp::{port}", "-S"])))
    qemu.start()
    gdb = subprocess.run(["gdb-multiarch", "-q", "-batch", "-nx", str(build_dir / "kernel.elf"),
                          "-x", str(ROOT / "tools" / "stepcount.py")],
                         env={**os.environ, "STEPCOUNT_PLAN": json.dumps(p)},
                         capture_output=True, text=True, timeout=timeout)
    qemu.join()
    found = [{"label": m[0], "round_trip": int(m[1]), "kernel": [int(k) for k in m[2].split()],
              "user": int(m[3]), "slow_entry": m[4] == "yes"} for m in LINE.findall(gdb.stdout)]
    if len(found) != len(LABELS) * take:
        raise RuntimeError(f"stepcount: {len(found)} round trips counted, {len(LABELS) * take} "
                           f"expected\n{gdb.stdout[-2000:]}\n{gdb.stderr[-2000:]}")
    return found


def main(argv):
    ap = argparse.ArgumentParser(prog="tools/stepcount.sh", description=__doc__.split("\n\n")[0])
    ap.add_argument("--arch", default="x86_64")
    ap.add_argument("--take", type=int, default=2)
    args = ap.parse_args(argv)
    from .build import scons_command
    subprocess.run(scons_command(["--arch", args.arch]), cwd=ROOT, check=True)
    for r in count(args.arch, ROOT / "build" / args.arch, take=args.take):
        print(f"{r['label']:15} round trip {r['round_trip']:5}  kernel {'+'.join(map(str, r['kernel'])):10}"
              f"  user {r['user']:4}  {'slow entry' if r['slow_entry'] else 'fast path'}")


if __name__ == "__main__":
    main(sys.argv[1:])
