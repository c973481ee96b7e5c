"""Kernel instructions per IPC system call, counted by single-stepping under gdb.

Run inside gdb (see tools/stepcount.sh): stops at each call of the root task's
ping-pong (fast intra, inter, inter 6 MRs, then the same on the slow path), then
single-steps a few IPCs from `syscall` to the instruction that lands back in user mode,
and prints one line per IPC: path, space, kind (call or reply-and-receive), whether it
went through the slow path's entry, and the count (the syscall instruction included).
"""
import os

import gdb

LABELS = ["fast intra", "fast inter", "fast inter-6mr", "slow intra", "slow inter", "slow inter-6mr"]
SKIP, TAKE = int(os.environ.get("SKIP", "6")), int(os.environ.get("TAKE", "4"))
ANY = (1 << 64) - 1


def reg(name):
    return int(gdb.parse_and_eval(f"(unsigned long)${name}")) & ANY


def step_one_syscall(slow_addr):
    """At syscall_entry_asm: step until user mode; count and whether slow entry was hit."""
    n, slow = 1, False               # 1: the syscall instruction itself
    while True:
        gdb.execute("stepi", to_string=True)
        n += 1
        if reg("pc") == slow_addr:
            slow = True
        if reg("cs") & 3 == 3:
            return n - 1, slow       # the last step landed in user mode: sysret was n-1th


def main():
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("target remote :" + os.environ.get("PORT", "1234"))
    entry = int(gdb.parse_and_eval("(unsigned long)&syscall_entry_asm"))
    slow_addr = int(gdb.parse_and_eval("(unsigned long)&syscall_slow"))
    pp = int(os.environ["PINGPONG"], 16)
    bp = gdb.Breakpoint(f"*{pp:#x}", type=gdb.BP_HARDWARE_BREAKPOINT)
    for label in LABELS:
        gdb.execute("continue", to_string=True)
        assert reg("pc") == pp, hex(reg("pc"))
        bp.enabled = False
        sb = gdb.Breakpoint(f"*{entry:#x}", type=gdb.BP_HARDWARE_BREAKPOINT)
        for i in range(SKIP + TAKE):
            gdb.execute("continue", to_string=True)
            to, frm, rax = reg("rdi"), reg("rsi"), reg("rax")
            kind = "call" if to == frm else ("reply-and-receive" if frm == ANY else f"other({to:x},{frm:x})")
            count, slow = step_one_syscall(slow_addr)
            if i >= SKIP:
                print(f"STEPCOUNT {label:15} {kind:18} {'slow-entry' if slow else 'fast-done':10} "
                      f"sys {rax:#x} {count}", flush=True)
        sb.delete()
        bp.enabled = True
    gdb.execute("kill")


main()
