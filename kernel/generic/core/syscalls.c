/*
 * System call dispatch. Arguments and results sit where abi/<arch>.toml puts them; the
 * generated frame_map.h says which frame field that is. Bad arguments never reach
 * kernel state: every id is looked up, every address checked, and the call fails with
 * an error code in the caller's UTCB.
 */
#include <tern/config/max_threads.h>
#include <tern/config/timer_hz.h>
#include <tern/config/debug_console.h>

#include <tern/config/fastpath.h>
#include "kernel.h"

#define MAX_ARGS 8

/* ---- Arguments and results ------------------------------------------------------------ */

/* Words of a caller's memory block (arches with few argument registers spill). */
static int user_words(space_t *s, word_t va, word_t *buf, unsigned n, int write)
{
    for (unsigned i = 0; i < n; i++, va += sizeof(word_t)) {
        paddr_t pa;
        unsigned rights;
        if (va % sizeof(word_t) || hal_space_lookup(&s->hal, va, &pa, &rights) < 0 ||
            (write && !(rights & HAL_WRITE)))
            return -1;
        word_t *p = hal_phys_to_virt(pa);
        if (write) *p = buf[i]; else buf[i] = *p;
    }
    return 0;
}

/* The generator's rule (gen/abi.py): when arguments or results do not fit the registers,
 * the last argument register carries the address of a block holding the rest. */
static int spills(unsigned nargs, unsigned nres)
{
    return nargs > FRAME_ARG_COUNT || nres > FRAME_RESULT_COUNT;
}

static int get_args(struct hal_frame *f, word_t *a, unsigned n, unsigned nres)
{
    unsigned in_regs = spills(n, nres) ? FRAME_ARG_COUNT - 1 : n;
    if (in_regs > n)
        in_regs = n;
    for (unsigned i = 0; i < in_regs; i++)
        a[i] = *frame_arg_ptr(f, i);
    if (n == in_regs)
        return 0;
    return user_words(current->space, *frame_arg_ptr(f, FRAME_ARG_COUNT - 1), a + in_regs,
                      n - in_regs, 0);
}

static void put_results(struct hal_frame *f, word_t *r, unsigned n, unsigned nargs)
{
    unsigned in_regs = n > FRAME_RESULT_COUNT ? FRAME_RESULT_COUNT : n;
    word_t block = *frame_arg_ptr(f, FRAME_ARG_COUNT - 1);   /* read before results land */
    for (unsigned i = 0; i < in_regs; i++)
        *frame_result_ptr(f, i) = r[i];
    if (spills(nargs, n) && n > in_regs)
        user_words(current->space, block, r + in_regs, n - in_regs, 1);
}

static word_t error(word_t code)
{
    current->utcb->error_code = code;
    return 0;
}

static int privileged(void) { return current->space->privileged; }

/* ---- The calls ---------------------------------------------------------------------- */

/* The end of an IPC system call: the result into the user's registers. */
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

static void sys_ipc(struct hal_frame *f)
{
    tcb_t *cur = current;
    FRAME_STORE_MRS(f, cur->utcb->mr);
    ipc(cur, FRAME_IPC_TO(f), FRAME_IPC_FROM_SPECIFIER(f), FRAME_IPC_TIMEOUTS(f));
    ipc_resume(f);
}

static word_t thread_control(const word_t *a)
{
    word_t dest = a[0], space_spec = a[1], scheduler = a[2], pager = a[3], utcb = a[4];
    if (!privileged())
        return error(TERN_ERR_NO_PRIVILEGE);
    tcb_t *d = tcb_lookup(dest);
    if (space_spec == TERN_NIL_THREAD) {                      /* delete */
        if (!d || d == current)
            return error(TERN_ERR_INVALID_THREAD);
        thread_delete(d);
        return 1;
    }
    if (d) {                                                   /* modify */
        if (pager != TERN_NIL_THREAD) d->pager = pager;
        if (scheduler != TERN_NIL_THREAD) d->scheduler = scheduler;
        return 1;
    }
    if (dest == TERN_ANY_THREAD || thread_no(dest) >= TERN_CONFIG_MAX_THREADS ||
        thread_version(dest) == 0 || thread_no(dest) < 16)
        return error(TERN_ERR_INVALID_THREAD);
    space_t *s;
    int fresh = space_spec == dest;
    if (fresh) {
        if (!(s = space_create()))
            return error(TERN_ERR_OUT_OF_MEMORY);
    } else {
        tcb_t *other = tcb_lookup(space_spec);
        if (!other)
            return error(TERN_ERR_INVALID_SPACE);
        s = other->space;
    }
    word_t code = 0;
    d = NULL;
    if (tcb_lookup_number(dest))
        code = TERN_ERR_INVALID_THREAD;          /* the number is taken (another version) */
    else if (s->utcb_size && (utcb < s->utcb_base || utcb >= s->utcb_base + s->utcb_size))
        code = TERN_ERR_INVALID_UTCB;
    else if (!(d = thread_create(dest, s, utcb)))
        code = frames_free() ? TERN_ERR_INVALID_UTCB : TERN_ERR_OUT_OF_MEMORY;
    if (!d) {
        if (fresh) {
            s->threads = 1;
            space_release(s);
        }
        return error(code);
    }
    d->pager = pager;
    d->scheduler = scheduler != TERN_NIL_THREAD ? scheduler : current->id;
    d->prio = current->prio;
    hal_thread_init(&d->ctx, d->frame, 0, 0);
    return 1;
}

