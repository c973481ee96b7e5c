"""Guest instructions of one ping-pong round trip, counted by single-stepping in gdb.

Run inside gdb by ternhost/stepcount.py, which passes a JSON plan in STEPCOUNT_PLAN:
the gdb port, the entry address of each ping-pong function of the guest tests and the
address of the system call in its timed loop, the kernel's address range, the slow
path's entry, and whether to step with the remote `s` packet.

For each ping-pong call (fast path: intra, inter, inter with 6 MRs; then the same on
the slow path) it stops at the loop's system call and steps `take` round trips, from
that instruction to its next execution. Each prints one line:

  STEPCOUNT <label> round-trip N kernel K1 K2 user U slow-entry yes|no

N counts every guest instruction of the round trip (the caller's loop, two IPCs, the
partner's code); K1 and K2 are the two stays in the kernel (the system call instruction
included), U the rest.
"""
import json
import os

import gdb

PLAN = json.loads(os.environ["STEPCOUNT_PLAN"])
ANY = (1 << 64) - 1
LO, HI = PLAN["kernel"]


def pc():
    return int(gdb.parse_and_eval("(unsigned long long)$pc")) & ANY


def in_kernel(a):
    return LO <= a < HI


def step():
    """One instruction on the target. gdb steps MIPS in software, with a breakpoint at
    the next address, which runs a whole system call as one step; the remote `s`
    packet has QEMU stop after one instruction (a delay slot is one of its own), in an
    exception handler too."""
    if PLAN["raw_step"]:
        gdb.execute("maint packet s", to_string=True)
        gdb.execute("maint flush register-cache", to_string=True)
    else:
        gdb.execute("stepi", to_string=True)


def round_trip(start, slow):
    """Step from the loop's system call at `start` until it runs again."""
    total, stays, user, kernel_run, hit_slow = 0, [], 0, 0, False
    here = start
    while True:
        step()
        total += 1
        nxt = pc()
        if in_kernel(here):
            kernel_run += 1
        elif in_kernel(nxt):
            kernel_run = 1                  # the entry instruction counts with its stay
        else:
            user += 1
        if in_kernel(here) and not in_kernel(nxt):
            stays.append(kernel_run)
            kernel_run = 0
        if nxt == slow:
            hit_slow = True
        here = nxt
        if here == start:
            return total, stays, user, hit_slow


def main():
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute(f"target remote :{PLAN['port']}")
    calls = PLAN["calls"]                   # [(label, function entry, loop syscall)], in order
    for label, entry, loop in calls:
        fb = gdb.Breakpoint(f"*{entry:#x}", internal=True)
        gdb.execute("continue", to_string=True)
        fb.delete()
        lb = gdb.Breakpoint(f"*{loop:#x}", internal=True)
        gdb.execute("continue", to_string=True)
        lb.delete()
        assert pc() == loop, hex(pc())
        for i in range(PLAN["skip"] + PLAN["take"]):
            total, stays, user, slow = round_trip(loop, PLAN["slow"])
            if i >= PLAN["skip"]:
                print(f"STEPCOUNT {label} round-trip {total} kernel {' '.join(map(str, stays))} "
                      f"user {user} slow-entry {'yes' if slow else 'no'}", flush=True)
    gdb.execute("kill")


main()
