/*
 * Switching the CPU to a thread (the slow path's switch; the fast path does the same in
 * its fragments): the FPU trap state, the kernel stack traps and system calls start on,
 * the address space, and the UTCB pointer user code reads (%fs:0 or %gs:0).
 */
#include <arch/x86/pte.h>
#include <generic/hal.h>
#include <port/arch/cpu.h>

void hal_activate(struct hal_context *ctx, struct hal_space *space, word_t utcb_va)
{
    fpu_switch(ctx);
    tss.sp0 = ctx->stack_top;                   /* traps and the system call entry start there */
    paddr_t cr3 = hal_virt_to_phys(space->root);
    if (read_cr3() != cr3)
        write_cr3(cr3);
    utcb_pointer_word[0] = utcb_va;
    x86_reload_utcb_segment();
}
