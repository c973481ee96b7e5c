/*
 * Random system calls. Each fuzzer draws its calls from its own generator, so a run is
 * the same run again for the same seed (under QEMU's instruction counting, which makes
 * the interleaving the same too). Call number k of fuzzer i is k * FUZZERS + i; a call
 * the host asks to skip is drawn but not made, so the rest stays as it was.
 *
 * What they may not touch: the harness (the root task's main thread, the pager, the
 * keepers, the canary servers, the other fuzzers) is never the target of a call that
 * changes a thread, and the root-space fuzzer, which shares the harness's memory, points
 * its string buffers and map windows into its scratch area only. Debug exit and the
 * fast-path switch are left out (the root space may use them).
 */
#include "fuzz.h"

#define OWN_MAX 8                         /* threads a fuzzer made, kept to aim at */

static word_t own[FUZZERS][OWN_MAX];
word_t made_threads[MADE_MAX];
volatile word_t made_count;

/* ---- Values ---------------------------------------------------------------------------- */

static word_t any_word(struct rng *r)
{
    switch (rng_below(r, 6)) {
    case 0: return rng_below(r, 16);
    case 1: return (word_t)rng_next(r);
    case 2: return ~(word_t)rng_below(r, 16);
    case 3: return (word_t)1 << rng_below(r, TERN_WORD_BITS);
    case 4: return TERN_ROOT_TEXT + rng_below(r, 1 << 20);
    default: return SCRATCH + rng_below(r, 1UL << SCRATCH_BITS);
    }
}

/* An address in the scratch area (overlapping ones too). */
static word_t scratch(struct rng *r)
{
    return rng_chance(r, 50) ? SCRATCH + rng_below(r, 1UL << SCRATCH_BITS)
                             : SCRATCH + 0x1000 * rng_below(r, 4) + rng_below(r, 8);
}

/* An address the kernel may write to on a thread's behalf (a receive buffer, a map
 * window): never one of the harness's pages (in the root space) or the thread's own code,
 * data and stack (elsewhere): the scratch area, or where nothing is, or the kernel's. */
static word_t target_address(struct rng *r)
{
    switch (rng_below(r, 5)) {
    case 0: case 1: return scratch(r);
    case 2: return 0x66600000UL + rng_below(r, 0x10000);                      /* unmapped */
    case 3: return rng_below(r, 0x10000);                                      /* page 0, the kernel's */
    default: return (word_t)-1 - rng_below(r, 0x10000);                        /* the top */
    }
}

/* An address the kernel reads from (a string to send, a map item's fpage): anything but,
 * from the root space, the harness's memory (a map item would hand it out). */
static word_t source_address(struct rng *r, int root_space)
{
    if (root_space || rng_chance(r, 40))
        return target_address(r);
    return any_word(r);
}

/* A thread id. `harmful`: the call may change the thread, so never the harness. */
static word_t draw_thread_id(struct fuzzer *f, int harmful)
{
    struct rng *r = &f->rng;
    word_t v;
    switch (rng_below(r, 12)) {
    case 0: case 1: return victims[rng_below(r, VICTIMS)];
    case 2: v = own[f->index][rng_below(r, OWN_MAX)]; return v ? v : victims[0];
    case 3: return harmful ? victims[1] : f->tid;
    case 4: return harmful ? victims[2] : canary;
    case 5: return TERN_NIL_THREAD;
    case 6: return rng_chance(r, 50) ? TERN_ANY_THREAD : TERN_ANY_LOCAL_THREAD;
    case 7:                                                        /* stale version */
        v = victims[rng_below(r, VICTIMS)];
        return tern_tid(tern_thread_id_get_number((tern_thread_id_t){ v }),
                        tern_thread_id_get_version((tern_thread_id_t){ v }) + 1 + rng_below(r, 3));
    case 8: return tern_tid(rng_below(r, TERN_FIRST_USER_THREAD), 1);   /* interrupt threads */
    case 9:
        if (!harmful)
            return protected_ids[rng_below(r, protected_count)];
        return victims[3];
    case 10: return tern_tid(rng_below(r, 4096), 1 + rng_below(r, 4));
    default: return (word_t)rng_next(r);
    }
}

/* The privileged fuzzer may change any thread, so a harmful id it draws by chance (a
 * random number and version) that names one of the harness's threads, whatever its
 * version, becomes a victim's. The others keep aiming at the harness: the kernel must
 * refuse them. */
