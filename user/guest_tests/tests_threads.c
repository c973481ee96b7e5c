/* Threads: deletion with partners blocked, ExchangeRegisters, priorities, preemption. */
#include "harness.h"

struct box { volatile word_t a, b, c, d; };

static void waiter(word_t arg)
{
    /* receive from b->b (a specific thread), then report the outcome to b->a */
    struct box *b = (struct box *)arg;
    tern_msgtag_t t = tern_receive(b->b, NULL);
    b->c = tern_ipc_failed(t) ? tern_ipc_error_code() : 100;
    b->d = 1;
    tern_thread_exit();
}

static void blocked_sender(word_t arg)
{
    struct box *b = (struct box *)arg;
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    tern_msgtag_t t = tern_send(b->b);
    b->c = tern_ipc_failed(t) ? tern_ipc_error_code() : 100;
    b->d = 1;
    tern_thread_exit();
}

static void sleeper(word_t arg) { (void)arg; tern_thread_exit(); }

TEST(delete_thread_a_receiver_waits_for)
{
    static struct box b;
    word_t target = spawn(sleeper, 0);
    b = (struct box){ tern_myself(), target, 0, 0 };
    word_t w = spawn(waiter, (word_t)&b);
    tern_sleep_us(2000);                        /* w blocks receiving from target */
    CHECK_EQ(b.d, 0);
    kill(target);
    tern_sleep_us(2000);
    CHECK_EQ(b.d, 1);
    CHECK_EQ(b.c, TERN_IPC_ERR_NO_PARTNER);
    kill(w);
}

TEST(delete_thread_a_sender_is_queued_on)
{
    static struct box b;
    word_t target = spawn(sleeper, 0);
    b = (struct box){ tern_myself(), target, 0, 0 };
    word_t s = spawn(blocked_sender, (word_t)&b);
    tern_sleep_us(2000);                        /* s waits in target's send queue */
    CHECK_EQ(b.d, 0);
    kill(target);
    tern_sleep_us(2000);
    CHECK_EQ(b.d, 1);
    CHECK_EQ(b.c, TERN_IPC_ERR_NO_PARTNER);
    kill(s);
}

TEST(delete_a_queued_sender)
{
    static struct box b;
    b = (struct box){ tern_myself(), tern_myself(), 0, 0 };
    word_t s = spawn(blocked_sender, (word_t)&b);
    tern_sleep_us(2000);                        /* s is queued to send to us */
    kill(s);
    tern_msgtag_t t = tern_receive_timeout(TERN_ANY_THREAD, tern_time_zero(), NULL);
    CHECK(tern_ipc_failed(t));                   /* its message went with it */
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_TIMEOUT);
}

static word_t exreg(word_t tid, word_t control, word_t sp, word_t ip, word_t handle, word_t *old)
{
    return tern_sys_exchange_registers(tid, control, sp, ip, 0, handle, 0,
                                       &old[0], &old[1], &old[2], &old[3], &old[4], &old[5]);
}

TEST(abort_a_blocked_receive)
{
    static struct box b;
    word_t target = spawn(sleeper, 0), old[6];
    b = (struct box){ tern_myself(), target, 0, 0 };
    word_t w = spawn(waiter, (word_t)&b);
    tern_sleep_us(2000);
    CHECK_EQ(exreg(w, TERN_EXREG_ABORT_RECEIVE, 0, 0, 0, old), w);
    CHECK(old[0] & TERN_EXREG_ABORT_RECEIVE);   /* it was receiving */
    tern_sleep_us(2000);
    CHECK_EQ(b.d, 1);
    CHECK_EQ(b.c, TERN_IPC_ERR_CANCELLED);
    kill(w);
    kill(target);
}

