/*
 * The HAL interface: everything the generic core asks of a port. The generic core
 * includes only this header (and the generated headers) for what a port provides; the
 * CPU's types come in through <port/arch/hal_types.h>, the port's kernel/arch/<isa>/
 * hal_types.h. Implemented by the port's glue (kernel/glue/), CPU (kernel/arch/) and
 * board (kernel/plat/) folders, but for the core's own functions a port calls ("Called
 * by the arch", and the FPU's). Ports that boot but do not run the core yet implement
 * only the first block.
 */
#ifndef TERN_HAL_H
#define TERN_HAL_H

/* ---- Every arch: console and exit --------------------------------------------------- */
void hal_console_init(void);
void hal_console_putc(char c);
/* Leave the emulator (or halt the machine) with an exit status the host can read. */
_Noreturn void hal_exit(int status);

#ifdef TERN_HAL_CORE
#include <port/arch/hal_types.h>   /* word_t, paddr_t, struct hal_context, struct hal_space */
#include <tern/abi.h>
struct hal_frame;                   /* the saved user state: <tern/kernel/frame.h>, generated */

/* ---- Boot -------------------------------------------------------------------------- */
struct boot_module { paddr_t start, end; const char *name; };
struct boot_info {
    paddr_t mem_start, mem_end;     /* usable RAM for the kernel's allocator */
    unsigned modules;
    struct boot_module module[4];   /* module 0 is the root task's ELF image */
};
void hal_cpu_init(void);                    /* descriptor tables, traps, syscall entry */
void hal_boot_info(struct boot_info *bi);

/* ---- Physical memory: reachable through the kernel's direct map ---------------------- */
void *hal_phys_to_virt(paddr_t pa);
paddr_t hal_virt_to_phys(const void *va);

/* ---- Address spaces ---------------------------------------------------------------- */
/* Access rights: an fpage's rights bits (abi/generic.toml [fpage_rights]). */
enum { HAL_READ = TERN_FPAGE_READ, HAL_WRITE = TERN_FPAGE_WRITE, HAL_EXEC = TERN_FPAGE_EXECUTE };
int hal_space_init(struct hal_space *s);    /* 0, or -1 when out of memory */
void hal_space_destroy(struct hal_space *s);
word_t hal_space_root(struct hal_space *s);  /* the MMU root register's value for s */
/* Map one base page; 0, or -1 when out of memory. */
int hal_space_map(struct hal_space *s, word_t va, paddr_t pa, unsigned rights);
/* The physical address and rights behind a user address, or -1 if none. */
int hal_space_lookup(struct hal_space *s, word_t va, paddr_t *pa, unsigned *rights);
void hal_space_unmap(struct hal_space *s, word_t va);
/* What was done with a mapped page since it was mapped or last asked (HAL_READ:
 * referenced, HAL_WRITE: written), and forget it. Where the MMU records no use (the
 * ABI's access_status = "rights"), every right the page has. 0 when nothing is mapped. */
unsigned hal_space_status(struct hal_space *s, word_t va);
/* The lowest address at or above user address va that may be mapped in s (va itself, or
 * where the next page table begins): walks over a large fpage skip what no table covers.
 * The user part of a space is [HAL_KERNEL_END, HAL_USER_END), less what
 * hal_user_address leaves out; the walk skips the rest without asking. */
word_t hal_space_next(struct hal_space *s, word_t va);
int hal_user_address(word_t va);            /* inside the user part of every space? */
/* Is ip in the IPC gate page the ABI may give every space (TERN_IPC_GATE, 0 where IPC
 * traps)? */
static inline int hal_in_ipc_gate(word_t ip)
{
    return TERN_IPC_GATE != 0 && ip >> TERN_PAGE_BITS == (word_t)TERN_IPC_GATE >> TERN_PAGE_BITS;
}
/* May a thread run in user mode at ip: a user address, or the IPC gate page (ia64: a
 * thread stopped in IPC sits at its return)? The same for every port: derived from the
 * ABI, not implemented by one. */
static inline int hal_user_ip(word_t ip)
{
    return hal_user_address(ip) || hal_in_ipc_gate(ip);
}
/* How many TLB entries disagree with the page tables (current: the running thread's
 * space); -1 where the TLB cannot be read. For tests, through the debug call. */
long hal_tlb_check(struct hal_space *current);

/* ---- Threads ----------------------------------------------------------------------- */
/* Prepare a thread's kernel stack so that the first hal_switch to it enters user mode
 * at ip with sp. */
void hal_thread_init(struct hal_context *ctx, struct hal_frame *frame, word_t ip, word_t sp);
/* Save the current kernel context in *from, resume *to. */
void hal_switch(struct hal_context *from, struct hal_context *to);
/* Make the next user entry of this thread use its kernel stack, space and UTCB. */
void hal_activate(struct hal_context *ctx, struct hal_space *space, word_t utcb_va);
/* Set ip/sp/flags of a user frame; an ip or sp outside user space is refused (-1). The
 * frame's fields are read through <tern/kernel/frame.h> (frame_ip, frame_sp, ...). */
int hal_frame_set(struct hal_frame *f, word_t ip, word_t sp, word_t flags);

