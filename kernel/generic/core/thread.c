/*
 * Threads: a table indexed by thread number finds a TCB from a global id in O(1); the
 * version in the id must match, so a stale id is rejected. Each TCB shares a block of
 * KSTACK_PAGES pages with its kernel stack, whose top holds the thread's user frame.
 */
#include <tern/config/max_threads.h>
#include <tern/config/timer_hz.h>
#include <tern/config/timeslice_ms.h>

#include "kernel.h"

/* Empty slots point at no_thread rather than NULL, so the fast path's lookup needs no
 * null test: its id is nil and its state T_FREE, never a receive state, so it fails the
 * fast path's state check whatever id was asked for. max_threads is a power of two
 * (gen/config.py), so the fast path masks the thread number instead of comparing it. */
static tcb_t no_thread = { .id = TERN_NIL_THREAD, .state = T_FREE };
tcb_t *thread_table[TERN_CONFIG_MAX_THREADS];   /* global: the fast path indexes it */
#define table thread_table

_Static_assert((TERN_CONFIG_MAX_THREADS & (TERN_CONFIG_MAX_THREADS - 1)) == 0,
               "the fast path masks thread numbers: max_threads must be a power of two");

void threads_init(void)
{
    for (unsigned n = 0; n < TERN_CONFIG_MAX_THREADS; n++)
        table[n] = &no_thread;
}

/* The thread holding slot n, or NULL. */
static tcb_t *slot(word_t n)
{
    return n < TERN_CONFIG_MAX_THREADS && table[n] != &no_thread ? table[n] : NULL;
}

word_t thread_no(word_t id) { return tern_thread_id_get_number((tern_thread_id_t){ id }); }
word_t thread_version(word_t id) { return tern_thread_id_get_version((tern_thread_id_t){ id }); }

tcb_t *tcb_lookup(word_t id)
{
    /* As the fast path: the masked slot's id must be id. That rejects numbers beyond the
     * table (the slot's thread has another number), empty slots (no_thread's id is nil,
     * tested first) and "any" (no thread number is that large). */
    if (id == TERN_NIL_THREAD)
        return NULL;
    tcb_t *t = table[thread_no(id) & (TERN_CONFIG_MAX_THREADS - 1)];
    return t->id == id ? t : NULL;
}

tcb_t *tcb_lookup_number(word_t id)
{
    return slot(thread_no(id));
}

int thread_utcb_place_free(space_t *space, word_t utcb_va)
{
    paddr_t existing;
    unsigned rights;
    return !(utcb_va & (TERN_PAGE_SIZE - 1)) && hal_user_address(utcb_va) &&
           hal_space_lookup(&space->hal, utcb_va, &existing, &rights) < 0;
}

tcb_t *thread_create(word_t id, space_t *space, word_t utcb_va)
{
    word_t n = thread_no(id);
    if (n >= TERN_CONFIG_MAX_THREADS || slot(n) || thread_version(id) == 0)
        return NULL;
    if (!thread_utcb_place_free(space, utcb_va))
        return NULL;
    void *block = kblock_alloc();
    paddr_t utcb = frame_alloc();
    if (!block || !utcb || hal_space_map(&space->hal, utcb_va, utcb, HAL_READ | HAL_WRITE) < 0) {
        if (utcb)
            frame_free(utcb);
        if (block)
            kblock_free(block);
        return NULL;
    }
    frame_set_kernel_owned(utcb, 1);
    tcb_t *t = block;
    memset(t, 0, sizeof *t);
    t->stack_base = block;
    t->ctx.stack_top = (word_t)block + KSTACK_PAGES * TERN_PAGE_SIZE;
    t->frame = FRAME_ABOVE_TCB ? (struct hal_frame *)((char *)block + TCB_USER_FRAME_OFFSET)
                               : (struct hal_frame *)t->ctx.stack_top - 1;
    t->id = id;
    t->state = T_INACTIVE;
    t->prio = TERN_PRIORITY_DEFAULT;
    t->timeslice = t->remaining = TERN_CONFIG_TIMESLICE_MS * TERN_CONFIG_TIMER_HZ / 1000 ?: 1;
    t->space = space;
    t->utcb = hal_phys_to_virt(utcb);
    t->utcb_va = utcb_va;
    t->utcb->self = utcb_va;
    t->utcb->my_global_id = id;
    /* String copies that fault fail at once unless the thread allows time for its pager. */
    t->utcb->xfer_timeouts = tern_timeouts_word(tern_time_zero(), tern_time_zero());
    t->rcv_spec = TERN_NIL_THREAD;
    space->threads++;
    table[n] = t;
    return t;
}

