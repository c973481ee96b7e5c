/*
 * Fixed-priority round-robin scheduling with time slices, and the timeout queue.
 * The kernel is not preemptible: a switch happens only in schedule(), called when the
 * current thread blocks or yields, or from the timer tick of an interrupted user thread.
 */
#include <tern/config/max_threads.h>
#include <tern/config/timer_hz.h>

#include "kernel.h"

#define PRIOS (TERN_PRIORITY_MAX + 1)

tcb_t *current;
unsigned long long ticks;
int sched_top_prio = -1;
static tcb_t *queue[PRIOS];             /* circular lists of ready threads, by priority */
static word_t nonempty[PRIOS / (8 * sizeof(word_t))];
static tcb_t *timeouts;                 /* sorted by wakeup */
static struct hal_context idle_ctx;     /* the boot stack, used while nothing runs */

#define BITS (8 * sizeof(word_t))

static tcb_t *highest(void);

struct hal_context *current_context(void)
{
    return current ? &current->ctx : NULL;
}

struct hal_space *current_space(void)
{
    return current ? &current->space->hal : NULL;
}

void sched_ready(tcb_t *t)
{
    t->state = T_READY;
    tcb_t **q = &queue[t->prio];
    if (*q) {
        t->next = *q;
        t->prev = (*q)->prev;
        (*q)->prev->next = t;
        (*q)->prev = t;
    } else {
        *q = t->next = t->prev = t;
        nonempty[t->prio / BITS] |= (word_t)1 << (t->prio % BITS);
    }
    if ((int)t->prio > sched_top_prio)
        sched_top_prio = (int)t->prio;
}

void sched_unready(tcb_t *t)
{
    tcb_t **q = &queue[t->prio];
    if (t->next == t) {
        *q = NULL;
        nonempty[t->prio / BITS] &= ~((word_t)1 << (t->prio % BITS));
        if ((int)t->prio == sched_top_prio) {
            tcb_t *h = highest();
            sched_top_prio = h ? (int)h->prio : -1;
        }
    } else {
        t->prev->next = t->next;
        t->next->prev = t->prev;
        if (*q == t)
            *q = t->next;
    }
    t->next = t->prev = NULL;
}

static tcb_t *highest(void)
{
    for (int w = ARRAY_SIZE(nonempty) - 1; w >= 0; w--)
        if (nonempty[w])
            return queue[w * BITS + (BITS - 1 - __builtin_clzl(nonempty[w]))];
    return NULL;
}

static void switch_to(tcb_t *next)
{
    tcb_t *prev = current;
    current = next;
    next->state = T_RUNNING;
    hal_activate(&next->ctx, &next->space->hal, next->utcb_va);
    if (prev != next)
        hal_switch(prev ? &prev->ctx : &idle_ctx, &next->ctx);
}

/* Run the best ready thread. If the current thread is still running it competes too
 * (it is put back at the tail of its queue only when its slice ran out: see the tick). */
void schedule(void)
{
    tcb_t *next;
    interrupts_deliver_pending();            /* what fired at a preemption point */
    while (!(next = highest())) {
        if (current && current->state == T_RUNNING)
            return;                          /* nothing better: keep running */
        hal_idle();                          /* a timer tick may wake someone */
    }
    if (current && current->state == T_RUNNING) {
        if (next->prio <= current->prio)
            return;
        sched_ready(current);                /* preempted: back to the tail of its queue */
    }
    sched_unready(next);
    switch_to(next);
}

void sched_block(enum thread_state s)
{
    current->state = s;
    schedule();
}

/* The current thread goes to the tail of its priority; the best ready thread runs. */
void sched_yield(void)
{
    sched_ready(current);
    tcb_t *next = highest();
    sched_unready(next);
    if (next != current)
        switch_to(next);
    else
        current->state = T_RUNNING;
}

void sched_donate(tcb_t *t)
{
    sched_unready(t);
    sched_ready(current);
    switch_to(t);
}

void sched_preempt_if_better(tcb_t *t)
{
    if (current && t->state == T_READY && t->prio > current->prio)
        schedule();
}

_Noreturn void sched_start(void)
{
    current = NULL;
    tcb_t *next = highest();
    ASSERT(next);
    sched_unready(next);
    current = next;
    next->state = T_RUNNING;
    hal_activate(&next->ctx, &next->space->hal, next->utcb_va);
    hal_switch(&idle_ctx, &next->ctx);
    panic("idle context resumed");
}

/* ---- The invariant check (debug call) ----------------------------------------------- */

/* Is t in its priority's ready queue? */
int sched_queued(const tcb_t *t)
{
    const tcb_t *q = queue[t->prio % PRIOS];
    unsigned n = 0;
    for (const tcb_t *r = q; r && n < TERN_CONFIG_MAX_THREADS; r = r->next, n++) {
        if (r == t)
            return 1;
        if (r->next == q)
            break;
    }
    return 0;
}

