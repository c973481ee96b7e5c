/*
 * The system calls on threads: thread_control (create, modify, delete), exchange_registers,
 * thread_switch and schedule. Every id is looked up and every right checked before
 * anything changes; a refusal is an error code in the caller's UTCB.
 */
#include <tern/config/max_threads.h>
#include <tern/config/timer_hz.h>

#include "kernel.h"

/* thread_control(dest, space, scheduler, pager, utcb_location) -> result
 * Privileged only: every use (create, modify, delete, and attaching or detaching an
 * interrupt thread's handler) needs the root task's space, else TERN_ERR_NO_PRIVILEGE. */
void sys_thread_control(const word_t *a, word_t *r)
{
    word_t dest = a[0], space_spec = a[1], scheduler = a[2], pager = a[3], utcb = a[4];
    if (!syscall_privileged()) {
        r[0] = syscall_error(TERN_ERR_NO_PRIVILEGE);
        return;
    }
    tcb_t *d = tcb_lookup(dest), *irq;
    if (!d && (irq = interrupt_lookup(dest))) {               /* attach, detach (interrupt.c) */
        word_t code = interrupt_control(irq, space_spec, pager);
        r[0] = code ? syscall_error(code) : 1;
        return;
    }
    if (space_spec == TERN_NIL_THREAD) {                      /* delete */
        if (!d || d == current) {
            r[0] = syscall_error(TERN_ERR_INVALID_THREAD);
            return;
        }
        thread_delete(d);
        r[0] = 1;
        return;
    }
    if (d) {                                                   /* modify */
        if (pager != TERN_NIL_THREAD) d->pager = pager;
        if (scheduler != TERN_NIL_THREAD) d->scheduler = scheduler;
        r[0] = 1;
        return;
    }
    if (dest == TERN_ANY_THREAD || thread_no(dest) >= TERN_CONFIG_MAX_THREADS ||
        thread_version(dest) == 0 || thread_no(dest) < TERN_FIRST_USER_THREAD) {
        r[0] = syscall_error(TERN_ERR_INVALID_THREAD);
        return;
    }
    space_t *s;
    int fresh = space_spec == dest;
    if (fresh) {
        if (!(s = space_create())) {
            r[0] = syscall_error(TERN_ERR_OUT_OF_MEMORY);
            return;
        }
    } else {
        tcb_t *other = tcb_lookup(space_spec);
        if (!other) {
            r[0] = syscall_error(TERN_ERR_INVALID_SPACE);
            return;
        }
        s = other->space;
    }
    word_t code = 0;
    d = NULL;
    if (tcb_lookup_number(dest))
        code = TERN_ERR_INVALID_THREAD;          /* the number is taken (another version) */
    else if ((s->utcb_size && (utcb < s->utcb_base || utcb >= s->utcb_base + s->utcb_size)) ||
             !thread_utcb_place_free(s, utcb))
        code = TERN_ERR_INVALID_UTCB;            /* outside the area, or a page already used */
    else if (!(d = thread_create(dest, s, utcb)))
        code = TERN_ERR_OUT_OF_MEMORY;           /* valid, so the frames ran out (the count
                                                    alone misleads: a failed page table
                                                    frees the UTCB frame it had taken) */
    if (!d) {
        if (fresh) {
            s->threads = 1;
            space_release(s);
        }
        r[0] = syscall_error(code);
        return;
    }
    d->pager = pager;
    d->scheduler = scheduler != TERN_NIL_THREAD ? scheduler : current->id;
    d->prio = current->prio;
    hal_thread_init(&d->ctx, d->frame, 0, 0);
    r[0] = 1;
}

/* exchange_registers(dest, control, sp, ip, flags, user_handle, pager)
 *   -> result, control, sp, ip, flags, user_handle, pager (the old values) */
