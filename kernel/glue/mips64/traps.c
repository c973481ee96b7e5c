/*
 * mips64 trap dispatch: the timer interrupt, the lazy-FPU trap, and user faults turned
 * into what the generic core does with them. TLB misses, invalid entries and stores to
 * read-only pages are page faults; address errors, reserved instructions, breakpoints,
 * traps, overflows, FPU exceptions, coprocessor 0 or 2, and a syscall in a branch delay
 * slot (never an IPC: returning past it would run it again) are exceptions. A fault in
 * the kernel panics with the frame.
 */
#include <arch/mips64/cpu.h>
#include <generic/hal.h>
#include <tern/kernel/frame.h>

static const char *const exception_names[32] = {
    "interrupt", "TLB modified", "TLB load", "TLB store", "address error (load)",
    "address error (store)", "bus error (fetch)", "bus error (data)", "syscall", "breakpoint",
    "reserved instruction", "coprocessor unusable", "overflow", "trap", 0, "FPU exception",
};

static const char *exception_name(word_t code)
{
    return code < 32 && exception_names[code] ? exception_names[code] : "unknown";
}

void trap_dispatch(struct hal_frame *f)
{
    word_t code = f->vector;
    int from_user = (f->status & ST_KSU_USER) != 0;
    if (code == EXC_INT) {
        if (f->cause & CAUSE_IP_TIMER) {
            timer_interrupt();
            timer_tick(from_user);
        }
        return;
    }
    if (!from_user)
        kernel_panic_frame(f, exception_name(code), f->badvaddr);
    switch (code) {
    case EXC_MOD:
        user_fault(f, FAULT_PAGE, f->badvaddr, HAL_WRITE, code);
        return;
    case EXC_TLBL: {
        /* a fetch misses at the pc (or at the branch target, for a delay slot) */
        word_t pc = f->cause & CAUSE_BD ? f->epc + 4 : f->epc;
        user_fault(f, FAULT_PAGE, f->badvaddr, f->badvaddr == pc ? HAL_EXEC : HAL_READ, code);
        return;
    }
    case EXC_TLBS:
        user_fault(f, FAULT_PAGE, f->badvaddr, HAL_WRITE, code);
        return;
    case EXC_CPU:
        if (((f->cause >> CAUSE_CE_SHIFT) & 3) == 1) {
            fpu_trap(current_context());
            return;
        }
        break;
    }
    user_fault(f, FAULT_EXCEPTION, f->badvaddr, 0, code);
}
