/*
 * ia64 trap dispatch: external interrupts (the timer), the lazy FP trap, and user faults
 * turned into what the generic core does with them. TLB misses the refill could not
 * serve, access-rights faults and not-present pages are page faults; everything else
 * (a break other than the system call's, an illegal or privileged operation, a NaT
 * consumption, an unaligned reference, FP faults and traps, a disabled f2-f31) is an
 * exception. A fault in the kernel panics with the interruption registers.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>
#include <tern/kernel/frame.h>

static const char *vector_name(word_t v)
{
    switch (v) {
    case IVT_ITLB: return "instruction TLB miss";
    case IVT_DTLB: return "data TLB miss";
    case IVT_DIRTY: return "dirty bit";
    case IVT_IACCESS: case IVT_DACCESS: return "access bit";
    case IVT_BREAK: return "break instruction";
    case IVT_NOT_PRESENT: return "page not present";
    case IVT_KEY_PERMISSION: return "key permission";
    case IVT_IACCESS_RIGHTS: return "instruction access rights";
    case IVT_DACCESS_RIGHTS: return "data access rights";
    case IVT_GENERAL: return "general exception";
    case IVT_DISABLED_FP: return "disabled FP register";
    case IVT_NAT: return "NaT consumption";
    case IVT_SPECULATION: return "speculation";
    case IVT_DEBUG: return "debug";
    case IVT_UNALIGNED: return "unaligned reference";
    case IVT_UNSUPPORTED_DATA: return "unsupported data reference";
    case IVT_FP_FAULT: return "floating-point fault";
    case IVT_FP_TRAP: return "floating-point trap";
    default: return "unexpected vector";
    }
}

static void external_interrupt(int from_user)
{
    for (;;) {
        unsigned long v = IA64_CR_READ(ivr);
        __asm__ __volatile__(";; srlz.d ;;" : : : "memory");
        if (v == SPURIOUS_VECTOR)
            return;
        IA64_CR_WRITE(eoi, 0);
        if (v == TIMER_VECTOR) {
            timer_interrupt();
            timer_tick(from_user);              /* may switch threads: last */
            return;
        }
    }
}

/* What the access that faulted was: isr's r, w and x bits. */
static unsigned access_of(const struct hal_frame *f)
{
    if (f->vector == IVT_ITLB || f->vector == IVT_IACCESS_RIGHTS || (f->isr & ISR_X))
        return HAL_EXEC;
    return (f->isr & ISR_W) ? HAL_WRITE : HAL_READ;
}

void trap_dispatch(struct hal_frame *f)
{
    int from_user = ((f->ipsr >> PSR_CPL_SHIFT) & 3) != 0;
    word_t v = f->vector;
    if (v == IVT_EXTINT) {
        external_interrupt(from_user);
        return;
    }
    if (!from_user)
        kernel_panic_frame(f, vector_name(v), f->ifa);
    switch (v) {
    case IVT_ITLB: case IVT_DTLB: case IVT_NOT_PRESENT:
    case IVT_IACCESS_RIGHTS: case IVT_DACCESS_RIGHTS:
        /* probes and other non-access instructions do not fault this way (no
         * translation is looked up for them but lfetch.fault and probe.fault) */
        user_fault(f, FAULT_PAGE, f->ifa, access_of(f), v);
        return;
    case IVT_DISABLED_FP:
        if (f->isr & 3) {                       /* dfl or dfh: the lazy FPU */
            fpu_trap(current_context());
            return;
        }
        break;
    }
    user_fault(f, FAULT_EXCEPTION, f->ifa, 0, v);
}
