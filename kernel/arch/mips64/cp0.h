/* MIPS64 Release 2 coprocessor 0: register numbers and the bits Tern uses (assembly-safe),
 * and accessors for C. */
#ifndef TERN_MIPS64_CP0_H
#define TERN_MIPS64_CP0_H

/* Registers ($n, select) */
#define CP0_INDEX $0
#define CP0_RANDOM $1
#define CP0_ENTRYLO0 $2
#define CP0_ENTRYLO1 $3
#define CP0_PAGEMASK $5
#define CP0_WIRED $6
#define CP0_HWRENA $7
#define CP0_BADVADDR $8
#define CP0_COUNT $9
#define CP0_ENTRYHI $10
#define CP0_COMPARE $11
#define CP0_STATUS $12
#define CP0_CAUSE $13
#define CP0_EPC $14
#define CP0_EBASE $15              /* select 1 */
#define CP0_CONFIG $16
#define CP0_XCONTEXT $20

/* Status */
#define ST_IE 0x1
#define ST_EXL 0x2
#define ST_ERL 0x4
#define ST_KSU_USER 0x10
#define ST_UX 0x20                  /* 64-bit user addressing: xuseg, the XTLB refill */
#define ST_SX 0x40
#define ST_KX 0x80                  /* 64-bit kernel addressing */
#define ST_IM_TIMER 0x8000          /* IM7: the Count/Compare interrupt */
#define ST_BEV 0x400000
#define ST_FR 0x4000000             /* 32 64-bit FPU registers */
#define ST_CU0 0x10000000
#define ST_CU1 0x20000000

/* Cause */
#define CAUSE_BD 0x80000000         /* the exception hit a branch delay slot */
#define CAUSE_CE_SHIFT 28
#define CAUSE_IP_TIMER 0x8000       /* IP7 */
#define CAUSE_EXC_SHIFT 2
#define CAUSE_EXC_MASK 0x7c
#define EXC_INT 0                   /* ExcCode */
#define EXC_MOD 1
#define EXC_TLBL 2
#define EXC_TLBS 3
#define EXC_ADEL 4
#define EXC_ADES 5
#define EXC_SYS 8
#define EXC_BP 9
#define EXC_RI 10
#define EXC_CPU 11
#define EXC_OV 12
#define EXC_TR 13
#define EXC_FPE 15

/* Config1: the TLB's entries - 1 in bits 30:25 */
#define CONFIG1_MMU_SHIFT 25
#define CONFIG1_MMU_MASK 0x3f

/* HWREna: what rdhwr may read in user mode (CC: the Count, CCRes: its resolution) */
#define HWRENA_CC 0x4
#define HWRENA_CCRES 0x8

#ifndef __ASSEMBLY__
/* dmfc0/dmtc0 for the 64-bit registers (EntryHi, EntryLo, XContext, EPC, BadVAddr),
 * mfc0/mtc0 for the 32-bit ones; every write waits out its hazard (ehb). */
#define CP0_STR2(x) #x
#define CP0_STR(x) CP0_STR2(x)
#define cp0_read(reg, sel) ({ unsigned long _v; \
    __asm__ __volatile__("dmfc0 %0, " CP0_STR(reg) ", " #sel : "=r"(_v)); _v; })
#define cp0_write(reg, sel, v) \
    __asm__ __volatile__("dmtc0 %0, " CP0_STR(reg) ", " #sel "\n\tehb" : : "r"((unsigned long)(v)) : "memory")
#define cp0_read32(reg, sel) ({ unsigned long _v; \
    __asm__ __volatile__("mfc0 %0, " CP0_STR(reg) ", " #sel : "=r"(_v)); (unsigned)_v; })
#define cp0_write32(reg, sel, v) \
    __asm__ __volatile__("mtc0 %0, " CP0_STR(reg) ", " #sel "\n\tehb" : : "r"((unsigned long)(v)) : "memory")
#endif
#endif