static word_t space_control(const word_t *a, word_t *old_control)
{
    *old_control = 0;
    if (!privileged())
        return error(TERN_ERR_NO_PRIVILEGE);
    tcb_t *t = tcb_lookup(a[0]);
    if (!t)
        return error(TERN_ERR_INVALID_SPACE);
    space_t *s = t->space;
    tern_fpage_t kip = { a[2] }, area = { a[3] };
    word_t kip_va = tern_fpage_get_page(kip) << TERN_FPAGE_SHIFT;
    word_t area_va = tern_fpage_get_page(area) << TERN_FPAGE_SHIFT;
    word_t area_bits = tern_fpage_get_size_bits(area);
    if (kip.raw && !s->kip_va && space_map_kip(s, kip_va) < 0)
        return error(TERN_ERR_INVALID_KIP_AREA);
    if (area.raw) {
        word_t size = (word_t)1 << area_bits;
        if (area_bits < TERN_PAGE_BITS || area_bits > 30 || area_va & (size - 1) ||
            !hal_user_address(area_va) || !hal_user_address(area_va + size - 1))
            return error(TERN_ERR_INVALID_UTCB);
        s->utcb_base = area_va;
        s->utcb_size = size;
    }
    return 1;
}

static void exchange_registers(const word_t *a, word_t *r)
{
    word_t control = a[1];
    tcb_t *d = tcb_lookup(a[0]);
    for (int i = 0; i < 7; i++)
        r[i] = 0;
    if (!d) {
        error(TERN_ERR_INVALID_THREAD);
        return;
    }
    if (d->space != current->space && !privileged()) {
        error(TERN_ERR_NO_PRIVILEGE);
        return;
    }
    /* The old values come back whatever is changed. */
    r[0] = d->id;
    r[1] = (d->state == T_HALTED || d->state == T_INACTIVE ? TERN_EXREG_HALT : 0) |
           (d->state == T_SENDING ? TERN_EXREG_ABORT_SEND : 0) |
           (receiving(d) ? TERN_EXREG_ABORT_RECEIVE : 0);
    r[2] = hal_frame_sp(d->frame);
    r[3] = hal_frame_ip(d->frame);
    r[4] = hal_frame_flags(d->frame);
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
            error(TERN_ERR_INVALID_PARAM);
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
        if (!hal_user_address(hal_frame_ip(d->frame))) {
            r[0] = TERN_NIL_THREAD;
            error(TERN_ERR_INVALID_PARAM);
            return;
        }
        sched_ready(d);
        sched_preempt_if_better(d);
    }
}

static void thread_switch(word_t dest)
{
    tcb_t *d = tcb_lookup(dest);
    if (d && d != current && d->state == T_READY)
        sched_donate(d);
    else
        sched_yield();
}

static word_t schedule_call(const word_t *a, word_t *old_time)
{
    word_t time_control = a[1], prio = a[3];
    tcb_t *d = tcb_lookup(a[0]);
    *old_time = 0;
    if (!d)
        return error(TERN_ERR_INVALID_THREAD);
    if (!privileged() && d->scheduler != current->id)
        return error(TERN_ERR_NO_PRIVILEGE);
    *old_time = (word_t)d->timeslice * (1000000 / TERN_CONFIG_TIMER_HZ);
    if (prio != ~(word_t)0) {
        if (prio > 255)
            return error(TERN_ERR_INVALID_PARAM);
        if (prio > current->prio && !privileged())
            return error(TERN_ERR_NO_PRIVILEGE);
        int ready = d->state == T_READY;
        if (ready)
            sched_unready(d);
        d->prio = (unsigned)prio;
        if (ready)
            sched_ready(d);
    }
    if (time_control != ~(word_t)0) {
        word_t t = time_control / (1000000 / TERN_CONFIG_TIMER_HZ);
        d->timeslice = d->remaining = t ? (unsigned)t : 1;
    }
    if (d->state == T_READY)
        sched_preempt_if_better(d);
    else if (d == current)
        schedule();
    return 1;
}

