/*
 * libtern: the user-level library over the generated ABI headers. IPC wrappers keep the
 * message in the UTCB (register MRs are only their transport), thread and space helpers,
 * a console and the clock.
 */
#ifndef LIBTERN_H
#define LIBTERN_H

#include <tern/syscalls.h>

typedef tern_word_t word_t;

#define NEVER tern_timeouts_word(tern_time_never(), tern_time_never())
#define NULL ((void *)0)

/* ---- Ids and the UTCB ---------------------------------------------------------------- */
static inline word_t tern_tid(word_t number, word_t version) { return tern_global_id(number, version).raw; }
static inline word_t tern_myself(void) { return tern_utcb()->my_global_id; }
static inline word_t *tern_mr(void) { return tern_utcb()->mr; }
static inline word_t *tern_br(void) { return tern_utcb()->br; }
static inline word_t tern_ipc_error(void) { return tern_utcb()->error_code; }
static inline word_t tern_ipc_error_code(void)
{
    return tern_error_code_get_code((tern_error_code_t){ tern_utcb()->error_code });
}
static inline int tern_ipc_failed(tern_msgtag_t t) { return tern_msgtag_get_error(t) != 0; }
static inline tern_msgtag_t tern_tag(word_t label, word_t untyped, word_t typed)
{
    return tern_msgtag_make(untyped, typed, 0, 0, 0, 0, label);
}

/* ---- The host's arguments (boot module 1: "key value" lines; args.c) ------------------ */
/* Copy the text into buf (max bytes with its end): its length, 0 without arguments, -1
 * (said, as `who: ...`) when it does not fit. */
long tern_args_text(char *buf, unsigned long max, const char *who);
/* The next line at *cursor, cut in place; NULL after the last. */
char *tern_args_line(char **cursor);
/* `key` or `key value`: the value ("" for none); NULL for another key. */
const char *tern_args_value(const char *line, const char *key);
/* A decimal number at s: just past its digits, or NULL (no digit, or too large). */
const char *tern_args_digits(const char *s, unsigned long long *v);

/* ---- IPC --------------------------------------------------------------------------- */
tern_msgtag_t tern_ipc(word_t to, word_t from_spec, word_t timeouts, word_t *from);
tern_msgtag_t tern_call(word_t to);                          /* send, then wait for to */
tern_msgtag_t tern_send(word_t to);
tern_msgtag_t tern_send_timeout(word_t to, tern_time_t t);
tern_msgtag_t tern_receive(word_t from, word_t *sender);     /* from may be TERN_ANY_THREAD */
tern_msgtag_t tern_receive_timeout(word_t from, tern_time_t t, word_t *sender);
tern_msgtag_t tern_reply_wait(word_t to, word_t *sender);    /* reply, then open receive */
void tern_sleep_us(unsigned long long us);

/* A server: wait for a message from anyone, let answer() turn it into the reply (it
 * rewrites the MRs it sends and returns the reply's tag), reply and wait for the next;
 * failed receives are skipped. Inline down to the system call, so that a constant
 * answer() folds into the loop and MRs it leaves alone stay in their registers. */
typedef tern_msgtag_t (*tern_answer_fn)(tern_msgtag_t in, word_t *mr, word_t arg);
static inline __attribute__((always_inline)) _Noreturn void tern_serve(tern_answer_fn answer, word_t arg)
{
    tern_utcb_t *u = tern_utcb();
    word_t *mr = u->mr;
    const word_t wait = tern_timeouts_word(tern_time_never(), tern_time_never());
    const word_t reply = tern_timeouts_word(tern_time_zero(), tern_time_never());
    word_t from = tern_sys_ipc(TERN_NIL_THREAD, TERN_ANY_THREAD, wait, u, mr);
    for (;;) {
        tern_msgtag_t t = { mr[0] };
        if (tern_ipc_failed(t)) {
            from = tern_sys_ipc(TERN_NIL_THREAD, TERN_ANY_THREAD, wait, u, mr);
            continue;
        }
        mr[0] = answer(t, mr, arg).raw;
        /* the reply must not block the server: send timeout zero */
        from = tern_sys_ipc(from, TERN_ANY_THREAD, reply, u, mr);
    }
}

