/*
 * The generic core's internal interface: threads, spaces, scheduling, IPC. Portable C;
 * everything arch-specific comes through hal.h and the generated ABI headers.
 */
#ifndef TERN_KERNEL_H
#define TERN_KERNEL_H

#include <tern/abi.h>
/* Kernel options (tern/config/<option>.h) are included by the .c files that use them,
 * never here: changing one option must rebuild only its users. */

#include <generic/hal.h>
#include <generic/kprintf.h>
#include <tern/kernel/frame.h>         /* struct hal_frame, generated from the port */
#include <tern/root_map.h>             /* where the root task's pieces go */

#define NULL ((void *)0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MR(u, i) ((u)->mr[i])

#include <freestanding.h>              /* memset, memcpy, ... (libc/) */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define ASSERT(c) do { if (!(c)) panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__); } while (0)

/* ---- Memory -------------------------------------------------------------------------- */
void frames_init(paddr_t start, paddr_t end);
void frame_set_kernel_owned(paddr_t p, int owned);   /* lent to user space, not to pass on */
int frame_kernel_owned(paddr_t p);

/* The invariant check (invariants.c, the debug call's `check`): each part returns NULL,
 * or the name of the invariant it found broken. */
const char *kernel_check(void);
const char *frames_check(void);        /* also marks the free frames for ... */
int frame_marked_free(paddr_t p);
const char *spaces_check(void);
const char *sched_check(void);
const char *threads_check(void);
unsigned long frames_free(void);
void *kblock_alloc(void);              /* a TCB + kernel stack block, or NULL */
void kblock_free(void *block);

/* ---- Address spaces ---------------------------------------------------------------- */
typedef struct space {
    struct hal_space hal;
    word_t mmu_root;           /* what the MMU root register holds for it (hal_space_root) */
    word_t kip_va;             /* where the KIP is mapped (0: not yet) */
    word_t utcb_base, utcb_size;
    unsigned threads;          /* threads living in it: the last one out destroys it */
    int privileged;            /* the root task's space: may create threads and spaces */
    int used;
} space_t;

space_t *space_create(void);
void space_release(space_t *s);
int space_map_kip(space_t *s, word_t va);   /* 0; -1: not a user page; -2: out of memory */
/* Walking an fpage of s: the next offset at or after *off in [base, base + size) where s
 * may hold a page (what no page table covers is skipped); 0 at the end. */
int space_held_next(space_t *s, word_t base, word_t size, word_t *off);
void preemption_step(void);     /* one page of long work done: now and then, let interrupts in */

/* ---- The mapping database (mapdb.c): who holds each page, and from whom --------------- */
paddr_t mapdb_init(paddr_t start);     /* carves its pool at start; returns where it ends */
unsigned long mapdb_free_nodes(void);
/* A root task's boot mapping (a root of the tree); kernel_frame: frame_alloc'd, so it
 * goes back to the kernel when its last holder lets go. Panics when out of memory. */
void mapdb_root(space_t *s, word_t va, paddr_t pa, unsigned rights, int kernel_frame);
/* Map (or grant: move) src's page at sva to dst at dva with want & the sender's rights.
 * 0 (also when the sender holds nothing there), or TERN_IPC_ERR_NO_MEMORY. */
word_t mapdb_map(space_t *src, word_t sva, space_t *dst, word_t dva, unsigned want, int grant);
/* Would mapdb_map (not grant) take a new node for this page? */
int mapdb_map_needs_node(space_t *src, word_t sva, space_t *dst, word_t dva, unsigned want);
/* Take rights from every mapping derived from s's page at va (flush: from s's too); the
 * access status of them all (HAL_READ: referenced, HAL_WRITE: written). */
unsigned mapdb_unmap(space_t *s, word_t va, unsigned rights, int flush);
void mapdb_space_gone(space_t *s);     /* a space dies: its mappings and all derived go */
int mapdb_holds(space_t *s, word_t va);
const char *mapdb_check(void);
int frame_in_pool(paddr_t p);          /* one of the frames the allocator manages? */

extern int sched_top_prio;             /* highest priority with a ready thread, -1 if none */

/* ---- The fast path's run-time switch (fastpath.c) ------------------------------------- */
extern word_t fastpath_syscall;         /* TERN_SYS_IPC while it is on, ~0 while off */
int fastpath_switch(int on);            /* 0, or -1 when the build has no fast path */

