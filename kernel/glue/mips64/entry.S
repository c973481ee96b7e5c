/*
 * mips64 exception vectors, kernel entries and the one exit. EBase points at the vectors
 * (cpu.c): the TLB refill at +0x000 (32-bit addresses: never used, UX is on), the XTLB
 * refill at +0x080 (generated from port.toml [page_table]), the cache error at +0x100
 * and everything else at +0x180, where a syscall not in a delay slot goes to the
 * generated fast path. Every entry leaves a struct hal_frame (port.toml [frame]) at the
 * top of the thread's kernel stack (or below the kernel's stack when the kernel was
 * interrupted), saved and restored with k1 as the base; the exit is always eret.
 */
#include <arch/mips64/cpu.h>
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>
#include <tern/kernel/offsets.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>
#include <tern/config/max_threads.h>

    .set noreorder
    .set noat

/* The lean entry's block (below): the results, the user's sp, hi and lo, then the
 * registers no stub gives up (ra: jalr takes it); 16-aligned. */
#define LEAN_SP (SYSCALL_LEAN_RESULTS * 8)
#define LEAN_HI (LEAN_SP + 8)
#define LEAN_LO (LEAN_SP + 16)
#define LEAN_KEEP (LEAN_SP + 24)
#define LEAN_BLOCK ((LEAN_KEEP + LEAN_KEEP_COUNT * 8 + 15) / 16 * 16)

    .section .text.vectors, "ax"
    .globl exception_vectors
exception_vectors:
vec_tlb_refill:                         /* +0x000 */
    j exception_common
    nop

    .org 0x080
vec_xtlb_refill:                        /* +0x080: at most 32 instructions */
#include <tern/kernel/tlb_refill.inc>
    .if . - vec_xtlb_refill > 0x80
    .error "the XTLB refill does not fit its vector"
    .endif

    .org 0x100
vec_cache_error:                        /* +0x100 (run uncached): nothing to recover */
    j cache_error
    nop

    .org 0x180
vec_general:                            /* +0x180: syscall, or anything else */
    mfc0 $26, CP0_CAUSE
    bltz $26, exception_common          /* in a delay slot (Cause.BD): never an IPC */
    andi $27, $26, CAUSE_EXC_MASK
    xori $27, $27, EXC_SYS << CAUSE_EXC_SHIFT
    bnez $27, exception_common
    /* the delay slot: the next instruction, which touches only k0 or k1 */
#if TERN_CONFIG_FASTPATH
#include <tern/kernel/fastpath.inc>
#endif
    .set noreorder
    .set noat

/* The lean calls (port.toml [lean]) need no frame. Their results, the user's sp, hi, lo
 * and ra (no stub gives ra up; jalr takes it) go to a block just below the thread's frame,
 * the results preset with the user's own values; the frame itself is left alone, since
 * the fast path reuses its Status. The handler runs on the stack below with EXL still set
 * (kernel mode, interrupts off: nothing can switch threads; it touches only KSEG0), then
 * the block comes back, the other caller-saved registers that are no result are cleared,
 * and eret returns past the syscall. (A kernel fault inside a handler would, with EXL
 * set, look like an exception at the user's syscall: the handlers only read KSEG0.) The
 * first instruction may fill the vector's delay slot: k0 only. */
syscall_slow:
    sltiu $26, $2, SYSCALL_NUMBERS
    beqz $26, syscall_full
    dsll $27, $2, 3
    lui $26, %hi(syscall_lean_table)
    daddu $26, $26, $27
    ld $26, %lo(syscall_lean_table)($26)
    beqz $26, syscall_full
    lui $27, %hi(current)
    ld $27, %lo(current)($27)
    daddiu $27, $27, TCB_KSTACK_BYTES - FRAME_SIZE - LEAN_BLOCK
    .set lean_i, 0
    .irp r, LEAN_RESULT_REGS_POP
    sd \r, lean_i($27)
    .set lean_i, lean_i + 8
    .endr
    sd $29, LEAN_SP($27)
#if LEAN_KEEP_COUNT
    .set lean_i, LEAN_KEEP
    .irp r, LEAN_KEEP_REGS
    sd \r, lean_i($27)
    .set lean_i, lean_i + 8
    .endr
#endif
    mfhi $2                             /* the results are saved: their registers are free */
    sd $2, LEAN_HI($27)
    mflo $2
    sd $2, LEAN_LO($27)
    move $29, $27
    jalr $26                            /* handler(a: unused, r: the block) */
    move $5, $29
    ld $2, LEAN_HI($29)
    mthi $2
    ld $2, LEAN_LO($29)
    mtlo $2
    .set lean_i, 0
    .irp r, LEAN_RESULT_REGS_POP
    ld \r, lean_i($29)
    .set lean_i, lean_i + 8
    .endr
#if LEAN_KEEP_COUNT
    .set lean_i, LEAN_KEEP
    .irp r, LEAN_KEEP_REGS
    ld \r, lean_i($29)
    .set lean_i, lean_i + 8
    .endr