/* String items: an item of n substrings of len bytes each, at mr/br[at]. */
word_t tern_put_string(word_t *regs, word_t at, const void *const *addr, word_t n, word_t len, int more);
/* Accept strings into one buffer (BR0 = acceptor, BR1.. = the item). */
void tern_accept_string(void *buf, word_t len);
void tern_accept_strings(void *const *bufs, word_t n, word_t len);
/* How long a string copy may wait for pagers (UTCB xfer_timeouts): a copy that meets an
 * unmapped page in the sender's string or the receiver's buffer stops; the faulting side's
 * pager gets a page-fault message on that thread's behalf and, once it replied, the copy
 * goes on where it stopped. The transfer may take the shorter of the sender's send and
 * the receiver's receive xfer timeout for that, counted from its first fault. Zero (the
 * default for a new thread): no pager is asked. Time up, or the fault not resolvable (a
 * kernel address, no pager): xfer_fault_own for the side whose address it was,
 * xfer_fault_partner for the other, the offset in the error code the bytes copied. */
static inline void tern_set_xfer_timeouts(tern_time_t send, tern_time_t receive)
{
    tern_utcb()->xfer_timeouts = tern_timeouts_word(send, receive);
}

/* ---- Mappings ---------------------------------------------------------------------- */
/* A map item (grant: a grant item, which moves the pages: the sender loses them) in
 * regs[at] and regs[at + 1]: the fpage of the sender's, with the rights to give, lands at
 * send_base in the receiver's window (0: at the fpage's own offset in it). */
static inline void tern_put_map(word_t *regs, word_t at, tern_fpage_t fpage, word_t send_base, int grant)
{
    regs[at] = tern_string_item_make(0, grant ? TERN_ITEM_GRANT : TERN_ITEM_MAP, 0, 0,
                                     send_base >> TERN_FPAGE_SHIFT).raw;
    regs[at + 1] = fpage.raw;
}
/* Accept mappings into the 2^bits bytes at base (BR0); strings too if asked. */
static inline void tern_accept_mappings(word_t base, word_t bits, int strings)
{
    tern_br()[0] = tern_acceptor_make((word_t)(strings != 0), 0, bits, base >> TERN_FPAGE_SHIFT).raw;
}
/* Unmap: take each fpage's rights from every mapping derived from the pages it names in
 * the space of thread `space` (nil: the caller's; another's needs a privileged caller),
 * recursively (flush: from those pages too; taking read takes the mapping). Each fpage
 * comes back with its pages' access status in the rights field (read: referenced, write:
 * written; where TERN_ACCESS_STATUS_HARDWARE is 0, every right the pages had). n: 1..64.
 * 1, or 0 with the error code in the UTCB (tern_ipc_error()). */
static inline word_t tern_unmap_in(word_t space, tern_fpage_t *fpages, unsigned n, int flush)
{
    word_t *mr = tern_mr();
    for (unsigned i = 0; i < n; i++)
        mr[i] = fpages[i].raw;
    word_t r = tern_sys_unmap(tern_unmap_control_make(n - 1, (word_t)(flush != 0)).raw, space);
    for (unsigned i = 0; i < n; i++)
        fpages[i].raw = mr[i];
    return r;
}
static inline word_t tern_unmap(tern_fpage_t *fpages, unsigned n, int flush)
{
    return tern_unmap_in(TERN_NIL_THREAD, fpages, n, flush);
}

/* ---- Memory from sigma0 ------------------------------------------------------------
 * The root task is sigma0: the kernel gives it every page of user memory at boot (its
 * image, stack and the KIP's root pool), and it hands pages out by IPC. Its pager thread
 * serves page faults of the spaces it made and this protocol (libroot: pager_tid; a task
 * learns the id from whoever started it). What sigma0 maps it can take back (unmap).
 *
 * Request, a call to sigma0:
 *   MR0  tag: label TERN_SIGMA0_LABEL << 4, 2 untyped words, no typed ones
 *   MR1  an fpage: size_bits = log2 of the bytes wanted (a page or more), the rights
 *        wanted, and page = the block's address in sigma0's space >> 10 for that block,
 *        or all ones for any free block (TERN_SIGMA0_ANY)
 *   MR2  attributes: 0 (anything else is refused)
 *   BR0  a receive window for it: the block lands at its offset in the window
 * Reply:
 *   granted  no untyped words, a map item (2 typed words) whose fpage names the block
 *   refused  1 untyped word, MR1 = why: TERN_SIGMA0_NO_MEMORY (no free block that
 *            large), TERN_SIGMA0_NOT_FREE (that block is given out, or not sigma0's),
 *            TERN_SIGMA0_BAD_REQUEST (malformed)
 * Blocks are given once and never come back (sigma0 has no free), as in L4. */
#define TERN_SIGMA0_ANY (~(word_t)0)
enum { TERN_SIGMA0_NO_MEMORY = 1, TERN_SIGMA0_NOT_FREE = 2, TERN_SIGMA0_BAD_REQUEST = 3 };
/* Ask sigma0 for 2^bits bytes with rights, block TERN_SIGMA0_ANY or a given one, to land
 * at `at` (2^bits-aligned) in our space. Returns sigma0's address of the block, or
 * TERN_SIGMA0_ANY with the reason in *why (the IPC's error code if the call failed). */
