/*
 * IPC, the L4 X.2 way: an optional send phase to `to`, then an optional receive phase
 * from `from_spec` (a thread or any thread). Synchronous and unbuffered: a message moves
 * when both sides are there, directly from the sender's UTCB and memory into the
 * receiver's. A sender that finds no receiver waits in the receiver's send queue; when
 * the receiver takes its message it also moves the sender into its receive phase, so a
 * call's reply can never be missed. Interrupt threads (interrupt.c) send as queued senders
 * do; a send to one is its handler's reply. A string copy that stops at a fault for a
 * pager (xfer.c) parks the partner and lets the faulting side ask its pager before the
 * copy goes on (xfer_serve, at the end of the faulting side's system call).
 */
#include <tern/kernel/frame_map.h>

#include "kernel.h"

word_t ipc_error_word(int receive_phase, word_t code, word_t offset)
{
    return tern_error_code_make((word_t)receive_phase, code, offset).raw;
}

static void sendq_add(tcb_t *dest, tcb_t *t)
{
    t->next = NULL;
    t->prev = dest->sendq_tail;
    if (dest->sendq_tail)
        dest->sendq_tail->next = t;
    else
        dest->sendq_head = t;
    dest->sendq_tail = t;
    t->send_dest = dest;
}

static void sendq_add_head(tcb_t *dest, tcb_t *t)
{
    t->prev = NULL;
    t->next = dest->sendq_head;
    if (dest->sendq_head)
        dest->sendq_head->prev = t;
    else
        dest->sendq_tail = t;
    dest->sendq_head = t;
    t->send_dest = dest;
}

static void sendq_remove(tcb_t *dest, tcb_t *t)
{
    if (t->prev) t->prev->next = t->next; else dest->sendq_head = t->next;
    if (t->next) t->next->prev = t->prev; else dest->sendq_tail = t->prev;
    t->next = t->prev = NULL;
    t->send_dest = NULL;
}

/* A blocked thread's IPC is over (result already recorded): make it run again. */
static void wake(tcb_t *t)
{
    timeout_cancel(t);
    t->rcv_spec = TERN_NIL_THREAD;
    sched_ready(t);
}

/* The receive state a thread blocks in: the fast path may deliver only to a thread in an
 * IPC system call (its epilogue is ipc_resume) with no timeout pending. */
static enum thread_state receive_state(const tcb_t *t, word_t rcv_timeout)
{
    return !t->fault_ipc && rcv_timeout == TERN_TIMEOUT_NEVER ? T_RECEIVING_FAST : T_RECEIVING;
}

static tcb_t *queued_sender(tcb_t *cur, word_t from_spec);

/* A transfer stopped at a fault one side's pager may resolve (xfer.c). That side runs to
 * ask it (xfer_serve); its partner waits where only that side meets it again, until the
 * transfer's deadline: a sender at the head of its receiver's queue, a receiver for its
 * sender alone. The current thread, if it is the partner, blocks here. */
static __attribute__((noinline)) void transfer_stopped(tcb_t *src, tcb_t *dst)
{
    unsigned long long deadline = src->xfer.deadline;
    if (dst->xfer.pending) {
        sendq_add_head(dst, src);
        timeout_set_at(src, deadline);
        if (dst != current)
            wake(dst);
        if (src == current)
            sched_block(T_SENDING);
        else
            src->state = T_SENDING;
        return;
    }
    src->xfer.from_spec = src->rcv_spec;        /* wake() forgets it */
    src->xfer.rcv_timeout = src->rcv_timeout;
    dst->rcv_spec = src->id;
    timeout_set_at(dst, deadline);
    if (src != current)
        wake(src);
    if (dst == current)
        sched_block(T_RECEIVING);
    else
        dst->state = T_RECEIVING;
}

/* An interrupt's message into its handler's UTCB: an empty tag labelled interrupt_label,
 * from the interrupt thread. The line stays masked until the handler replies. */
static void interrupt_message(tcb_t *irq, tcb_t *dst)
{
    timeout_cancel(dst);
    dst->utcb->mr[0] = tern_msgtag_make(0, 0, 0, 0, 0, 0, (word_t)TERN_INTERRUPT_LABEL << 4).raw;
    dst->ipc_from = irq->id;
    dst->ipc_error = 0;
    interrupt_delivered(irq);
}

/* After its message was taken, a queued sender goes on to its receive phase, if any: a
 * sender queued on it meanwhile is taken at once (it would otherwise wait while its
 * receiver blocks), and that one's receive phase follows in turn. */
static void send_done(tcb_t *src)
{
    while (src) {
        timeout_cancel(src);
        if (src->rcv_spec == TERN_NIL_THREAD) {
            wake(src);
            return;
        }
        tcb_t *next = queued_sender(src, src->rcv_spec);
        if (!next) {
            src->state = receive_state(src, src->rcv_timeout);
            timeout_set(src, src->rcv_timeout);
            return;
        }
        sendq_remove(src, next);
        if (interrupt_thread(next)) {
            interrupt_message(next, src);
            wake(src);
            return;
        }
        word_t r = ipc_transfer(next, src);
        if (r == XFER_STOPPED) {
            transfer_stopped(next, src);
            return;
        }
        wake(src);
        if (r == XFER_FAILED) {
            wake(next);             /* both sides carry the error */
            return;
        }
        src = next;
    }
}