#endif
    .irp r, LEAN_SCRUB_REGS
    move \r, $0
    .endr
    dmfc0 $26, CP0_EPC
    daddiu $26, $26, 4                  /* return past the syscall */
    dmtc0 $26, CP0_EPC
    ld $29, LEAN_SP($29)
    move $26, $0
    move $27, $0
    ehb
    eret

/* A system call: the frame at the top of the thread's kernel stack, the C, the exit. */
syscall_full:
    lui $27, %hi(current)
    ld $27, %lo(current)($27)
    daddiu $27, $27, TCB_KSTACK_BYTES - FRAME_SIZE
    FRAME_SAVE
    dmfc0 $26, CP0_EPC
    daddiu $26, $26, 4                  /* return past the syscall */
    sd $26, FRAME_EPC($27)
    li $26, FRAME_VECTOR_SYSCALL
    b enter_c
    sd $26, FRAME_VECTOR($27)

/* A TLB miss the refill cannot serve (no table, or an address it does not cover) is a
 * TLB load or store exception like any other: a page fault. */
    .set tlb_refill_slow, exception_common

/* An exception or interrupt: from user mode the frame goes to the top of the thread's
 * kernel stack; from the kernel (an interrupt while idle, or a fault: a panic) below
 * the kernel stack in use. */
exception_common:
    mfc0 $26, CP0_STATUS
    andi $26, $26, ST_KSU_USER
    beqz $26, 1f
    daddiu $27, $29, -FRAME_SIZE        /* from the kernel: below its stack */
    lui $27, %hi(current)
    ld $27, %lo(current)($27)
    daddiu $27, $27, TCB_KSTACK_BYTES - FRAME_SIZE
1:  FRAME_SAVE
    dmfc0 $26, CP0_EPC
    sd $26, FRAME_EPC($27)
    mfc0 $26, CP0_CAUSE
    andi $26, $26, CAUSE_EXC_MASK
    dsrl $26, $26, CAUSE_EXC_SHIFT
    sd $26, FRAME_VECTOR($27)
    mfc0 $26, CP0_CAUSE
    sd $26, FRAME_CAUSE($27)
    dmfc0 $26, CP0_BADVADDR
    sd $26, FRAME_BADVADDR($27)
    /* fall through */

/* Both: the rest of the frame, then C on the kernel stack below it, in kernel mode with
 * interrupts off (EXL off, so a fault in the kernel is reported where it happened). */
enter_c:
    mfhi $26
    sd $26, FRAME_HI($27)
    mflo $26
    sd $26, FRAME_LO($27)
    mfc0 $26, CP0_STATUS
    sd $26, FRAME_STATUS($27)
    move $29, $27
    li $26, STATUS_KERNEL
    mtc0 $26, CP0_STATUS
    ehb
    move $4, $29
    ld $26, FRAME_VECTOR($29)
    xori $26, $26, FRAME_VECTOR_SYSCALL
    bnez $26, 2f
    nop
    jal syscall_entry
    nop
    b return_to_user
    nop
2:  jal trap_dispatch
    nop
    /* fall through */

/* $29 points at a frame; return to whatever it describes. EXL goes on first, so the
 * saved Status (user mode, interrupts on) takes effect only with eret. k0 and k1 are
 * left holding nothing of the kernel's. */
    .globl return_to_user
return_to_user:
    move $27, $29
    ld $26, FRAME_STATUS($27)
    ori $26, $26, ST_EXL
    mtc0 $26, CP0_STATUS
    ehb
    ld $26, FRAME_EPC($27)
    dmtc0 $26, CP0_EPC
    ld $26, FRAME_HI($27)
    mthi $26
    ld $26, FRAME_LO($27)
    mtlo $26
    FRAME_RESTORE
    move $26, $0
    move $27, $0
    ehb
    eret

cache_error:
    lui $26, %hi(cache_error_message)
    jal panic
    daddiu $4, $26, %lo(cache_error_message)

/* The generated hal_switch (switch.inc); a new thread "returns" into thread_start with
 * its frame above. */
#include <tern/kernel/switch.inc>

    .globl thread_start
thread_start:
    b return_to_user
    nop

/* A thread the fast path blocked is resumed by the slow path here: its saved kernel
 * stack pointer names fastpath_resume_ctx, which hal_switch pops as it would a switched-out
 * stack; we then move to the thread's own stack (the top of its TCB's block: current),
 * finish the IPC system call as the slow path would (ipc_resume) and leave. */
    .globl fastpath_resume
fastpath_resume:
    lui $29, %hi(current)
    ld $29, %lo(current)($29)
    daddiu $29, $29, TCB_KSTACK_BYTES - FRAME_SIZE
    jal ipc_resume
    move $4, $29
    b return_to_user
    nop

    /* at the image's first address (link.ld), 64 KiB-aligned: the fast path names it
     * with one lui */
    .section .rodata.fastpath_resume, "a"
    .align 3
    .globl fastpath_resume_ctx
fastpath_resume_ctx:                    /* read only: every fast-blocked thread shares it */
    .fill HAL_SWITCH_WORDS, 8, 0
    .quad fastpath_resume

    .section .rodata
cache_error_message:
    .asciz "cache error"
