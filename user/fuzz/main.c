/*
 * The fuzzer's root task: reads its arguments, builds the world (a canary space, two
 * victim spaces with two echo threads each, fuzzers in the root space and in two spaces
 * of their own, a keeper for each), lets the fuzzers run their share of the calls, and
 * watches: progress and failures come by IPC; a fuzzer silent for too long is restarted.
 * Prints `FUZZ DONE ...` and exits 0, or `FUZZ FAIL ...` and exits 1.
 */
#include "fuzz.h"

word_t root_tid, fuzzer_tids[FUZZERS], victims[VICTIMS], canary;
word_t protected_ids[16];
unsigned protected_count;
word_t canary_sum, *canary_page;

static struct client clients[1 + VICTIMS + FUZZERS];
#define STALL_US 1000000ULL           /* its calls block for 8 ms at most (but rarely) */
static struct fuzzer states[FUZZERS];        /* each fuzzer's own (a private copy in its space) */

/* ---- The canary and the victims -------------------------------------------------------- */

static word_t page_sum(const word_t *p)
{
    word_t s = 0;
    for (unsigned i = 0; i < TERN_PAGE_SIZE / sizeof(word_t); i++)
        s = s * 31 + p[i];
    return s;
}

static tern_msgtag_t canary_answer(tern_msgtag_t in, word_t *mr, word_t arg)
{
    (void)arg;
    if (tern_msgtag_get_label(in) == CANARY_SUM) {
        mr[1] = page_sum(canary_page);
        return tern_tag(0, 1, 0);
    }
    return tern_tag(0, tern_msgtag_get_untyped(in), 0);      /* the same words back */
}

