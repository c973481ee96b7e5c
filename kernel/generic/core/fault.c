/*
 * User faults become IPC: a page fault is a call to the thread's pager, an exception a
 * call to its exception handler, made by the kernel on the thread's behalf. A thread
 * with nobody to ask is halted with a logged reason; the rest of the system goes on.
 */
#include "kernel.h"

static void halt(tcb_t *t, const char *why, word_t ip, word_t addr)
{
    kprintf("thread %lx halted: %s at ip %lx (address %lx)\n", t->id, why, ip, addr);
    t->state = T_HALTED;
    schedule();                 /* returns only if someone restarts it */
}

#define WINDOW_BITS_MAX (TERN_ACCEPTOR_WINDOW_BITS_MASK >> TERN_ACCEPTOR_WINDOW_BITS_SHIFT)
#define WHOLE_SPACE_BITS (TERN_WORD_BITS < WINDOW_BITS_MAX ? TERN_WORD_BITS : WINDOW_BITS_MAX)

/* The kernel's messages on a thread's behalf borrow its first MRs and BR0; the thread
 * gets them back afterwards. A page-fault reply may map anywhere in the thread's space:
 * the window is all of it (2^32 bytes on 32-bit words; on 64-bit, 2^63 - the field's
 * limit - holds every user address). The call waits as long as it takes, or until the
 * thread's xfer limit (ipc.c) when it serves a string copy's fault. */
word_t kernel_call(tcb_t *t, word_t to, const word_t *msg, unsigned n, word_t reply[3])
{
    tern_utcb_t *u = t->utcb;
    word_t saved[6], saved_error = u->error_code, saved_br0 = u->br[0];
    memcpy(saved, u->mr, sizeof saved);
    memcpy(u->mr, msg, n * sizeof *msg);
    u->br[0] = tern_acceptor_make(0, 0, WHOLE_SPACE_BITS, 0).raw;
    t->fault_ipc = 1;                   /* the reply ends here, not in ipc_resume */
    ipc(t, to, to, tern_timeouts_word(tern_time_never(), tern_time_never()));
    t->fault_ipc = 0;
    word_t err = t->ipc_error;
    memcpy(reply, u->mr, 3 * sizeof *reply);
    memcpy(u->mr, saved, sizeof saved);
    u->error_code = saved_error;
    u->br[0] = saved_br0;
    return err;
}

/* The page-fault message: label and access, the address, the ip. */
word_t page_fault_call(tcb_t *t, word_t pager, word_t addr, unsigned access, word_t ip)
{
    word_t label = ((word_t)TERN_PAGEFAULT_LABEL << 4) | access, reply[3];
    word_t msg[3] = { tern_msgtag_make(2, 0, 0, 0, 0, 0, label).raw, addr, ip };
    return kernel_call(t, pager, msg, 3, reply);
}

int has_handler(const tcb_t *t, word_t handler)
{
    return tcb_lookup(handler) && handler != t->id;
}

void user_fault(struct hal_frame *f, int kind, word_t addr, unsigned access, word_t code)
{
    tcb_t *t = current;
    word_t handler = kind == FAULT_PAGE ? t->pager : t->utcb->exception_handler;
    word_t ip = frame_ip(f);
    if (!has_handler(t, handler)) {
        halt(t, kind == FAULT_PAGE ? "page fault, no pager" : "exception, no handler", ip, addr);
        return;
    }
    if (kind == FAULT_PAGE) {
        if (page_fault_call(t, handler, addr, access, ip))
            halt(t, "fault IPC failed", ip, addr);
        return;
    }
    word_t label = (word_t)TERN_EXCEPTION_LABEL << 4, reply[3];
    word_t msg[5] = { tern_msgtag_make(4, 0, 0, 0, 0, 0, label).raw, ip, frame_sp(f), frame_flags(f), code };
    if (kernel_call(t, handler, msg, 5, reply)) {
        halt(t, "fault IPC failed", ip, addr);
        return;
    }
    /* The handler's reply may carry a new ip and sp (two untyped words). */
    tern_msgtag_t tag = { reply[0] };
    if (tern_msgtag_get_untyped(tag) < 2)
        halt(t, "exception not resolved", ip, addr);
    else if (hal_frame_set(f, reply[1], reply[2], frame_flags(f)) < 0)
        halt(t, "exception handler gave a bad ip/sp", ip, addr);
}