static word_t thread_id(struct fuzzer *f, int harmful)
{
    word_t v = draw_thread_id(f, harmful);
    if (!harmful || f->index != 0)
        return v;
    word_t number = tern_thread_id_get_number((tern_thread_id_t){ v });
    for (unsigned i = 0; i < protected_count; i++)
        if (number == tern_thread_id_get_number((tern_thread_id_t){ protected_ids[i] }))
            return victims[3];
    return v;
}

/* Mostly zero: a call that blocks costs the run at least a timer tick of its clock, and
 * the run wants calls, not waiting. Rarely a short period, some raw encoding (a long one
 * now and then: the watchdog restarts a fuzzer that sleeps too long), or never. */
static word_t timeout(struct rng *r, int may_never)
{
    if (may_never && rng_chance(r, 50))
        return TERN_TIMEOUT_NEVER;
    switch (rng_below(r, 400)) {
    case 0: case 1: return tern_time_period_us(1 + rng_below(r, 500)).raw;
    case 2:
        if (rng_chance(r, 5))
            return rng_below(r, 0x10000) | 1;             /* anything but zero and never */
        return tern_time_make(1 + rng_below(r, 1023), rng_below(r, 2), 0).raw;
    default: return TERN_TIMEOUT_ZERO;
    }
}

/* ---- The calls ------------------------------------------------------------------------ */

/* Each call draws all its values first and records them (the log shows what it did, or
 * would have done), then makes the call unless it is skipped. */
typedef void (*call_fn)(struct fuzzer *f, struct logged *l, int make);

static void say(struct logged *l, const char *name, word_t a, word_t b, word_t c, word_t d,
                word_t e, word_t g)
{
    l->name = name;
    l->a[0] = a, l->a[1] = b, l->a[2] = c, l->a[3] = d, l->a[4] = e, l->a[5] = g;
}

/* A call the fast path takes: to the canary (which is never restarted, so waiting for
 * its answer is safe), receive timeout never, untyped words only, register MRs or some
 * beyond them. Random calls almost never qualify: without these the fast-path run would
 * test the slow path twice. */
static void c_ipc_fast(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    word_t u = rng_chance(r, 80) ? rng_below(r, TERN_IPC_REG_MRS) : rng_below(r, 64);
    word_t *mr = tern_mr();
    for (word_t i = 1; i <= u; i++)
        mr[i] = any_word(r);
    mr[0] = tern_tag(rng_below(r, 1 << 16) & ~(word_t)CANARY_SUM, u, 0).raw;
    word_t snd = rng_chance(r, 50) ? TERN_TIMEOUT_NEVER : TERN_TIMEOUT_ZERO;
    say(l, "ipc (fast-path shape) to from send-timeout tag", canary, canary, snd, mr[0], 0, 0);
    if (make) {
        tern_br()[0] = 0;
        tern_sys_ipc(canary, canary, tern_timeouts_word((tern_time_t){ snd }, tern_time_never()), tern_utcb(), mr);
    }
}

