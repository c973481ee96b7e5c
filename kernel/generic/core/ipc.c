/*
 * IPC, the L4 X.2 way: an optional send phase to `to`, then an optional receive phase
 * from `from_spec` (a thread or any thread). Synchronous and unbuffered: a message moves
 * when both sides are there, directly from the sender's UTCB and memory into the
 * receiver's. A sender that finds no receiver waits in the receiver's send queue; when
 * the receiver takes its message it also moves the sender into its receive phase, so a
 * call's reply can never be missed. Interrupt threads (interrupt.c) send as queued senders
 * do; a send to one is its handler's reply.
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
        word_t failed = ipc_transfer(next, src);
        wake(src);
        if (failed) {
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
            word_t failed = ipc_transfer(cur, dest);
            wake(dest);
            if (failed)
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
        if (interrupt_thread(src))
            interrupt_message(src, cur);
        else if (ipc_transfer(src, cur))
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

/* ---- The IPC system call ------------------------------------------------------------ */

/* The end of an IPC system call: the result into the user's registers. The fast path's
 * blocked threads finish here too (fastpath_resume in the glue). */
void ipc_resume(struct hal_frame *f)
{
    tcb_t *cur = current;
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
