/*
 * The FPU on mips64, for the owner logic of generic/core/fpu_owner.c: $f0-$f31 and FCSR
 * (FR = 1). A thread runs with Status.CU1 set in its frame only while it owns the FPU, so
 * its first FPU instruction otherwise raises Coprocessor Unusable (CE = 1): the trap. CU1
 * moves from the old owner's frame to the new one's; as each frame keeps its own, a switch
 * changes nothing. The kernel itself never uses the FPU (it is built soft-float); it sets
 * CU1 only around a save or load.
 */
#include <tern/kernel/frame.h>

#include <arch/mips64/cpu.h>
#include <generic/hal.h>

_Static_assert(FPU_STATE_BYTES == 33 * 8, "the FPU state is $f0-$f31 and FCSR, a word each");

#define FPU_REGS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) \
    X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) \
    X(27) X(28) X(29) X(30) X(31)

void hal_fpu_kernel_use(int on)
{
    unsigned long status = cp0_read32(CP0_STATUS, 0);
    cp0_write32(CP0_STATUS, 0, on ? status | ST_CU1 : status & ~(unsigned long)ST_CU1);
}

void hal_fpu_save(struct hal_context *c)
{
#define SAVE(n) "sdc1 $f" #n ", " #n "*8(%0)\n\t"
    __asm__ __volatile__(".set push\n\t.set hardfloat\n\t" FPU_REGS(SAVE)
                         "cfc1 $8, $31\n\tsd $8, 256(%0)\n\t.set pop" : : "r"(c->fpu) : "$8", "memory");
#undef SAVE
}

void hal_fpu_load(struct hal_context *c)
{
#define LOAD(n) "ldc1 $f" #n ", " #n "*8(%0)\n\t"
    __asm__ __volatile__(".set push\n\t.set hardfloat\n\t" FPU_REGS(LOAD)
                         "ld $8, 256(%0)\n\tctc1 $8, $31\n\t.set pop" : : "r"(c->fpu) : "$8", "memory");
#undef LOAD
}

void hal_fpu_fresh(void)
{
#define ZERO(n) "dmtc1 $0, $f" #n "\n\t"
    __asm__ __volatile__(".set push\n\t.set hardfloat\n\t" FPU_REGS(ZERO)
                         "ctc1 $0, $31\n\t.set pop" : : : "memory");
#undef ZERO
}

/* Only the owner's frame has CU1. */
void hal_fpu_grant(struct hal_context *ctx) { ctx->frame->status |= ST_CU1; }
void hal_fpu_revoke(struct hal_context *ctx) { ctx->frame->status &= ~(unsigned long)ST_CU1; }
void hal_fpu_running(int owner) { (void)owner; }   /* not called: HAL_FPU_TRAP_PER_CPU is 0 */
