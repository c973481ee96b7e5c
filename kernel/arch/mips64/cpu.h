/* What the mips64 port's files share: the Status values of kernel and user mode, the
 * TLB and ASIDs (arch/mips64). */
#ifndef TERN_MIPS64_CPU_H
#define TERN_MIPS64_CPU_H

#include <arch/mips64/cp0.h>

/* The kernel: 64-bit addressing, FPU registers 64 bits wide, interrupts off (it is not
 * preemptible). A user thread: user mode after eret (EXL until then), interrupts on,
 * the timer unmasked; CU1 only while it owns the FPU. */
#define STATUS_KERNEL (ST_KX | ST_UX | ST_FR)
#define STATUS_USER (STATUS_KERNEL | ST_KSU_USER | ST_EXL | ST_IE | ST_IM_TIMER)

#ifndef __ASSEMBLY__
struct hal_space;
struct hal_frame;

/* The TLB (tlb.c) */
void tlb_init(void);
void tlb_flush_all(void);
unsigned long asid_of(struct hal_space *s);    /* its ASID, a fresh one if it had none */
void asid_release(struct hal_space *s);

/* The timer (timer.c) */
void timer_interrupt(void);

/* What the glue keeps for the running thread: its space's top-level table (the refill
 * walks it). Its kernel stack is the top of its TCB's block (current + TCB_KSTACK_BYTES). */
extern unsigned long cpu_page_table;
extern unsigned long utcb_pointer_word[];
#endif
#endif