void sys_exchange_registers(const word_t *a, word_t *r)
{
    word_t control = a[1];
    tcb_t *d = tcb_lookup(a[0]);
    for (int i = 0; i < 7; i++)
        r[i] = 0;
    if (!d) {
        syscall_error(TERN_ERR_INVALID_THREAD);
        return;
    }
    if (d->space != current->space && !syscall_privileged()) {
        syscall_error(TERN_ERR_NO_PRIVILEGE);
        return;
    }
    /* The old values come back whatever is changed. */
    r[0] = d->id;
    r[1] = (d->state == T_HALTED || d->state == T_INACTIVE ? TERN_EXREG_HALT : 0) |
           (d->state == T_SENDING ? TERN_EXREG_ABORT_SEND : 0) |
           (receiving(d) ? TERN_EXREG_ABORT_RECEIVE : 0);
    r[2] = frame_sp(d->frame);
    r[3] = frame_ip(d->frame);
    r[4] = frame_flags(d->frame);
    r[5] = d->utcb->user_handle;
    r[6] = d->pager;
    if (control & TERN_EXREG_ABORT_SEND && d->state == T_SENDING)
        ipc_cancel(d, TERN_IPC_ERR_CANCELLED);
    if (control & TERN_EXREG_ABORT_RECEIVE && receiving(d))
        ipc_cancel(d, TERN_IPC_ERR_CANCELLED);
    if (control & (TERN_EXREG_SET_SP | TERN_EXREG_SET_IP | TERN_EXREG_SET_FLAGS)) {
        word_t sp = control & TERN_EXREG_SET_SP ? a[2] : r[2];
        word_t ip = control & TERN_EXREG_SET_IP ? a[3] : r[3];
        word_t fl = control & TERN_EXREG_SET_FLAGS ? a[4] : r[4];
        if (hal_frame_set(d->frame, ip, sp, fl) < 0) {
            r[0] = TERN_NIL_THREAD;
            syscall_error(TERN_ERR_INVALID_PARAM);
            return;
        }
    }
    if (control & TERN_EXREG_SET_USER_HANDLE)
        d->utcb->user_handle = a[5];
    if (control & TERN_EXREG_SET_PAGER)
        d->pager = a[6];
    if (control & TERN_EXREG_HALT && d != current &&
        (d->state == T_READY || d->state == T_INACTIVE)) {
        if (d->state == T_READY)
            sched_unready(d);
        d->state = T_HALTED;
    }
    if (control & TERN_EXREG_START && (d->state == T_INACTIVE || d->state == T_HALTED)) {
        if (!hal_user_ip(frame_ip(d->frame))) {
            r[0] = TERN_NIL_THREAD;
            syscall_error(TERN_ERR_INVALID_PARAM);
            return;
        }
        sched_ready(d);
        sched_preempt_if_better(d);
    }
}

/* thread_switch(dest): donate the rest of the slice to dest, or yield */
void sys_thread_switch(const word_t *a, word_t *r)
{
    (void)r;
    tcb_t *d = tcb_lookup(a[0]);
    if (d && d != current && d->state == T_READY)
        sched_donate(d);
    else
        sched_yield();
}

/* schedule(dest, time_control, processor_control, prio_control, preemption_control)
 *   -> result, time_control (the old time slice in microseconds) */
#define MAX_TIMESLICE_TICKS 0x7fffffffUL   /* fits the TCB's unsigned tick count */

void sys_schedule(const word_t *a, word_t *r)
{
    word_t time_control = a[1], prio = a[3];
    tcb_t *d = tcb_lookup(a[0]);
    r[1] = 0;
    if (!d) {
        r[0] = syscall_error(TERN_ERR_INVALID_THREAD);
        return;
    }
    if (!syscall_privileged() && d->scheduler != current->id) {
        r[0] = syscall_error(TERN_ERR_NO_PRIVILEGE);
        return;
    }
    r[1] = (word_t)d->timeslice * (1000000 / TERN_CONFIG_TIMER_HZ);
    /* microseconds to ticks; a slice the tick counter cannot hold is refused (before
     * anything changes) */
    word_t ticks = time_control / (1000000 / TERN_CONFIG_TIMER_HZ);
    if ((time_control != ~(word_t)0 && ticks > MAX_TIMESLICE_TICKS) ||
        (prio != ~(word_t)0 && prio > TERN_PRIORITY_MAX)) {
        r[0] = syscall_error(TERN_ERR_INVALID_PARAM);
        return;
    }
    if (prio != ~(word_t)0) {
        if (prio > current->prio && !syscall_privileged()) {
            r[0] = syscall_error(TERN_ERR_NO_PRIVILEGE);
            return;
        }
        int ready = d->state == T_READY;
        if (ready)
            sched_unready(d);
        d->prio = (unsigned)prio;
        if (ready)
            sched_ready(d);
    }
    if (time_control != ~(word_t)0)
        d->timeslice = d->remaining = ticks ? (unsigned)ticks : 1;
    if (d->state == T_READY)
        sched_preempt_if_better(d);
    else if (d == current)
        schedule();
    r[0] = 1;
}