TEST(abort_a_blocked_send)
{
    static struct box b;
    word_t target = spawn(sleeper, 0), old[6];
    b = (struct box){ tern_myself(), target, 0, 0 };
    word_t s = spawn(blocked_sender, (word_t)&b);
    tern_sleep_us(2000);
    CHECK_EQ(exreg(s, TERN_EXREG_ABORT_SEND, 0, 0, 0, old), s);
    CHECK(old[0] & TERN_EXREG_ABORT_SEND);
    tern_sleep_us(2000);
    CHECK_EQ(b.c, TERN_IPC_ERR_CANCELLED);
    kill(s);
    kill(target);
}

TEST(exchange_registers_reads_and_writes)
{
    word_t t = spawn(sleeper, 0), old[6];
    tern_sleep_us(1000);
    CHECK_EQ(exreg(t, TERN_EXREG_SET_USER_HANDLE, 0, 0, 0xfeed, old), t);
    word_t sp = old[1], ip = old[2];
    CHECK(sp >= TERN_ROOT_POOL);                  /* its stack is pool memory */
    CHECK(ip >= TERN_ROOT_TEXT);
    CHECK_EQ(exreg(t, 0, 0, 0, 0, old), t);
    CHECK_EQ(old[4], 0xfeed);                     /* user handle read back */
    /* an ip in kernel memory is refused */
    CHECK_EQ(exreg(t, TERN_EXREG_SET_IP, 0, 0x1000, 0, old), TERN_NIL_THREAD);
    CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_PARAM);
    kill(t);
}

static volatile word_t order[8], norder;

static void log_and_exit(word_t arg)
{
    order[norder++] = arg;
    tern_thread_exit();
}

TEST(higher_priority_runs_first)
{
    norder = 0;
    word_t lo = new_tid(), hi = new_tid();
    CHECK_EQ(tern_thread_create(lo, tern_myself(), pager_tid, new_utcb()), 0);
    CHECK_EQ(tern_thread_create(hi, tern_myself(), pager_tid, new_utcb()), 0);
    set_prio(lo, 50);
    set_prio(hi, 150);
    CHECK_EQ(tern_thread_run(lo, log_and_exit, 1, new_stack()), 0);
    CHECK_EQ(norder, 0);                          /* lower than us: not yet */
    CHECK_EQ(tern_thread_run(hi, log_and_exit, 2, new_stack()), 0);
    CHECK_EQ(norder, 1);                          /* higher: ran at once */
    CHECK_EQ(order[0], 2);
    tern_sleep_us(2000);                          /* we block: the low one runs */
    CHECK_EQ(norder, 2);
    CHECK_EQ(order[1], 1);
    kill(lo);
    kill(hi);
}

static volatile word_t spin_stop, spins[2];

static void spinner(word_t arg)
{
    while (!spin_stop)
        spins[arg]++;
    tern_thread_exit();
}

TEST(timer_preempts_equal_priority)
{
    spin_stop = 0;
    spins[0] = spins[1] = 0;
    word_t a = spawn(spinner, 0), b = spawn(spinner, 1);
    tern_sleep_us(60000);                         /* several time slices */
    spin_stop = 1;
    tern_sleep_us(30000);
    CHECK(spins[0] > 0);
    CHECK(spins[1] > 0);
    kill(a);
    kill(b);
}

static volatile word_t turns[16], nturns;

static void yielder(word_t arg)
{
    /* a 10 s time slice: a tick between a turn and its yield would end the slice there,
     * and the other thread would take two turns in a row (seen under loaded hosts) */
    word_t old;
    tern_sys_schedule(tern_myself(), 10000000, ~0UL, ~0UL, ~0UL, &old);
    for (int i = 0; i < 3; i++) {
        turns[nturns++] = arg;
        tern_sys_thread_switch(TERN_NIL_THREAD);
    }
    tern_thread_exit();
}