static word_t debug_call(const word_t *a)
{
    if (!TERN_CONFIG_DEBUG_CONSOLE)
        return error(TERN_ERR_INVALID_PARAM);
    if (a[0] == TERN_DEBUG_PUTC) {
        hal_console_putc((char)a[1]);
        return 1;
    }
    if (a[0] == TERN_DEBUG_EXIT)
        hal_exit((int)a[1]);
    if (a[0] == TERN_DEBUG_FASTPATH) {
        /* Switching on a fast path the build left out is refused, so a benchmark can
         * tell "fast" from "slow" honestly. */
        if (a[1] && !TERN_CONFIG_FASTPATH)
            return error(TERN_ERR_INVALID_PARAM);
        fastpath_enabled = a[1] != 0;
        fastpath_syscall = fastpath_enabled ? TERN_SYS_IPC : ~(word_t)0;
        return 1;
    }
    return error(TERN_ERR_INVALID_PARAM);
}

void syscall_ipc(struct hal_frame *f) { sys_ipc(f); }

void syscall_entry(struct hal_frame *f)
{
    word_t a[MAX_ARGS] = { 0 }, r[MAX_ARGS] = { 0 };
    word_t n = FRAME_SYSCALL_NUMBER(f);
    if (n == TERN_SYS_IPC) {
        sys_ipc(f);
        return;
    }
    /* argument counts from abi/generic.toml */
    static const unsigned char nargs[] = {
        [TERN_SYS_KERNEL_INTERFACE] = 0, [TERN_SYS_EXCHANGE_REGISTERS] = 7,
        [TERN_SYS_THREAD_CONTROL] = 5, [TERN_SYS_SPACE_CONTROL] = 4,
        [TERN_SYS_THREAD_SWITCH] = 1, [TERN_SYS_SCHEDULE] = 5, [TERN_SYS_SYSTEM_CLOCK] = 0,
        [TERN_SYS_DEBUG] = 3,
    };
    static const unsigned char nresults[] = {
        [TERN_SYS_KERNEL_INTERFACE] = 4, [TERN_SYS_EXCHANGE_REGISTERS] = 7,
        [TERN_SYS_THREAD_CONTROL] = 1, [TERN_SYS_SPACE_CONTROL] = 2,
        [TERN_SYS_THREAD_SWITCH] = 0, [TERN_SYS_SCHEDULE] = 2, [TERN_SYS_SYSTEM_CLOCK] = 1,
        [TERN_SYS_DEBUG] = 1,
    };
    if (n >= ARRAY_SIZE(nargs)) {
        *frame_result_ptr(f, 0) = error(TERN_ERR_INVALID_PARAM);
        return;
    }
    if (get_args(f, a, nargs[n], nresults[n]) < 0) {
        *frame_result_ptr(f, 0) = error(TERN_ERR_INVALID_PARAM);
        return;
    }
    switch (n) {
    case TERN_SYS_KERNEL_INTERFACE:
        r[0] = current->space->kip_va;
        r[1] = TERN_API_VERSION << 24 | TERN_API_SUBVERSION << 16;
        r[2] = TERN_WORD_BITS == 64 ? 1 << 2 : 0;
        r[3] = 0x54524e00;                        /* "TRN" */
        break;
    case TERN_SYS_EXCHANGE_REGISTERS: exchange_registers(a, r); break;
    case TERN_SYS_THREAD_CONTROL: r[0] = thread_control(a); break;
    case TERN_SYS_SPACE_CONTROL: r[0] = space_control(a, &r[1]); break;
    case TERN_SYS_THREAD_SWITCH: thread_switch(a[0]); break;
    case TERN_SYS_SCHEDULE: r[0] = schedule_call(a, &r[1]); break;
    case TERN_SYS_SYSTEM_CLOCK: r[0] = (word_t)clock_us(); break;
    case TERN_SYS_DEBUG: r[0] = debug_call(a); break;
    }
    put_results(f, r, nresults[n], nargs[n]);
}