void ipc_cancel(tcb_t *t, word_t code)
{
    if (t->state == T_SENDING) {
        sendq_remove(t->send_dest, t);
        t->ipc_error = ipc_error_word(0, code, 0);
    } else if (receiving(t)) {
        t->ipc_error = ipc_error_word(1, code, 0);
    } else {
        return;
    }
    if (!t->fault_ipc)                      /* not a fault message: its own IPC is over, */
        xfer_clear(t);                      /* with any stopped transfer it waited in */
    wake(t);
}

static int waits_for(const tcb_t *rcv, const tcb_t *snd)
{
    return receiving(rcv) &&
           (rcv->rcv_spec == TERN_ANY_THREAD || rcv->rcv_spec == snd->id);
}

static tcb_t *queued_sender(tcb_t *cur, word_t from_spec)
{
    for (tcb_t *s = cur->sendq_head; s; s = s->next)
        if (from_spec == TERN_ANY_THREAD || s->id == from_spec)
            return s;
    return NULL;
}

void ipc(tcb_t *cur, word_t to, word_t from_spec, word_t timeouts)
{
    tern_timeouts_t tw = { timeouts };
    word_t snd_timeout = tern_timeouts_get_send(tw), rcv_timeout = tern_timeouts_get_receive(tw);
    cur->ipc_error = 0;
    cur->ipc_from = TERN_NIL_THREAD;

    /* ---- send phase ---- */
    if (to != TERN_NIL_THREAD) {
        tcb_t *dest = tcb_lookup(to), *irq;
        if (!dest && (irq = interrupt_lookup(to))) {
            word_t err = interrupt_ack(irq, cur);   /* a handler's reply unmasks its line */
            if (err) {
                cur->ipc_error = ipc_error_word(0, err, 0);
                return;
            }
        } else if (!dest) {
            cur->ipc_error = ipc_error_word(0, TERN_IPC_ERR_NO_PARTNER, 0);
            return;
        } else if (waits_for(dest, cur)) {
            word_t r = ipc_transfer(cur, dest);
            if (r == XFER_STOPPED) {
                cur->rcv_spec = from_spec;
                cur->rcv_timeout = rcv_timeout;
                transfer_stopped(cur, dest);
                return;
            }
            wake(dest);
            if (r == XFER_FAILED)
                return;
            if (from_spec == TERN_NIL_THREAD) {
                sched_preempt_if_better(dest);
                return;
            }
        } else {
            if (snd_timeout == TERN_TIMEOUT_ZERO) {
                cur->ipc_error = ipc_error_word(0, TERN_IPC_ERR_TIMEOUT, 0);
                return;
            }
            sendq_add(dest, cur);
            cur->rcv_spec = from_spec;
            cur->rcv_timeout = rcv_timeout;
            timeout_set(cur, snd_timeout);
            sched_block(T_SENDING);
            return;                 /* the receiver, a timeout or an abort finished it */
        }
    }

    /* ---- receive phase ---- */
    if (from_spec == TERN_NIL_THREAD)
        return;
    if (from_spec != TERN_ANY_THREAD && !tcb_lookup(from_spec) && !interrupt_lookup(from_spec)) {
        cur->ipc_error = ipc_error_word(1, TERN_IPC_ERR_NO_PARTNER, 0);
        return;
    }
    tcb_t *src = queued_sender(cur, from_spec);
    if (src) {
        sendq_remove(cur, src);
        if (interrupt_thread(src)) {
            interrupt_message(src, cur);
            return;
        }
        word_t r = ipc_transfer(src, cur);
        if (r == XFER_STOPPED)
            transfer_stopped(src, cur);
        else if (r == XFER_FAILED)
            wake(src);              /* both sides carry the error */
        else
            send_done(src);
        return;
    }
    if (rcv_timeout == TERN_TIMEOUT_ZERO) {
        cur->ipc_error = ipc_error_word(1, TERN_IPC_ERR_TIMEOUT, 0);
        return;
    }
    cur->rcv_spec = from_spec;
    timeout_set(cur, rcv_timeout);
    sched_block(receive_state(cur, rcv_timeout));
}

/* Interrupt thread irq fired (interrupt.c): its message goes to the handler at once if
 * it waits for it, else the interrupt thread queues like a sender. */
void ipc_interrupt(tcb_t *irq, tcb_t *handler)
{
    if (waits_for(handler, irq)) {
        interrupt_message(irq, handler);
        wake(handler);
        return;
    }
    sendq_add(handler, irq);
    irq->state = T_SENDING;
}

/* A queued interrupt is taken back (its line detached). */
void ipc_interrupt_withdraw(tcb_t *irq)
{
    sendq_remove(irq->send_dest, irq);
}