static void c_ipc(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    int root = f->index == 0;
    word_t to = thread_id(f, 0), from = rng_chance(r, 30) ? to : thread_id(f, 0);
    int echo_call = to == canary && from == to;
    word_t snd = timeout(r, echo_call), rcv = timeout(r, echo_call);
    word_t u = rng_chance(r, 70) ? rng_below(r, 9) : rng_below(r, 64);
    word_t t = rng_chance(r, 60) ? 0 : rng_below(r, 64 - u);
    tern_utcb_t *utcb = tern_utcb();
    word_t *mr = utcb->mr, *br = utcb->br;
    for (word_t i = 1; i <= u; i++)
        mr[i] = any_word(r);
    for (word_t i = 1 + u; i <= u + t;) {
        word_t kind = rng_below(r, 3);
        if (kind == 0 && i + 1 <= u + t) {                /* a map or grant item, a random fpage */
            /* grants only from the scratch area, and never by the root task's fuzzer:
             * what else a fuzzer holds is the harness's (its code, its private data) */
            int grant = !root && rng_chance(r, 30);
            mr[i] = tern_string_item_make(0, grant ? TERN_ITEM_GRANT : TERN_ITEM_MAP, 0, 0,
                                          rng_below(r, 1 << 16)).raw;
            mr[i + 1] = tern_fpage_make(rng_below(r, 8), TERN_PAGE_BITS + rng_below(r, root ? 8 : 20),
                                        (grant ? target_address(r) : source_address(r, root)) >> TERN_FPAGE_SHIFT).raw;
            if (rng_chance(r, 10))                         /* I/O ports (any, the kernel's too) */
                mr[i + 1] = tern_io_fpage(rng_below(r, 2 * TERN_IO_PORTS + 1), rng_below(r, 12)).raw;
            i += 2;
        } else if (kind == 1) {                           /* a string item */
            word_t n = rng_below(r, 4);
            mr[i] = tern_string_item_make(0, TERN_ITEM_STRING, rng_chance(r, 10), n,
                                          rng_chance(r, 80) ? rng_below(r, 5000) : any_word(r)).raw;
            for (word_t j = 0; j <= n && i + 1 + j <= u + t; j++)
                mr[i + 1 + j] = source_address(r, root);
            i += 2 + n;
        } else {
            mr[i++] = any_word(r);
        }
    }
    /* what we accept: mappings into a window of the scratch area (or none), strings
     * into buffers there or where the kernel must refuse them */
    word_t bits = TERN_PAGE_BITS + rng_below(r, SCRATCH_BITS - TERN_PAGE_BITS + 1);
    br[0] = tern_acceptor_make(rng_chance(r, 60), 0, rng_chance(r, 20) ? 0 : bits,
                               (SCRATCH + rng_below(r, 1UL << SCRATCH_BITS)) >> TERN_FPAGE_SHIFT).raw;
    for (word_t i = 1; i < 6; i++)
        br[i] = i == 1 ? tern_string_item_make(0, TERN_ITEM_STRING, 0, rng_below(r, 3),
                                               rng_below(r, 8192)).raw
                       : target_address(r);
    /* how long a string copy may wait for pagers: mostly none; else a short while (the
     * partner stays parked until then), so faults in strings go to pagers too */
    utcb->xfer_timeouts = rng_chance(r, 70) ? tern_timeouts_word(tern_time_zero(), tern_time_zero())
                                            : tern_timeouts_word(tern_time_period_us(1 + rng_below(r, 3000)),
                                                                 tern_time_period_us(1 + rng_below(r, 3000)));
    mr[0] = tern_tag(rng_below(r, 1 << 16), u, t).raw;
    say(l, "ipc to from send-timeout receive-timeout tag br0", to, from, snd, rcv, mr[0], br[0]);
    if (make)
        tern_sys_ipc(to, from, tern_timeouts_word((tern_time_t){ snd }, (tern_time_t){ rcv }), utcb, mr);
}