/* The ready queues and the timeout list: NULL, or the broken invariant's name. */
const char *sched_check(void)
{
    int top = -1;
    for (unsigned p = 0; p < PRIOS; p++) {
        int bit = (nonempty[p / BITS] >> (p % BITS)) & 1;
        if (!queue[p]) {
            if (bit)
                return "an empty ready queue is marked non-empty";
            continue;
        }
        if (!bit)
            return "a ready queue is not marked non-empty";
        top = (int)p;
        unsigned n = 0;
        const tcb_t *t = queue[p];
        do {
            if (t->state != T_READY)
                return "a thread in a ready queue is not ready";
            if (t->prio != p)
                return "a thread is in another priority's ready queue";
            if (t->next->prev != t)
                return "a ready queue's links disagree";
            if (++n > TERN_CONFIG_MAX_THREADS)
                return "a ready queue does not close";
            t = t->next;
        } while (t != queue[p]);
    }
    if (top != sched_top_prio)
        return "sched_top_prio is not the highest ready priority";
    if (current && current->state != T_RUNNING)
        return "the current thread is not running";
    unsigned n = 0;
    for (const tcb_t *t = timeouts; t; t = t->tnext) {
        if (!t->wakeup)
            return "a thread in the timeout list has no wakeup";
        if (t->state != T_SENDING && t->state != T_RECEIVING)
            return "a thread in the timeout list is not waiting";
        if (t->tnext && t->tnext->wakeup < t->wakeup)
            return "the timeout list is not sorted";
        if (++n > TERN_CONFIG_MAX_THREADS)
            return "the timeout list does not end";
    }
    return NULL;
}

/* Is t in the timeout list? */
int sched_timeout_listed(const tcb_t *t)
{
    unsigned n = 0;
    for (const tcb_t *r = timeouts; r && n < TERN_CONFIG_MAX_THREADS; r = r->tnext, n++)
        if (r == t)
            return 1;
    return 0;
}

/* ---- Time ---------------------------------------------------------------------------- */

unsigned long long clock_us(void)
{
    return ticks * (1000000ULL / TERN_CONFIG_TIMER_HZ);
}

/* A 16-bit relative time period in ticks, rounded up so a timeout never fires early. */
static unsigned long long period_ticks(word_t t16)
{
    tern_time_t t = { t16 };
    unsigned long long us = tern_time_to_us(t);
    unsigned long long us_per_tick = 1000000ULL / TERN_CONFIG_TIMER_HZ;
    return (us + us_per_tick - 1) / us_per_tick + 1;   /* +1: the current tick is partial */
}

unsigned long long timeout_deadline(word_t t16)
{
    return t16 == TERN_TIMEOUT_NEVER ? 0 : ticks + period_ticks(t16);
}

/* A thread that asks its pager about a string copy's fault waits no later than the
 * copy's deadline (xfer.limit), whatever timeouts its messages carry. */
void timeout_set(tcb_t *t, word_t t16)
{
    if (t16 == TERN_TIMEOUT_NEVER && !t->xfer.limit) {      /* the common case: none */
        timeout_cancel(t);
        return;
    }
    unsigned long long at = timeout_deadline(t16);
    if (t->xfer.limit && (!at || at > t->xfer.limit))
        at = t->xfer.limit;
    timeout_set_at(t, at);
}

void timeout_set_at(tcb_t *t, unsigned long long at)
{
    timeout_cancel(t);
    if (!at)
        return;
    t->wakeup = at;
    tcb_t **p = &timeouts;
    while (*p && (*p)->wakeup <= t->wakeup)
        p = &(*p)->tnext;
    t->tnext = *p;
    *p = t;
}

void timeout_remove(tcb_t *t)
{
    for (tcb_t **p = &timeouts; *p; p = &(*p)->tnext)
        if (*p == t) {
            *p = t->tnext;
            break;
        }
    t->wakeup = 0;
    t->tnext = NULL;
}

void timer_tick(int from_user)
{
    ticks++;
    while (timeouts && timeouts->wakeup <= ticks) {
        tcb_t *t = timeouts;
        timeouts = t->tnext;
        t->wakeup = 0;
        t->tnext = NULL;
        ipc_timed_out(t);
    }
    if (!from_user || !current)
        return;                  /* in the kernel (idle): schedule() picks up the change */
    interrupts_deliver_pending();
    if (--current->remaining == 0) {
        current->remaining = current->timeslice;
        sched_yield();           /* round robin: to the tail of its priority */
    } else {
        schedule();              /* a woken thread of higher priority runs now */
    }
}
