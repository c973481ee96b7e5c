/*
 * Trap dispatch shared by ia32 and x86_64: timer and other IRQs (interrupt threads'
 * lines go to the core), the lazy-FPU trap, user port I/O, page faults and exceptions,
 * each turned into what the generic core does with it. The port sees each trap first (x86_arch_trap, its glue's traps.c) for what only it has:
 * ia32's `int` system call gate and its sysenter fixups.
 */
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <plat/pc99/pic.h>
#include <tern/kernel/frame.h>

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
    "invalid opcode", "device not available", "double fault", "coprocessor overrun",
    "invalid TSS", "segment not present", "stack fault", "general protection",
    "page fault", "reserved", "x87 FP error", "alignment check", "machine check",
    "SIMD FP error", "virtualization", "control protection",
};

const char *hal_exception_name(word_t vector)
{
    return vector < 32 && exception_names[vector] ? exception_names[vector] : "unknown";
}

void trap_dispatch(struct hal_frame *f)
{
    int from_user = (f->cs & 3) == 3;
    if (x86_arch_trap(f, from_user))
        return;
    if (f->vector == VEC_TIMER) {
        pic_eoi(f->vector);
        timer_tick(from_user);
        return;
    }
    if (f->vector > VEC_TIMER && f->vector < VEC_IRQ_END &&
        hal_irq_attachable(f->vector - VEC_TIMER)) {  /* a line for an interrupt thread */
        hal_irq_mask(f->vector - VEC_TIMER);
        pic_eoi(f->vector);
        interrupt_raise(f->vector - VEC_TIMER, from_user);
        return;
    }
    if (f->vector >= 32) {                            /* spurious or masked IRQ */
        if (f->vector < VEC_IRQ_END)
            pic_eoi(f->vector);
        return;
    }
    if (!from_user)
        kernel_panic_frame(f, hal_exception_name(f->vector), read_cr2());
    if (f->vector == 7) {                             /* #NM: lazy FPU switch */
        fpu_trap(current_context());
        return;
    }
    if (f->vector == 13 && x86_io_emulate(f, current_space()))
        return;                                       /* an `in` or `out` the space may do */
    if (f->vector == 14) {
        unsigned access = (f->error & 2) ? HAL_WRITE : (f->error & 16) ? HAL_EXEC : HAL_READ;
        user_fault(f, FAULT_PAGE, read_cr2(), access, f->error);
    } else {
        user_fault(f, FAULT_EXCEPTION, 0, 0, f->vector);
    }
}