TEST(thread_switch_yields)
{
    /* both exist before either runs: a tick between the two spawns would end our slice,
     * and the first would take two turns before the second existed (seen under Ski, whose
     * tick follows host time) */
    word_t slice;
    CHECK_EQ(tern_sys_schedule(tern_myself(), 10000000, ~0UL, ~0UL, ~0UL, &slice), 1);
    nturns = 0;
    word_t a = spawn(yielder, 1), b = spawn(yielder, 2);
    tern_sleep_us(5000);
    word_t ignored;
    tern_sys_schedule(tern_myself(), slice, ~0UL, ~0UL, ~0UL, &ignored);
    CHECK_EQ(nturns, 6);
    for (int i = 1; i < 6; i++)
        CHECK(turns[i] != turns[i - 1]);           /* they alternate */
    kill(a);
    kill(b);
}

TEST(thread_switch_donates)
{
    norder = 0;
    word_t t = new_tid();
    CHECK_EQ(tern_thread_create(t, tern_myself(), pager_tid, new_utcb()), 0);
    set_prio(t, 20);
    CHECK_EQ(tern_thread_run(t, log_and_exit, 7, new_stack()), 0);
    CHECK_EQ(norder, 0);
    /* Run it now, though it is lower: it never would otherwise while we are ready. A
     * timer tick may end the donated slice before it is done (QEMU's timer runs on host
     * time), so donate again while it has not logged: a few times at most. */
    for (int i = 0; i < 10 && norder == 0; i++)
        tern_sys_thread_switch(t);
    CHECK_EQ(norder, 1);
    CHECK_EQ(order[0], 7);
    kill(t);
}

TEST(schedule_sets_priority_and_time)
{
    word_t t = spawn(sleeper, 0), old;
    CHECK_EQ(tern_sys_schedule(t, 20000, ~0UL, 90, ~0UL, &old), 1);
    CHECK(old > 0);
    CHECK_EQ(tern_sys_schedule(t, ~0UL, ~0UL, ~0UL, ~0UL, &old), 1);
    CHECK_EQ(old, 20000);
    CHECK_EQ(tern_sys_schedule(t, ~0UL, ~0UL, 300, ~0UL, &old), 0);
    CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_PARAM);
    kill(t);
}

/* (Not log_and_exit: 40 of them would write past order[].) */
static void exit_at_once(word_t arg)
{
    (void)arg;
    tern_thread_exit();
}

TEST(many_threads_call_one_server)
{
    static word_t clients[40];
    word_t srv = spawn(echo_server, 0);
    for (int i = 0; i < 40; i++) {
        clients[i] = spawn(exit_at_once, 0);       /* threads exist ... */
        CHECK(clients[i] != TERN_NIL_THREAD);
    }
    tern_mr()[0] = tern_tag(1, 1, 0).raw;
    tern_mr()[1] = 3;
    CHECK(!tern_ipc_failed(tern_call(srv)));       /* ... and IPC still works */
    for (int i = 0; i < 40; i++)
        kill(clients[i]);
    kill(srv);
}

const struct test thread_tests[] = {
    { "thread/delete-thread-a-receiver-waits-for", delete_thread_a_receiver_waits_for },
    { "thread/delete-thread-a-sender-is-queued-on", delete_thread_a_sender_is_queued_on },
    { "thread/delete-a-queued-sender", delete_a_queued_sender },
    { "thread/abort-a-blocked-receive", abort_a_blocked_receive },
    { "thread/abort-a-blocked-send", abort_a_blocked_send },
    { "thread/exchange-registers-reads-and-writes", exchange_registers_reads_and_writes },
    { "thread/higher-priority-runs-first", higher_priority_runs_first },
    { "thread/timer-preempts-equal-priority", timer_preempts_equal_priority },
    { "thread/thread-switch-yields", thread_switch_yields },
    { "thread/thread-switch-donates", thread_switch_donates },
    { "thread/schedule-sets-priority-and-time", schedule_sets_priority_and_time },
    { "thread/many-threads-call-one-server", many_threads_call_one_server },
    { 0, 0 },
};