/* A client's exceptions go to its keeper, which is its pager. */
static void adopt_keeper(void)
{
    word_t o[6];
    tern_sys_exchange_registers(tern_myself(), 0, 0, 0, 0, 0, 0, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
    tern_utcb()->exception_handler = o[5];
}

static void canary_main(word_t unused)
{
    (void)unused;
    adopt_keeper();
    tern_br()[0] = 0;                             /* no strings, no mappings */
    tern_serve(canary_answer, 0);
}

static tern_msgtag_t echo_answer(tern_msgtag_t in, word_t *mr, word_t arg)
{
    (void)mr, (void)arg;
    return tern_tag(tern_msgtag_get_label(in), tern_msgtag_get_untyped(in), 0);
}

static void victim_main(word_t unused)
{
    (void)unused;
    adopt_keeper();
    tern_br()[0] = 0;
    tern_serve(echo_answer, 0);
}

/* ---- A fuzzer -------------------------------------------------------------------------- */

static void report(word_t label, word_t a, word_t b)
{
    word_t *mr = tern_mr();
    tern_br()[0] = 0;
    mr[0] = tern_tag(label, 2, 0).raw;
    mr[1] = a;
    mr[2] = b;
    tern_time_t second = tern_time_period_us(1000000);
    tern_ipc(root_tid, TERN_NIL_THREAD, tern_timeouts_word(second, tern_time_never()), NULL);
}

/* Done: wait for a message nobody sends (from nil would be no receive phase at all, and
 * a loop around it would spin), until the root task ends the run. */
static _Noreturn void wait_forever(void)
{
    for (;;)
        tern_receive(tern_myself(), NULL);
}

void fuzzer_main(word_t index)
{
    struct fuzzer *f = &states[index];
    adopt_keeper();
    if (!f->limit) {                              /* the first start (restarts keep the state) */
        f->index = (int)index;
        f->tid = fuzzer_tids[index];
        f->rng.s = args.seed * 0x9e3779b97f4a7c15ULL + index * 0x632be59bd9b4e019ULL + 1;
        f->limit = args.calls / FUZZERS + (index < args.calls % FUZZERS);
    }
    while (f->made < f->limit) {
        word_t number = f->made * FUZZERS + index;
        f->made++;                                /* a call that kills us still counts */
        fuzz_call(f, number);
        if (f->made % args.check_every == 0 || f->made == f->limit) {
            int failed = fuzz_check(f, number);
            if (failed) {
                tern_printf("FUZZ FAIL %s: fuzzer %lu after call %lu; its last calls:\n",
                            fuzz_check_name(failed), index, number);
                for (unsigned i = 0; i < LOGGED; i++) {
                    const struct logged *l = &f->log[(f->made + i) % LOGGED];
                    if (l->name)
                        fuzz_print_call(l);
                }
                report(MSG_FAIL, index, number);
                wait_forever();
            }
            report(MSG_PROGRESS, index, f->made);
        }
    }
    report(MSG_DONE, index, f->made);
    wait_forever();
}

/* ---- The world ------------------------------------------------------------------------- */

/* A client: in the root space, in a new space, or in the space of thread `space_of`. */
static word_t make(struct client *c, void (*fn)(word_t), word_t arg, int where, word_t space_of)
{
    c->fn = fn;
    c->root_space = where == 0;
    if (c->root_space) {
        c->stack_top = new_stack();
    } else {
        c->block = (word_t)pool_alloc(BLOCK_BYTES);
        c->copies = c->block;                     /* COPY_PAGES of copies, a spare, the stack */
        c->stack_top = (word_t *)(c->block + BLOCK_BYTES);
    }
    word_t k = spawn(keeper, (word_t)c);
    c->keeper = k;
    protected_ids[protected_count++] = k;
    c->arg = space_of;                            /* start_client reads it as the space */
    word_t tid = start_client(c, where == 1, k);
    c->arg = arg;
    if (tid == TERN_NIL_THREAD)
        return tid;
    return tid;
}

/* Start a made client at its function (all are made before any starts, so the copies of
 * data pages they take see the whole world). */
static void go(struct client *c)
{
    extern void tern_thread_entry(void);
    word_t *sp = c->stack_top - 2, o[6];
    sp[0] = (word_t)c->fn;
    sp[1] = c->arg;
    tern_sys_exchange_registers(c->tid, TERN_EXREG_SET_IP | TERN_EXREG_SET_SP | TERN_EXREG_START, (word_t)sp,
                                tern_code_address(tern_thread_entry), 0, 0, TERN_NIL_THREAD,
                                &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
}

/* Back to its function on a fresh stack, whatever it was doing. */
static void restart_client(struct client *c)
{
    extern void tern_thread_entry(void);
    word_t *sp = c->stack_top - 2, o[6];
    sp[0] = (word_t)c->fn;
    sp[1] = c->arg;
    tern_sys_exchange_registers(c->tid, TERN_EXREG_SET_IP | TERN_EXREG_SET_SP | TERN_EXREG_START |
                                TERN_EXREG_ABORT_SEND | TERN_EXREG_ABORT_RECEIVE,
                                (word_t)sp, tern_code_address(tern_thread_entry), 0, 0, TERN_NIL_THREAD,
                                &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
}

/* A fuzzer silent for too long: say what it was doing (the first few times), restart it. */
static void restart_stalled(struct client *c, word_t stalls)
{
    if (stalls <= 4) {
        word_t o[6], k[6];
        tern_sys_exchange_registers(c->tid, 0, 0, 0, 0, 0, 0, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
        tern_sys_exchange_registers(c->keeper, 0, 0, 0, 0, 0, 0, &k[0], &k[1], &k[2], &k[3], &k[4], &k[5]);
        tern_printf("fuzz: restarting a silent fuzzer %lx (control %lx ip %lx sp %lx; its keeper: control %lx ip %lx)\n",
                    c->tid, o[0], o[2], o[1], k[0], k[2]);
    }
    c->restarts++;
    restart_client(c);
}

/* Delete what the fuzzer made, start the victims afresh. */
static void reap(struct client *victim_clients)
{
    word_t n = made_count < MADE_MAX ? made_count : MADE_MAX;
    for (word_t i = 0; i < n; i++)
        if (made_threads[i])
            tern_sys_thread_control(made_threads[i], TERN_NIL_THREAD, 0, 0, 0), made_threads[i] = 0;
    for (int v = 0; v < VICTIMS; v++)
        restart_client(&victim_clients[v]);
}

int main(void)
{
    if (fuzz_args_read() != 0)
        return 2;
    root_tid = tern_myself();
    if (args.sanitizer_test) {                   /* the kernel panics naming the check, or: */
        word_t r = tern_sys_debug(TERN_DEBUG_SANITIZER_TEST, 1, 0);
        tern_printf("FUZZ FAIL sanitizer test: the kernel did not trap (result %lx)\n", r);
        return 1;
    }
    tern_fastpath(args.fastpath);
    protected_ids[protected_count++] = root_tid;
    tern_printf("FUZZ START seed %lu calls %lu fuzzers %d check_every %lu fastpath %s\n",
                (word_t)args.seed, args.calls, FUZZERS, args.check_every, args.fastpath ? "on" : "off");

    struct client *c = clients;
    canary = make(c, canary_main, 0, 1, 0);
    canary_page = (word_t *)(c->block + COPY_PAGES * TERN_PAGE_SIZE);   /* the spare page */
    for (unsigned i = 0; i < TERN_PAGE_SIZE / sizeof(word_t); i++)
        canary_page[i] = i * 0x01010101UL + 0x13;
    canary_sum = page_sum(canary_page);
    protected_ids[protected_count++] = canary;
    for (int v = 0; v < VICTIMS; v++) {
        c++;
        victims[v] = make(c, victim_main, 0, v % 2 == 0 ? 1 : 2, v % 2 ? victims[v - 1] : 0);
    }
    for (int i = 0; i < FUZZERS; i++)
        fuzzer_tids[i] = tern_tid(TERN_FIRST_USER_THREAD + 900 + (word_t)i, 1);   /* named below */
    struct client *fz = c + 1;
    for (int i = 0; i < FUZZERS; i++) {
        c++;
        word_t t = make(c, fuzzer_main, (word_t)i, i == 0 ? 0 : 1, 0);
        fuzzer_tids[i] = t;
        protected_ids[protected_count++] = t;
    }
    for (unsigned i = 0; i < 1 + VICTIMS + FUZZERS; i++)
        if (clients[i].tid == TERN_NIL_THREAD) {
            tern_printf("FUZZ FAIL setup: could not start thread %u\n", i);
            return 1;
        }
    for (unsigned i = 0; i < 1 + VICTIMS + FUZZERS; i++)
        go(&clients[i]);
    tern_printf("FUZZ WORLD canary %lx victims %lx %lx %lx %lx fuzzers %lx %lx %lx\n", canary,
                victims[0], victims[1], victims[2], victims[3], fuzzer_tids[0], fuzzer_tids[1], fuzzer_tids[2]);

    /* Watch: progress, completion, failure; a fuzzer silent for STALL_US of clock is restarted. */
    word_t made[FUZZERS] = { 0 }, done = 0, stalls = 0, reaps = 0;
    unsigned long long heard[FUZZERS], start = tern_sys_system_clock(), cycles = tern_cycles();
    unsigned long long reaped = start;
    for (int i = 0; i < FUZZERS; i++)
        heard[i] = start;
    word_t *mr = tern_mr();
    while (done != (1u << FUZZERS) - 1) {
        word_t from = 0;
        tern_br()[0] = 0;
        tern_msgtag_t t = tern_receive_timeout(TERN_ANY_THREAD, tern_time_period_us(100000), &from);
        unsigned long long now = tern_sys_system_clock();
        if (!tern_ipc_failed(t)) {
            for (int i = 0; i < FUZZERS; i++) {
                if (from != fuzzer_tids[i] || tern_msgtag_get_untyped(t) != 2 || mr[1] != (word_t)i)
                    continue;
                word_t label = tern_msgtag_get_label(t);
                heard[i] = now;
                if (label == MSG_PROGRESS)
                    made[i] = mr[2];
                else if (label == MSG_DONE)
                    made[i] = mr[2], done |= 1u << i;
                else if (label == MSG_FAIL) {
                    tern_printf("FUZZ FAILED fuzzer %d after call %lu\n", i, mr[2]);
                    tern_exit(1);
                }
            }
        }
        if (now - reaped > REAP_US) {
            reaped = now;
            reaps++;
            reap(&clients[1]);
        }
        for (int i = 0; i < FUZZERS; i++)
            if (!(done & (1u << i)) && now - heard[i] > STALL_US) {
                heard[i] = now;
                stalls++;
                restart_stalled(&fz[i], stalls);
            }
    }
    tern_kernel_check();
    word_t restarts = 0, mapped = 0;
    for (unsigned i = 0; i < 1 + VICTIMS + FUZZERS; i++)
        restarts += clients[i].restarts, mapped += clients[i].faults_mapped;
    word_t total = 0;
    for (int i = 0; i < FUZZERS; i++)
        total += made[i];
    if (page_sum(canary_page) != canary_sum) {
        tern_printf("FUZZ FAIL canary page changed\n");
        return 1;
    }
    tern_printf("FUZZ DONE calls %lu restarts %lu stalls %lu reaps %lu faults_mapped %lu clock_us %lu cycles %lu\n",
                total, restarts, stalls, reaps, mapped, (word_t)(tern_sys_system_clock() - start),
                (word_t)(tern_cycles() - cycles));
    return 0;
}