/* A thread is being deleted: nobody may keep waiting for it. */
void ipc_partner_gone(tcb_t *dead)
{
    while (dead->sendq_head)
        ipc_cancel(dead->sendq_head, TERN_IPC_ERR_NO_PARTNER);
}

/* ---- String copies that fault ----------------------------------------------------------- */

/* Is peer still parked for cur's stopped transfer (transfer_stopped)? */
static int parked_for(const tcb_t *cur, const tcb_t *peer)
{
    if (tcb_lookup(cur->xfer.peer_id) != peer || peer->xfer.peer != cur || peer->xfer.pending)
        return 0;
    if (cur->xfer.sending)
        return receiving(peer) && peer->rcv_spec == cur->id;
    return peer->state == T_SENDING && peer->send_dest == cur;
}

/* The transfer is over without its message: xfer_fault_own for t, xfer_fault_partner for
 * its partner if that still waits, each in its own phase, with the offset reached. */
static void xfer_abandon(tcb_t *t)
{
    tcb_t *peer = t->xfer.peer;
    word_t done = t->xfer.done;
    int sending = t->xfer.sending;
    if (peer && parked_for(t, peer)) {
        if (peer->state == T_SENDING)
            sendq_remove(t, peer);
        else
            peer->ipc_from = t->id;
        xfer_clear(peer);
        peer->ipc_error = ipc_error_word(sending, TERN_IPC_ERR_XFER_FAULT_PARTNER, done);
        wake(peer);
    }
    xfer_clear(t);
    t->ipc_error = ipc_error_word(!sending, TERN_IPC_ERR_XFER_FAULT_OWN, done);
    if (!sending)
        t->ipc_from = peer ? peer->id : TERN_NIL_THREAD;
}

/* cur's string copy stopped at a fault in its own space: its pager is asked on its behalf
 * (the page-fault message, as for a fault of its own), waiting no later than the
 * transfer's deadline; then cur meets its parked partner again and the copy goes on
 * from where it stopped. It may stop again at the next fault, and be served again. */
static __attribute__((noinline)) void xfer_serve(tcb_t *cur)
{
    struct xfer_stop *x = &cur->xfer;
    x->pending = 0;
    x->limit = x->deadline;
    word_t err = page_fault_call(cur, cur->pager, x->fault_addr, x->fault_access, frame_ip(cur->frame));
    x->limit = 0;
    if (err || (x->deadline && ticks >= x->deadline) || !parked_for(cur, x->peer)) {
        xfer_abandon(cur);
        return;
    }
    word_t never = TERN_TIMEOUT_NEVER, zero = TERN_TIMEOUT_ZERO;
    if (x->sending)          /* the send phase again, then the receive phase it had */
        ipc(cur, x->peer->id, x->from_spec, tern_timeouts_make(x->rcv_timeout, zero).raw);
    else                     /* the receive from its sender, at the head of its queue */
        ipc(cur, TERN_NIL_THREAD, x->peer->id, tern_timeouts_make(zero, never).raw);
}

/* A blocked thread's timeout ran out. A partner parked for a stopped string copy gets
 * xfer_fault_partner: the other side's pager did not resolve its fault in time. */
void ipc_timed_out(tcb_t *t)
{
    tcb_t *peer = t->xfer.peer;
    if (!peer || t->xfer.pending || t->xfer.limit || !(t->state == T_SENDING || receiving(t))) {
        ipc_cancel(t, TERN_IPC_ERR_TIMEOUT);
        return;
    }
    word_t done = t->xfer.done;
    int sending = t->xfer.sending;
    ipc_cancel(t, TERN_IPC_ERR_TIMEOUT);
    t->ipc_error = ipc_error_word(!sending, TERN_IPC_ERR_XFER_FAULT_PARTNER, done);
    if (!sending)
        t->ipc_from = peer->id;
}

/* ---- The IPC system call ------------------------------------------------------------ */

/* The end of an IPC system call: the result into the user's registers. The fast path's
 * blocked threads finish here too (fastpath_resume in the glue). */
void ipc_resume(struct hal_frame *f)
{
    tcb_t *cur = current;
    while (__builtin_expect(cur->xfer.pending, 0))
        xfer_serve(cur);
    tern_utcb_t *u = cur->utcb;
    if (cur->ipc_error) {
        u->error_code = cur->ipc_error;
        u->mr[0] = tern_msgtag_make(0, 0, 0, 0, 0, 1, 0).raw;
    } else if (cur->ipc_from == TERN_NIL_THREAD) {
        u->mr[0] = 0;                       /* send only: an empty tag, no error */
    }
    FRAME_LOAD_MRS(f, u->mr);
    FRAME_IPC_FROM(f) = cur->ipc_from;
}

/* IPC by its own entry (syscall_entry calls it too): the register MRs into the UTCB, the
 * IPC, the result back. */
void syscall_ipc(struct hal_frame *f)
{
    tcb_t *cur = current;
    FRAME_STORE_MRS(f, cur->utcb->mr);
    ipc(cur, FRAME_IPC_TO(f), FRAME_IPC_FROM_SPECIFIER(f), FRAME_IPC_TIMEOUTS(f));
    ipc_resume(f);
}
