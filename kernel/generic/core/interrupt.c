/*
 * Interrupts as IPC (L4 X.2): interrupt line n is the thread (n, version 1), a thread of
 * the kernel's below the first user thread. A privileged thread attaches a handler with
 * thread_control(dest = the interrupt thread, space = dest, pager = the handler) and
 * detaches it with pager = dest. When the line fires, its interrupt thread sends the
 * handler an empty message labelled interrupt_label; the line stays masked until the
 * handler sends to the interrupt thread (its reply). A handler sees each interrupt once,
 * in the order they came, and never a second before it replied to the first.
 *
 * An interrupt thread is a TCB of its own (no space, no stack) that only ever sends: it
 * queues in its handler's send queue like any sender, so receive phases, the fast path's
 * "no sender queued" test and the invariants treat it as one. Its states:
 *   T_INACTIVE  detached (line masked), or attached and waiting for the line (unmasked);
 *   T_SENDING   fired, queued at its handler (line masked);
 *   T_HALTED    delivered, waiting for the handler's reply (line masked).
 * Interrupt threads are not in the thread table: the calls that name threads find them
 * only where this file lets them (IPC, thread_control).
 */
#include "kernel.h"

static tcb_t lines[TERN_INTERRUPTS + 1];     /* + 1: C has no empty arrays */
static word_t pending;                       /* lines fired while the kernel was busy */
int kernel_mid_operation;                    /* set across preemption points (xfer.c) */

_Static_assert(TERN_INTERRUPTS <= 8 * sizeof(word_t), "a pending bit per line");

static word_t line_of(const tcb_t *t) { return (word_t)(t - lines); }

int interrupt_thread(const tcb_t *t)
{
    return t >= lines && t < lines + TERN_INTERRUPTS;
}

tcb_t *interrupt_lookup(word_t id)
{
    word_t n = thread_no(id);
    if (id == TERN_NIL_THREAD || n >= TERN_INTERRUPTS || thread_version(id) != 1 ||
        !hal_irq_attachable(n))
        return NULL;
    return &lines[n];
}

void interrupts_init(void)
{
    for (word_t n = 0; n < TERN_INTERRUPTS; n++)
        lines[n] = (tcb_t){ .id = tern_global_id(n, 1).raw, .state = T_INACTIVE,
                            .pager = TERN_NIL_THREAD, .rcv_spec = TERN_NIL_THREAD };
}

static void detach(tcb_t *irq)
{
    if (irq->pager == TERN_NIL_THREAD)
        return;
    hal_irq_mask(line_of(irq));
    pending &= ~((word_t)1 << line_of(irq));
    if (irq->state == T_SENDING)
        ipc_interrupt_withdraw(irq);
    irq->state = T_INACTIVE;
    irq->pager = TERN_NIL_THREAD;
}

/* thread_control on an interrupt thread (the caller is privileged): 0 or an error code.
 * Attaching to another handler first detaches from the old one (an undelivered
 * interrupt goes with the line to the new one: it is pending again). */
word_t interrupt_control(tcb_t *irq, word_t space_spec, word_t pager)
{
    if (space_spec != irq->id)
        return TERN_ERR_INVALID_SPACE;
    if (pager == irq->id) {
        detach(irq);
        return 0;
    }
    tcb_t *handler = tcb_lookup(pager);
    if (!handler)
        return TERN_ERR_INVALID_THREAD;
    int was_pending = irq->state == T_SENDING;
    detach(irq);
    irq->pager = handler->id;
    if (was_pending)
        interrupt_raise(line_of(irq), 0);
    else
        hal_irq_unmask(line_of(irq));
    return 0;
}

/* The handler replies (sends to the interrupt thread): the line is unmasked. Only the
 * handler may; an interrupt not yet received stays where it is. */
word_t interrupt_ack(tcb_t *irq, tcb_t *sender)
{
    if (irq->pager != sender->id)
        return TERN_IPC_ERR_NO_PARTNER;
    if (irq->state == T_HALTED) {
        irq->state = T_INACTIVE;
        hal_irq_unmask(line_of(irq));
    }
    return 0;
}

/* A delivered interrupt: the handler has its message, the line waits for the reply. */
void interrupt_delivered(tcb_t *irq)
{
    irq->state = T_HALTED;
}

/* Deliver what fired while the kernel could not: at a preemption point a thread may be
 * half way through a transfer, so nobody is woken there. */
void interrupts_deliver_pending(void)
{
    while (pending && !kernel_mid_operation) {
        word_t n = (word_t)__builtin_ctzl(pending);
        pending &= pending - 1;
        tcb_t *irq = &lines[n], *handler = tcb_lookup(irq->pager);
        if (irq->state != T_INACTIVE || !handler)
            continue;                            /* detached or gone meanwhile */
        ipc_interrupt(irq, handler);
    }
}

void interrupt_raise(word_t irq, int from_user)
{
    if (irq >= TERN_INTERRUPTS || lines[irq].pager == TERN_NIL_THREAD)
        return;                                  /* detached: it stays masked */
    pending |= (word_t)1 << irq;
    interrupts_deliver_pending();
    if (from_user && current)
        schedule();                              /* a handler above the thread runs now */
}

/* A thread is being deleted: the lines it handles are detached (masked). */
void interrupt_handler_gone(tcb_t *t)
{
    for (word_t n = 0; n < TERN_INTERRUPTS; n++)
        if (lines[n].pager == t->id)
            detach(&lines[n]);
}

/* Each line's state against its handler: NULL, or the broken invariant. */
const char *interrupts_check(void)
{
    for (word_t n = 0; n < TERN_INTERRUPTS; n++) {
        tcb_t *irq = &lines[n];
        if (irq->pager == TERN_NIL_THREAD) {
            if (irq->state != T_INACTIVE || pending >> n & 1)
                return "a detached interrupt thread is busy";
            continue;
        }
        tcb_t *handler = tcb_lookup(irq->pager);
        if (!handler)
            return "an interrupt thread's handler does not exist";
        if (irq->state == T_SENDING) {
            int found = 0;
            for (tcb_t *s = handler->sendq_head; s && !found; s = s->next)
                found = s == irq;
            if (!found || irq->send_dest != handler)
                return "a fired interrupt is not queued at its handler";
        } else if (irq->state != T_INACTIVE && irq->state != T_HALTED) {
            return "an interrupt thread is in a state of a user thread";
        }
    }
    return NULL;
}
