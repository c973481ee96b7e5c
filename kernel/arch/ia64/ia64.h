/* ia64 CPU definitions the HAL uses: PSR bits, the interruption vectors, the region and
 * translation registers, and accessors for control and application registers. */
#ifndef TERN_IA64_H
#define TERN_IA64_H

#include <arch/ia64/hal_types.h>

/* PSR bits */
#define PSR_IC (IA64_UL(1) << 13)         /* interruption collection */
#define PSR_I (IA64_UL(1) << 14)          /* external interrupts */
#define PSR_DT (IA64_UL(1) << 17)         /* data translation */
#define PSR_DFL (IA64_UL(1) << 18)        /* f2-f31 disabled */
#define PSR_DFH (IA64_UL(1) << 19)        /* f32-f127 disabled: the lazy FP trap */
#define PSR_RT (IA64_UL(1) << 27)         /* register stack translation */
#define PSR_CPL_SHIFT 32
#define PSR_CPL_USER (IA64_UL(3) << PSR_CPL_SHIFT)
#define PSR_IT (IA64_UL(1) << 36)         /* instruction translation */
#define PSR_RI_SHIFT 41            /* the slot of the next instruction in its bundle */
#define PSR_BN (IA64_UL(1) << 44)         /* register bank 1 */
/* The kernel runs translated, with collection on, on bank 1, interrupts off; users the
 * same at privilege 3 with interrupts on. */
#define PSR_KERNEL (PSR_IC | PSR_DT | PSR_RT | PSR_IT | PSR_BN)
#define PSR_USER (PSR_KERNEL | PSR_I | PSR_CPL_USER)

/* ISR bits: what an access that faulted was */
#define ISR_X (IA64_UL(1) << 32)
#define ISR_W (IA64_UL(1) << 33)
#define ISR_R (IA64_UL(1) << 34)
#define ISR_NA (IA64_UL(1) << 35)         /* a non-access instruction (probe, fc, tpa, lfetch) */
#define ISR_CODE_MASK 0xffff

/* IVT offsets (the vector a frame records) */
#define IVT_ITLB 0x0c00            /* alternate instruction TLB miss: the walker is off */
#define IVT_DTLB 0x1000            /* alternate data TLB miss */
#define IVT_DIRTY 0x2000
#define IVT_IACCESS 0x2400
#define IVT_DACCESS 0x2800
#define IVT_BREAK 0x2c00
#define IVT_EXTINT 0x3000
#define IVT_NOT_PRESENT 0x5000
#define IVT_KEY_PERMISSION 0x5100
#define IVT_IACCESS_RIGHTS 0x5200
#define IVT_DACCESS_RIGHTS 0x5300
#define IVT_GENERAL 0x5400          /* illegal operation, privileged operation, register ... */
#define IVT_DISABLED_FP 0x5500
#define IVT_NAT 0x5600
#define IVT_SPECULATION 0x5700
#define IVT_DEBUG 0x5900
#define IVT_UNALIGNED 0x5a00
#define IVT_UNSUPPORTED_DATA 0x5b00
#define IVT_FP_FAULT 0x5c00
#define IVT_FP_TRAP 0x5d00
#define IVT_LOWER_PRIVILEGE 0x5e00
#define IVT_TAKEN_BRANCH 0x5f00
#define IVT_SINGLE_STEP 0x6000

/* Region ids: the kernel's region 7 has its own, spaces get theirs from RID_FIRST up. */
#define KERNEL_RID 1
#define RID_FIRST 2
#define RID_BITS 24
#define RR_VALUE(rid, page_bits) ((rid) << 8 | (page_bits) << 2)

/* The timer's external interrupt vector (cr.itv) */
#define TIMER_VECTOR 0xef
#define ITV_MASKED (1 << 16)
#define SPURIOUS_VECTOR 15

#ifndef __ASSEMBLY__
#define IA64_CR_READ(name) ({ unsigned long v_; \
    __asm__ __volatile__("mov %0 = cr." #name : "=r"(v_)); v_; })
#define IA64_CR_WRITE(name, v) \
    __asm__ __volatile__("mov cr." #name " = %0 ;; srlz.d ;;" : : "r"((unsigned long)(v)) : "memory")
#define IA64_AR_READ(name) ({ unsigned long v_; \
    __asm__ __volatile__("mov %0 = ar." #name : "=r"(v_)); v_; })

static inline void ia64_rr_write(unsigned long va, unsigned long value)
{
    __asm__ __volatile__("mov rr[%0] = %1 ;; srlz.d ;;" : : "r"(va), "r"(value) : "memory");
}

/* Purge the local TC of every translation of [va, va + 2^bits) under the region id
 * rr[va] holds now. */
static inline void ia64_ptc_l(unsigned long va, unsigned bits)
{
    __asm__ __volatile__("ptc.l %0, %1 ;; srlz.d ;;" : : "r"(va), "r"((unsigned long)bits << 2) : "memory");
}

/* Interrupts on for the one instruction group between the two serializations. */
static inline void ia64_interrupt_window(void)
{
    __asm__ __volatile__("ssm psr.i ;; srlz.d ;; nop.i 0 ;; nop.i 0 ;; rsm psr.i ;; srlz.d ;;"
                         : : : "memory");
}

void tlb_purge_all(void);
/* The board's say on the periodic tick: 0 when it is off (Ski: tern.tick=off). */
int board_ticks(void);
void timer_interrupt(void);
unsigned long rid_of(const struct hal_space *s);
#endif
#endif