word_t tern_sigma0_request(word_t sigma0, word_t bits, word_t block, unsigned rights, word_t at, word_t *why);

/* ---- Interrupts and I/O ports ------------------------------------------------------- */
/* Interrupt line n's thread (0 <= n < TERN_INTERRUPTS; the KIP's `interrupts`). Its
 * handler receives an empty message labelled TERN_INTERRUPT_LABEL << 4 from it each time
 * the line fires, and must reply (send to it, e.g. tern_reply_wait) to unmask the line. */
static inline word_t tern_interrupt_thread(word_t n) { return tern_tid(n, 1); }
static inline int tern_is_interrupt(tern_msgtag_t t)
{
    return tern_msgtag_get_label(t) == (((word_t)TERN_INTERRUPT_LABEL << 4) & (TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT));
}
/* Attach handler to line n's interrupt thread, or detach it (privileged callers only:
 * TERN_ERR_NO_PRIVILEGE else; a line the kernel keeps, or none: TERN_ERR_INVALID_THREAD).
 * 0 or the error code. */
word_t tern_interrupt_attach(word_t n, word_t handler);
word_t tern_interrupt_detach(word_t n);
/* An I/O fpage: the 2^bits ports at port (size-aligned), for tern_put_map from the root
 * task (the only space whose I/O fpages map anything) and for tern_unmap. */
static inline tern_fpage_t tern_io_fpage(word_t port, word_t bits)
{
    return (tern_fpage_t){ tern_io_fpage_make(0, TERN_IO_FPAGE_MARKER, bits, port).raw };
}
#if TERN_IO_PORTS
/* Port I/O from user mode: the kernel does each access when the space holds the port
 * (an exception IPC with the #GP vector when it does not). */
static inline void tern_outb(word_t port, unsigned char v)
{
    __asm__ __volatile__("outb %0, %1" : : "a"(v), "d"((unsigned short)port) : "memory");
}
static inline unsigned char tern_inb(word_t port)
{
    unsigned char v;
    __asm__ __volatile__("inb %1, %0" : "=a"(v) : "d"((unsigned short)port) : "memory");
    return v;
}
#endif

/* ---- Threads and spaces ------------------------------------------------------------ */
/* Create a thread (in space_of's space, or a new space when space_of == id) and start it
 * at fn(arg) on the given stack. Returns 0 or the kernel's error code. */
word_t tern_thread_create(word_t id, word_t space_of, word_t pager, word_t utcb);
word_t tern_thread_run(word_t id, void (*fn)(word_t), word_t arg, word_t *stack_top);
word_t tern_thread_delete(word_t id);
void tern_thread_exit(void);                  /* block forever */
word_t tern_space_setup(word_t id, word_t kip, word_t utcb_area, word_t utcb_bits);
tern_kip_t *tern_kip(void);

/* ---- Console and time -------------------------------------------------------------- */
void tern_putc(char c);
void tern_print(const char *s);
void tern_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void tern_exit(int status);
static inline unsigned long long tern_clock_us(void) { return tern_sys_system_clock(); }
unsigned long long tern_cycles(void);         /* user/arch/<arch>/cycles.S: 64 bits on every arch */
/* A loop of known length (cycles.S): n iterations of tern_known_loop_step instructions. */
void tern_known_loop(unsigned long n);
extern const unsigned tern_known_loop_step;
/* Instructions per 1000 ticks of tern_cycles, measured against tern_known_loop: where the
 * counter follows instructions (QEMU -icount) 1000 on x86's TSC, 6000 on MIPS Count. */
unsigned long tern_instructions_per_kilotick(void);
/* Switch the fast path at run time; 0 when refused (a build without one). */
static inline int tern_fastpath(int on) { return tern_sys_debug(TERN_DEBUG_FASTPATH, (word_t)on, 0) == 1; }
/* Check the kernel's invariants: 1 when they hold (a broken one panics the kernel, with
 * its name); 0 in a build without the debug call. */
static inline int tern_kernel_check(void) { return tern_sys_debug(TERN_DEBUG_CHECK, 0, 0) == 1; }
/* How many TLB entries disagree with the page tables; -1 where the TLB cannot be read. */
static inline long tern_tlb_check(void) { return (long)tern_sys_debug(TERN_DEBUG_TLB_CHECK, 0, 0) - 1; }

/* ---- Freestanding C (libc/, shared with the kernel) ------------------------------- */
#include "freestanding.h"
#endif