/* ---- The FPU: one owner at a time ------------------------------------------------- */
/* The generic core keeps the owner (core/fpu_owner.c; the generated fast paths read its
 * global fpu_owner): one thread's state is in the FPU registers, any other thread's use
 * traps, and the trap (with lazy_fpu = false, every switch) moves the state. struct
 * hal_context has word_t fpu_used (its fpu area holds its state), which the core keeps.
 * The port moves the state and arms the trap: */
void hal_fpu_save(struct hal_context *ctx);     /* the registers into ctx's fpu area */
void hal_fpu_load(struct hal_context *ctx);     /* ctx's fpu area into the registers */
void hal_fpu_fresh(void);                       /* the registers as a first use finds them */
/* Around the saves and loads of one change of owner (on, then off), where the kernel may
 * not touch the FPU otherwise (mips64: Status.CU1). It comes after hal_fpu_grant of the
 * new owner, which on some ports (x86: CR0.TS) lets the kernel in already. */
void hal_fpu_kernel_use(int on);
/* ctx, which runs now or next, owns the FPU: its use does not trap. */
void hal_fpu_grant(struct hal_context *ctx);
/* ctx, which does not run, has lost the FPU: its next use traps. */
void hal_fpu_revoke(struct hal_context *ctx);
/* Does the thread that runs now or next own the FPU? Told at every switch with lazy_fpu
 * = true, and (0) when the owner goes, only where HAL_FPU_TRAP_PER_CPU (hal_types.h) says
 * the trap is one switch for the CPU, not one per frame (x86's CR0.TS): it follows the
 * running thread here. Elsewhere the core makes no call at all. */
void hal_fpu_running(int owner);
/* The core's: the arch calls the first two. */
void fpu_trap(struct hal_context *ctx);     /* the running thread used the FPU, not owning it */
void fpu_switch(struct hal_context *ctx);   /* every switch to ctx but the fast path's (hal_activate) */
void hal_thread_destroy(struct hal_context *ctx);   /* a thread is gone: it owns the FPU no more */

/* ---- Time -------------------------------------------------------------------------- */
void hal_timer_init(unsigned hz);           /* calls timer_tick() hz times a second */
/* Rate of the cycle counter user code reads (TSC, CP0 Count, ar.itc) in kHz, measured
 * against the timer at boot; 0 when the arch cannot tell. */
unsigned long hal_cycle_counter_khz(void);
void hal_idle(void);                        /* wait for an interrupt with interrupts on */
/* Let a pending interrupt in and return (long kernel work calls it now and then): the
 * timer tick is counted; nothing switches threads in the kernel. */
void hal_preemption_point(void);

/* ---- Interrupt lines and I/O ports (abi [arch] interrupts and io_ports) ------------- */
/* May users handle line irq (an interrupt thread's number)? Not a line the kernel keeps. */
int hal_irq_attachable(word_t irq);
/* Mask or unmask an attachable line at the interrupt controller. The arch masks a line
 * and acknowledges the controller before it calls interrupt_raise: the line stays masked
 * until its handler replies. */
void hal_irq_mask(word_t irq);
void hal_irq_unmask(word_t irq);
/* Let s use the I/O ports [port, port + count) (on) or not (off); ports the board keeps
 * are left out. 0, or -1 when the range is not in [0, io_ports). */
int hal_io_allow(struct hal_space *s, word_t port, word_t count, int on);
int hal_io_allowed(const struct hal_space *s, word_t port, word_t count);

/* ---- The sanitizer build (kernel.ubsan) --------------------------------------------- */
/* Is a trap in the kernel a failed check? The check's kind where the trapping instruction
 * encodes it (sanitizer_check_name), -1 where it does not, -2 when it is no check. */
int hal_sanitizer_trap(const struct hal_frame *f);
const char *sanitizer_check_name(int kind);

/* ---- Called by the arch ------------------------------------------------------------ */
paddr_t frame_alloc(void);                  /* a zeroed base page, 0 when none is left */
void frame_free(paddr_t pa);
void timer_tick(int from_user);             /* may switch threads when from_user */
struct hal_context *current_context(void);  /* the running thread's, NULL while idle */
struct hal_space *current_space(void);      /* the running thread's space's, NULL while idle */
/* Line irq fired: the arch has masked it and acknowledged the controller. */
void interrupt_raise(word_t irq, int from_user);
void syscall_entry(struct hal_frame *f);   /* every call, by number */
void syscall_ipc(struct hal_frame *f);     /* IPC, for entries that carry no number */
/* The lean calls' handlers by number, 0 for the rest: called with no frame, interrupts
 * off, r[] preset with the user's result registers (port.toml [lean], asm_abi.h). */
extern void (*const syscall_lean_table[])(const word_t *a, word_t *r);
/* A user fault: kind is one of the enum below; addr the faulting address, if any. */
enum { FAULT_PAGE, FAULT_EXCEPTION };
void user_fault(struct hal_frame *f, int kind, word_t addr, unsigned access, word_t code);
/* A fault in the kernel: a dump of the frame, the faulting address, and the end. */
_Noreturn void kernel_panic_frame(const struct hal_frame *f, const char *what, word_t address);
#endif /* TERN_HAL_CORE */

#endif