/* ---- Threads ----------------------------------------------------------------------- */
/* Two receive states: T_RECEIVING_FAST is a receive phase of an IPC system call with no
 * timeout pending, the one case the fast path may complete (it tests this one field);
 * T_RECEIVING is every other receive (with a timeout, or a fault message's reply). */
enum thread_state { T_FREE, T_INACTIVE, T_READY, T_RUNNING, T_SENDING, T_RECEIVING,
                    T_RECEIVING_FAST, T_HALTED };
#define receiving(t) ((t)->state == T_RECEIVING || (t)->state == T_RECEIVING_FAST)

/* A string copy that stopped at a page fault (xfer.c), kept by both partners until it
 * ends: the faulting side asks its pager and the copy goes on from where it stopped. */
struct xfer_stop {
    struct tcb *peer;          /* the partner of the stopped transfer, NULL if none */
    word_t peer_id;            /* its id, to tell a reused TCB */
    word_t item, skip;         /* (sender) the typed MR it stopped in, bytes of it done */
    word_t done;               /* bytes of strings copied so far: the error offset */
    unsigned long long deadline;   /* tick by which the transfer must end; 0: never */
    unsigned long long limit;  /* while asking the pager: no wait ends later than this */
    int pending;               /* the fault is this side's, not yet taken to its pager */
    int sending;               /* this side is the sender */
    word_t fault_addr;
    unsigned fault_access;     /* HAL_READ (the sender's string) or HAL_WRITE (a buffer) */
    word_t from_spec, rcv_timeout;   /* a faulting sender's receive phase, done after */
};

typedef struct tcb {
    struct hal_context ctx;
    word_t id;                 /* global thread id */
    enum thread_state state;
    unsigned prio;
    unsigned timeslice, remaining;    /* in timer ticks */
    struct tcb *next, *prev;   /* ready queue or a send queue */
    space_t *space;
    tern_utcb_t *utcb;         /* the kernel's view (direct map) */
    word_t utcb_va;            /* the thread's view */
    word_t pager, scheduler;
    struct hal_frame *frame;   /* user registers, at the top of the kernel stack */
    /* IPC */
    struct tcb *sendq_head, *sendq_tail;   /* threads blocked sending to this one */
    struct tcb *send_dest;     /* while T_SENDING: whom to */
    word_t rcv_spec;           /* while receiving (or after a queued send): from whom */
    word_t rcv_timeout;        /* 16-bit receive timeout of the pending receive phase */
    word_t ipc_from;           /* result: the partner of the last receive */
    word_t ipc_error;          /* result: 0, or the UTCB error code of the failed phase */
    int fault_ipc;             /* the IPC in progress is a fault message (fault.c), not a call */
    struct xfer_stop xfer;     /* a string copy stopped at a fault its pager may resolve */
    unsigned long long wakeup; /* timeout deadline in ticks, 0 = none */
    struct tcb *tnext;         /* timeout list */
    void *stack_base;          /* the 2-page block: this TCB, then the kernel stack */
} tcb_t;
/* Where a thread's user frame is when the port keeps it above the TCB ([frame] place,
 * FRAME_ABOVE_TCB); else it is at the top of the kernel stack. */
#define TCB_USER_FRAME_OFFSET ((sizeof(tcb_t) + 15) & ~15UL)

#define KSTACK_PAGES 2
extern tcb_t *current;

void threads_init(void);              /* an empty thread table */
tcb_t *tcb_lookup(word_t id);          /* NULL for nil, unknown, stale or dead ids */
tcb_t *tcb_lookup_number(word_t id);   /* whoever holds id's thread number, any version */
/* A page-aligned user address where nothing is mapped yet: a place for a new UTCB. */
int thread_utcb_place_free(space_t *space, word_t utcb_va);
tcb_t *thread_create(word_t id, space_t *space, word_t utcb_va);
void thread_delete(tcb_t *t);
int sched_queued(const tcb_t *t);      /* in its priority's ready queue? */
int sched_timeout_listed(const tcb_t *t);
word_t thread_no(word_t id);
word_t thread_version(word_t id);