void thread_delete(tcb_t *t)
{
    ASSERT(t != current);
    timeout_cancel(t);
    if (t->state == T_SENDING || receiving(t))
        ipc_cancel(t, TERN_IPC_ERR_ABORTED);      /* unlink it from its partner's queue */
    if (t->state == T_READY)
        sched_unready(t);
    interrupt_handler_gone(t);                  /* before its send queue is emptied */
    ipc_partner_gone(t);
    /* Threads waiting to receive from it specifically would wait forever. */
    for (unsigned n = 0; n < TERN_CONFIG_MAX_THREADS; n++)
        if (receiving(table[n]) && table[n]->rcv_spec == t->id)
            ipc_cancel(table[n], TERN_IPC_ERR_NO_PARTNER);
    table[thread_no(t->id)] = &no_thread;
    hal_thread_destroy(&t->ctx);
    hal_space_unmap(&t->space->hal, t->utcb_va);
    frame_set_kernel_owned(hal_virt_to_phys(t->utcb), 0);
    frame_free(hal_virt_to_phys(t->utcb));
    space_release(t->space);
    t->state = T_FREE;
    kblock_free(t->stack_base);
}

/* ---- The invariant check (debug call) ----------------------------------------------- */

/* Each thread against its slot, its state against the queues it is in, its send queue,
 * its UTCB: NULL, or the broken invariant's name. */
const char *threads_check(void)
{
    for (unsigned n = 0; n < TERN_CONFIG_MAX_THREADS; n++) {
        tcb_t *t = table[n];
        if (t == &no_thread)
            continue;
        if (thread_no(t->id) != n || thread_version(t->id) == 0)
            return "a thread's id does not match its slot";
        if (t->state == T_FREE)
            return "a free thread holds a slot";
        if (!t->space || !t->space->threads)
            return "a thread's space has no threads";
        if ((t->state == T_READY) != sched_queued(t))
            return "a thread is ready but not queued, or queued but not ready";
        if (t->state == T_RUNNING && t != current)
            return "a thread runs that is not current";
        if (t->wakeup && t->state != T_SENDING && t->state != T_RECEIVING)
            return "a thread that is not waiting has a timeout";
        if ((t->wakeup != 0) != sched_timeout_listed(t))
            return "a thread's timeout and the timeout list disagree";
        if (receiving(t) && t->rcv_spec == TERN_NIL_THREAD)
            return "a receiving thread receives from nil";
        if (t->state == T_SENDING) {
            int found = 0;
            if (!t->send_dest || tcb_lookup(t->send_dest->id) != t->send_dest)
                return "a sending thread's receiver does not exist";
            for (tcb_t *s = t->send_dest->sendq_head; s && !found; s = s->next)
                found = s == t;
            if (!found)
                return "a sending thread is not in its receiver's send queue";
        }
        unsigned len = 0;
        for (tcb_t *s = t->sendq_head; s; s = s->next) {
            if (s->state != T_SENDING || s->send_dest != t)
                return "a send queue holds a thread not sending to its owner";
            if (receiving(t) && (t->rcv_spec == TERN_ANY_THREAD || t->rcv_spec == s->id))
                return "a receiver waits while a sender it accepts is queued";
            if ((s->next ? s->next->prev : t->sendq_tail) != s)
                return "a send queue's links disagree";
            if (++len > TERN_CONFIG_MAX_THREADS)
                return "a send queue does not end";
        }
        if (!frame_kernel_owned(hal_virt_to_phys(t->utcb)))
            return "a UTCB frame is not marked the kernel's";
        if (t->utcb->my_global_id != t->id)
            return "a UTCB names another thread";
        for (unsigned m = 0; m < n; m++)
            if (table[m] != &no_thread &&
                (table[m]->utcb == t->utcb || (table[m]->space == t->space && table[m]->utcb_va == t->utcb_va)))
                return "two threads share a UTCB";
    }
    return NULL;
}