static void c_exchange_registers(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    int self = rng_chance(r, 15);
    word_t dest = self ? f->tid : thread_id(f, 1), control = rng_below(r, 0x200);
    if (self)                         /* read and change only what keeps us running here */
        control &= TERN_EXREG_SET_USER_HANDLE | TERN_EXREG_SET_FLAGS;
    word_t o[6], sp = any_word(r), ip = any_word(r), flags = any_word(r), handle = any_word(r),
           pager = thread_id(f, 0);
    say(l, "exchange_registers dest control sp ip flags pager", dest, control, sp, ip, flags, pager);
    if (make)
        tern_sys_exchange_registers(dest, control, sp, ip, flags, handle, pager, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
}

static void c_thread_control(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    int fresh = rng_chance(r, 60);
    word_t dest = fresh ? tern_tid(TERN_FIRST_USER_THREAD + 64 + rng_below(r, 512), 1 + rng_below(r, 3))
                       : thread_id(f, 1);
    word_t space = rng_chance(r, 30) ? TERN_NIL_THREAD : rng_chance(r, 50) ? dest : thread_id(f, 1);
    word_t utcb = rng_chance(r, 70) ? CHILD_UTCB_AREA + 0x1000 * rng_below(r, 256) : any_word(r);
    word_t pager = thread_id(f, 0), scheduler = rng_chance(r, 50) ? f->tid : thread_id(f, 0);
    say(l, "thread_control dest space scheduler pager utcb", dest, space, scheduler, pager, utcb, 0);
    if (make && tern_sys_thread_control(dest, space, scheduler, pager, utcb) == 1 && space != TERN_NIL_THREAD) {
        own[f->index][rng_below(r, OWN_MAX)] = dest;
        made_threads[made_count++ % MADE_MAX] = dest;      /* for the root task's reaper */
    }
}

static void c_space_control(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    word_t space = thread_id(f, 1), control = any_word(r), old;
    word_t kip = tern_fpage_make(0, TERN_PAGE_BITS + rng_below(r, 4), any_word(r) >> TERN_FPAGE_SHIFT).raw;
    word_t utcbs = tern_fpage_make(0, TERN_PAGE_BITS + rng_below(r, 12), any_word(r) >> TERN_FPAGE_SHIFT).raw;
    say(l, "space_control space control kip-area utcb-area", space, control, kip, utcbs, 0, 0);
    if (make)
        tern_sys_space_control(space, control, kip, utcbs, &old);
}

/* Unmap random fpages, in our space or another's (refused unless privileged): what was
 * derived from them goes, and its holders fault it back in from their keepers. A flush
 * takes the caller's own pages too, so it names only the scratch area, and the root
 * task's fuzzer never flushes: the rest is the harness's (code, private data). */
static void c_unmap(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    int root = f->index == 0;
    word_t n = rng_below(r, 4), space = rng_chance(r, 60) ? TERN_NIL_THREAD : thread_id(f, 1);
    word_t control = rng_chance(r, 80) ? tern_unmap_control_make(n, rng_chance(r, 50)).raw : any_word(r);
    if (root)
        control = tern_unmap_control_set_flush((tern_unmap_control_t){ control }, 0).raw;
    int flush = (int)tern_unmap_control_get_flush((tern_unmap_control_t){ control });
    word_t *mr = tern_mr();
    for (word_t i = 0; i < 64; i++)
        mr[i] = rng_chance(r, 5) ? tern_io_fpage(rng_below(r, 2 * TERN_IO_PORTS + 1), rng_below(r, 12)).raw
                : tern_fpage_make(rng_below(r, 8), TERN_PAGE_BITS + rng_below(r, flush ? SCRATCH_BITS - TERN_PAGE_BITS : 8),
                                  (flush ? target_address(r) : source_address(r, root)) >> TERN_FPAGE_SHIFT).raw;
    say(l, "unmap control space mr0 mr1", control, space, mr[0], mr[1], 0, 0);
    if (make)
        tern_sys_unmap(control, space);
}

/* Attach a line's interrupt thread to someone, or detach it (space: the interrupt thread,
 * or something else the kernel must refuse). Only the root task's fuzzer is privileged;
 * the others' calls are refused. */
static void c_interrupt(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    word_t irq = tern_tid(rng_below(r, TERN_FIRST_USER_THREAD), rng_chance(r, 90) ? 1 : 2);
    word_t space = rng_chance(r, 85) ? irq : thread_id(f, 0);
    word_t pager = rng_chance(r, 40) ? irq : thread_id(f, 0);
    say(l, "thread_control(interrupt) dest space pager", irq, space, pager, 0, 0, 0);
    if (make)
        tern_sys_thread_control(irq, space, TERN_NIL_THREAD, pager, 0);
}

static void c_schedule(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    word_t dest = thread_id(f, 1), old;
    word_t time = rng_chance(r, 50) ? ~0UL : any_word(r);
    word_t prio = rng_chance(r, 50) ? ~0UL : rng_below(r, TERN_PRIORITY_DEFAULT + 1);   /* never above the harness */
    word_t processor = any_word(r), preemption = any_word(r);
    say(l, "schedule dest time processor prio preemption", dest, time, processor, prio, preemption, 0);
    if (make)
        tern_sys_schedule(dest, time, processor, prio, preemption, &old);
}

static void c_thread_switch(struct fuzzer *f, struct logged *l, int make)
{
    word_t dest = thread_id(f, 0);
    say(l, "thread_switch dest", dest, 0, 0, 0, 0, 0);
    if (make)
        tern_sys_thread_switch(dest);
}

static void c_small(struct fuzzer *f, struct logged *l, int make)
{
    word_t a, b, c;
    if (rng_chance(&f->rng, 50)) {
        say(l, "system_clock", 0, 0, 0, 0, 0, 0);
        if (make)
            tern_sys_system_clock();
    } else {
        say(l, "kernel_interface", 0, 0, 0, 0, 0, 0);
        if (make)
            tern_sys_kernel_interface(&a, &b, &c);
    }
}

static void c_debug(struct fuzzer *f, struct logged *l, int make)
{
    struct rng *r = &f->rng;
    /* the TLB and invariant checks, and operations that do not exist; never exit, the
     * fast-path switch or the sanitizer's self-test (the root space may) */
    word_t op = rng_chance(r, 25) ? TERN_DEBUG_TLB_CHECK + rng_below(r, 2)
              : f->index != 0 && rng_chance(r, 10) ? TERN_DEBUG_SANITIZER_TEST     /* refused to them */
              : TERN_DEBUG_SANITIZER_TEST + 1 + rng_below(r, 1000);
    word_t a0 = any_word(r), a1 = any_word(r);
    say(l, "debug op arg0 arg1", op, a0, a1, 0, 0, 0);
    if (make)
        tern_sys_debug(op, a0, a1);
}

/* Every register random, the stack pointer too, then the kernel entry. */
static void c_raw(struct fuzzer *f, struct logged *l, int make)
{
    static struct fuzz_raw raw[FUZZERS];
    struct rng *r = &f->rng;
    struct fuzz_raw *x = &raw[f->index];
    for (unsigned i = 0; i < fuzz_raw_regs; i++)
        x->regs[i] = any_word(r);
    x->number = rng_chance(r, 80) ? rng_below(r, TERN_SYS_UNMAP + 1) : any_word(r);
    x->kind = rng_below(r, 3);
    /* the privileged fuzzer could hit the harness by chance with a changing call, or end
     * the machine by the debug call: those it makes only through their stubs */
    if (f->index == 0 && (x->number == TERN_SYS_THREAD_CONTROL || x->number == TERN_SYS_EXCHANGE_REGISTERS ||
                          x->number == TERN_SYS_SCHEDULE || x->number == TERN_SYS_SPACE_CONTROL ||
                          x->number == TERN_SYS_DEBUG || x->number == TERN_SYS_UNMAP))
        x->number = TERN_SYS_IPC;
    if (f->index != 0 && x->number == TERN_SYS_DEBUG)
        x->number = TERN_SYS_SYSTEM_CLOCK;
    /* a flushing unmap of whatever the MRs name would take a fuzzer's private data (its
     * keeper gives it back as the root's copy): c_unmap makes those, on the scratch area */
    if (x->number == TERN_SYS_UNMAP)
        x->number = TERN_SYS_SYSTEM_CLOCK;
    say(l, "raw number kind reg0 reg1 reg2 reg3", x->number, x->kind, x->regs[0], x->regs[1], x->regs[2], x->regs[3]);
    if (make)
        fuzz_raw(x);
}

static const struct { call_fn fn; unsigned weight; } table[] = {
    { c_ipc, 30 }, { c_ipc_fast, 10 }, { c_exchange_registers, 12 }, { c_thread_control, 10 }, { c_space_control, 5 },
    { c_schedule, 6 }, { c_thread_switch, 6 }, { c_small, 4 }, { c_debug, 2 }, { c_raw, 15 },
    { c_unmap, 5 }, { c_interrupt, 3 },
};

void fuzz_call(struct fuzzer *f, word_t number)
{
    unsigned total = 0;
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
        total += table[i].weight;
    unsigned pick = (unsigned)rng_below(&f->rng, total), i = 0;
    while (pick >= table[i].weight)
        pick -= table[i++].weight;
    struct logged *l = &f->log[f->made % LOGGED];
    l->number = number;
    int make = !fuzz_skipped(number);
    l->skipped = !make;
    struct rng before = f->rng;
    table[i].fn(f, l, 0);                         /* drawn (and recorded) first ... */
    struct rng after = f->rng;
    if (number >= args.trace_from && make)         /* the calls made, not the skipped */
        fuzz_print_call(l);
    if (make) {
        f->rng = before;                          /* ... then drawn again and made */
        table[i].fn(f, l, 1);
    }
    f->rng = after;                               /* the same stream, skipped or not */
}

void fuzz_print_call(const struct logged *l)
{
    tern_printf("CALL %lu%s %s", l->number, l->skipped ? " (skipped)" : "", l->name);
    unsigned n = 0;
    for (const char *c = l->name; *c; c++)
        n += *c == ' ';
    for (unsigned i = 0; i < n && i < 6; i++)
        tern_printf(" %lx", l->a[i]);
    tern_printf("\n");
}