/* ---- Scheduling and time ------------------------------------------------------------ */
extern unsigned long long ticks;
void sched_init(void);
void sched_ready(tcb_t *t);            /* make runnable (at the tail of its priority) */
void sched_unready(tcb_t *t);
void schedule(void);                   /* run the best ready thread (maybe current) */
void sched_yield(void);
void sched_donate(tcb_t *t);           /* run t now; current stays ready */
void sched_block(enum thread_state s); /* current stops running in state s */
void sched_preempt_if_better(tcb_t *t);
void timeout_set(tcb_t *t, word_t time16);   /* 16-bit relative time; never: none */
void timeout_set_at(tcb_t *t, unsigned long long tick);   /* 0: none */
unsigned long long timeout_deadline(word_t time16);      /* the tick it ends at; never: 0 */
void timeout_remove(tcb_t *t);
/* Inline: IPC cancels its partners' timeouts on every transfer, and most have none. */
static inline void timeout_cancel(tcb_t *t)
{
    if (t->wakeup)
        timeout_remove(t);
}
unsigned long long clock_us(void);
_Noreturn void sched_start(void);

/* ---- IPC --------------------------------------------------------------------------- */
void ipc(tcb_t *cur, word_t to, word_t from_spec, word_t timeouts);
void ipc_cancel(tcb_t *t, word_t code);      /* fail t's blocked IPC with code */
void ipc_partner_gone(tcb_t *dead);          /* wake everyone blocked on dead */
/* Move src's message to dst: 0, XFER_FAILED (both sides carry the error) or XFER_STOPPED
 * (a string copy met a fault for one side's pager: that side's xfer.pending is set). */
enum { XFER_DONE, XFER_FAILED, XFER_STOPPED };
word_t ipc_transfer(tcb_t *src, tcb_t *dst);
void ipc_timed_out(tcb_t *t);                /* t's timeout ran out while it was blocked */
/* (memset: clang for mips64 cannot call the memset a struct assignment makes up) */
static inline void xfer_clear(tcb_t *t) { memset(&t->xfer, 0, sizeof t->xfer); }
/* A message the kernel sends on t's behalf (a fault), and its reply (fault.c): msg[0..n)
 * go in MR0.., the reply's MR0..MR2 into reply[]; t's MRs, BR0 and error code are kept. */
word_t kernel_call(tcb_t *t, word_t to, const word_t *msg, unsigned n, word_t reply[3]);
word_t page_fault_call(tcb_t *t, word_t pager, word_t addr, unsigned access, word_t ip);
int has_handler(const tcb_t *t, word_t handler);   /* a live thread other than t? */
word_t ipc_error_word(int receive_phase, word_t code, word_t offset);
void ipc_resume(struct hal_frame *f);         /* finish an IPC system call */

/* ---- Interrupt threads (interrupt.c) ------------------------------------------------ */
void interrupts_init(void);
int interrupt_thread(const tcb_t *t);          /* one of the interrupt threads' TCBs? */
tcb_t *interrupt_lookup(word_t id);            /* the interrupt thread id names, or NULL */
word_t interrupt_control(tcb_t *irq, word_t space_spec, word_t pager);  /* attach, detach */
word_t interrupt_ack(tcb_t *irq, tcb_t *sender);   /* the handler's reply; an IPC error */
void interrupt_delivered(tcb_t *irq);
void interrupt_handler_gone(tcb_t *t);
void interrupts_deliver_pending(void);
const char *interrupts_check(void);
void ipc_interrupt(tcb_t *irq, tcb_t *handler);
void ipc_interrupt_withdraw(tcb_t *irq);
extern int kernel_mid_operation;               /* at a preemption point: wake nobody */

/* ---- I/O fpages (io_fpage.c) ---------------------------------------------------------- */
int io_fpage(word_t fpage_raw);                /* an I/O fpage (its size field is the marker)? */
word_t io_fpage_map(space_t *src, space_t *dst, word_t fpage_raw);
void io_fpage_unmap(space_t *s, word_t fpage_raw, int flush);
void space_io_revoke(space_t *except, word_t port, word_t count);

/* ---- System calls ------------------------------------------------------------------- */
word_t syscall_error(word_t code);          /* code into the caller's UTCB; returns 0 */
int syscall_privileged(void);               /* the caller's space may manage others */

/* ---- KIP and root task -------------------------------------------------------------- */
/* The KIP's API version word (L4 X.2): version in bits 24.., subversion in 16..23. */
#define KIP_API_VERSION (TERN_API_VERSION << 24 | TERN_API_SUBVERSION << 16)
extern paddr_t kip_frame;
tern_kip_t *kip(void);
void kip_init(const struct boot_info *bi);
void root_task_start(const struct boot_info *bi);
#endif
