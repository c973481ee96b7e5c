"""Boot an image in its emulator with a time limit and read back what it printed and the
status it exited with. A hung emulator is killed and reported as such."""
import os
import re
import shutil
import signal
import struct
import subprocess
import threading
import time
from pathlib import Path

from . import archdata


class Run:
    """output: what the guest printed (the emulator's own lines, [emulator] ignore_output,
    left out); raw: everything, those lines included (Ski's instruction total)."""

    def __init__(self, output, status, timed_out, seconds, detail, raw=None):
        self.output, self.status, self.timed_out = output, status, timed_out
        self.seconds, self.detail = seconds, detail
        self.raw = output if raw is None else raw

    def ok(self):
        return not self.timed_out and self.status == 0


def available(arch):
    return shutil.which(archdata.load(arch)["emulator"]["program"]) is not None


PAGE = 4096


def _kernel_end(image):
    """The physical end of an ELF64 kernel image (its loadable segments, bss included),
    page-aligned: KSEG0 addresses with the segment bits cleared."""
    data = Path(image).read_bytes()
    phoff, phentsize, phnum = struct.unpack_from("<Q", data, 32)[0], *struct.unpack_from("<HH", data, 54)
    end = 0
    for i in range(phnum):
        ptype, _, _, vaddr, _, _, memsz, _ = struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)
        if ptype == 1:                               # PT_LOAD
            end = max(end, (vaddr & 0x1fffffff) + memsz)
    return (end + PAGE - 1) & ~(PAGE - 1)


def loader_args(image, modules):
    """QEMU's loader device for each module, in RAM after the kernel, and the command line
    naming them: "tern.module=ADDRESS,SIZE" (kernel/plat/malta/boot_info.c reads it)."""
    addr, args, names = _kernel_end(image), [], []
    for m in modules:
        size = Path(m).stat().st_size
        args += ["-device", f"loader,file={m},addr={addr:#x},force-raw=on"]
        names.append(f"tern.module={addr:#x},{size}")
        addr += (size + PAGE - 1) & ~(PAGE - 1)
    return args + ["-append", " ".join(names)]


def run_command(cmd, timeout, on_line=None):
    """Run an emulator command line with a time limit: (output, exit code, timed out,
    seconds). A hung one is killed with everything it started; on_line(text) sees each
    line as it comes."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    chunks = []

    def reader():
        for line in proc.stdout:
            chunks.append(line)
            if on_line:
                on_line(line.decode("utf-8", "replace").rstrip("\r\n"))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        proc.wait(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)      # the emulator and anything it started
        proc.wait()
        timed_out = True
    thread.join(5)
    output = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return output, proc.returncode, timed_out, time.monotonic() - start


def run(arch, image, timeout=60, extra_args=(), modules=None, on_line=None):
    """Boot image; modules (paths) replace the arch's default boot modules; on_line(text)
    sees each line of output as it comes (progress), the Run holds all of it."""
    emu = archdata.load(arch)["emulator"]
    program = shutil.which(emu["program"])
    if program is None:
        raise FileNotFoundError(f"{emu['program']} is not installed")
    if modules is None:
        modules = [Path(image).parent / m for m in emu["modules"]]
    module_list = ",".join(str(m) for m in modules)
    args = [a.replace("{image}", str(image)).replace("{modules}", module_list) for a in emu["args"]]
    if emu["module_loader"] == "qemu-loader" and modules:
        args += loader_args(image, modules)
    output, rc, timed_out, seconds = run_command([program, *extra_args, *args], timeout, on_line)
    raw = output
    exit_match = re.search(emu["exit_line"], output) if emu["exit_line"] else None
    for noise in emu["ignore_output"]:
        output = "\n".join(l for l in output.split("\n") if noise not in l)
    result = _verdict(emu, output, rc, timed_out, seconds, timeout, exit_match)
    result.raw = raw
    return result


def _verdict(emu, output, rc, timed_out, seconds, timeout, exit_match):
    if timed_out:
        return Run(output, None, True, seconds, f"killed after {timeout} s without exiting")
    if emu["exit"] == "isa-debug-exit":
        # QEMU exits with (status << 1) | 1; an even code means the guest never wrote the port.
        if rc % 2 == 1:
            return Run(output, rc >> 1, False, seconds, f"guest exit status {rc >> 1}")
        return Run(output, None, False, seconds, f"emulator ended without a guest exit (code {rc})")
    if emu["exit_line"]:
        # The emulator's code alone is not trusted: it must also say the guest exited.
        if exit_match is None:
            return Run(output, None, False, seconds, f"emulator ended (code {rc}) without a guest exit")
        status = int(exit_match.group(1))
        return Run(output, status, False, seconds, f"guest exit status {status}")
    return Run(output, rc, False, seconds, f"guest exit status {rc}")
