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

void user_fault(struct hal_frame *f, int kind, word_t addr, unsigned access, word_t code)
{
    tcb_t *t = current;
    tern_utcb_t *u = t->utcb;
    word_t handler = kind == FAULT_PAGE ? t->pager : u->exception_handler;
    word_t ip = frame_ip(f);
    if (!tcb_lookup(handler) || handler == t->id) {
        halt(t, kind == FAULT_PAGE ? "page fault, no pager" : "exception, no handler", ip, addr);
        return;
    }
    /* The fault message borrows the first MRs; the thread gets them back afterwards. */
    word_t saved[6], saved_error = u->error_code, saved_br0 = u->br[0];
    memcpy(saved, u->mr, sizeof saved);
    /* A page-fault reply may map anywhere in the thread's space: the window is all of it
     * (2^32 bytes on 32-bit words; on 64-bit, 2^63 - the field's limit - holds every
     * user address). */
    u->br[0] = tern_acceptor_make(0, 0, WHOLE_SPACE_BITS, 0).raw;
    word_t label;
    if (kind == FAULT_PAGE) {
        label = ((word_t)TERN_PAGEFAULT_LABEL << 4) | access;
        u->mr[1] = addr;
        u->mr[2] = ip;
        u->mr[0] = tern_msgtag_make(2, 0, 0, 0, 0, 0, label).raw;
    } else {
        label = ((word_t)TERN_EXCEPTION_LABEL << 4);
        u->mr[1] = ip;
        u->mr[2] = frame_sp(f);
        u->mr[3] = frame_flags(f);
        u->mr[4] = code;
        u->mr[0] = tern_msgtag_make(4, 0, 0, 0, 0, 0, label).raw;
    }
    t->fault_ipc = 1;                   /* the reply ends here, not in ipc_resume */
    ipc(t, handler, handler, tern_timeouts_word(tern_time_never(), tern_time_never()));
    t->fault_ipc = 0;
    if (t->ipc_error) {
        halt(t, "fault IPC failed", ip, addr);
    } else if (kind == FAULT_EXCEPTION) {
        /* The handler's reply may carry a new ip and sp (two untyped words). */
        tern_msgtag_t reply = { u->mr[0] };
        if (tern_msgtag_get_untyped(reply) >= 2 &&
            hal_frame_set(f, u->mr[1], u->mr[2], frame_flags(f)) < 0)
            halt(t, "exception handler gave a bad ip/sp", ip, addr);
        else if (tern_msgtag_get_untyped(reply) < 2)
            halt(t, "exception not resolved", ip, addr);
    }
    memcpy(u->mr, saved, sizeof saved);
    u->error_code = saved_error;
    u->br[0] = saved_br0;
}
