/* One test per kernel bug that random or hostile system calls found (issue 16): each
 * failed before its fix. */
#include "harness.h"

/* ---- a queued message is not lost when its receiver's own send completes --------------- */

static struct relay { word_t root, a, c; volatile word_t from, error, label, done; } rl;

/* A: sends to the root (who is not receiving yet), then waits for anyone. */
static void relay_a(word_t unused)
{
    (void)unused;
    word_t from = 0;
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    tern_msgtag_t t = tern_ipc(rl.root, TERN_ANY_THREAD,
                               tern_timeouts_word(tern_time_never(), tern_time_period_us(200000)), &from);
    rl.from = from;
    rl.error = tern_ipc_failed(t);
    rl.label = tern_msgtag_get_label(t);
    rl.done = 1;
    tern_thread_exit();
}

/* C: sends to A while A is still sending: C waits in A's queue. */
static void relay_c(word_t unused)
{
    (void)unused;
    tern_mr()[0] = tern_tag(3, 0, 0).raw;
    tern_send(rl.a);
    tern_thread_exit();
}

/* A's send completes when the root takes it; A's receive phase must then take C's
 * message, which was queued all along, not block until its timeout. */
TEST(queued_sender_met_after_own_send)
{
    rl = (struct relay){ tern_myself(), 0, 0, 0, 0, 0, 0 };
    rl.a = spawn(relay_a, 0);
    CHECK(rl.a != TERN_NIL_THREAD);
    tern_sys_thread_switch(rl.a);                 /* A blocks sending to us */
    rl.c = spawn(relay_c, 0);
    CHECK(rl.c != TERN_NIL_THREAD);
    tern_sys_thread_switch(rl.c);                 /* C blocks sending to A */
    word_t from = 0;
    tern_msgtag_t t = tern_receive(rl.a, &from);  /* A's message: A goes on to receive */
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(tern_msgtag_get_label(t), 1);
    for (int i = 0; i < 100 && !rl.done; i++)
        tern_sys_thread_switch(TERN_NIL_THREAD);
    kill(rl.a);
    kill(rl.c);
    CHECK_EQ(rl.done, 1);
    CHECK_EQ(rl.error, 0);
    CHECK_EQ(rl.from, rl.c);
    CHECK_EQ(rl.label, 3);
}

/* ---- the debug call's machine-wide operations are the root task's ---------------------- */

static struct debug_probe { word_t root; volatile word_t fastpath, fastpath_err, exit, exit_err; } dp;

static void debug_prober(word_t unused)
{
    (void)unused;
    dp.fastpath = tern_sys_debug(TERN_DEBUG_FASTPATH, 0, 0);
    dp.fastpath_err = tern_utcb()->error_code;
    dp.exit = tern_sys_debug(TERN_DEBUG_EXIT, 77, 0);     /* would end the machine */
    dp.exit_err = tern_utcb()->error_code;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(dp.root);
    tern_thread_exit();
}

TEST(debug_exit_and_fastpath_need_privilege)
{
    dp = (struct debug_probe){ tern_myself(), 9, 0, 9, 0 };
    word_t c = spawn_space(debug_prober, 0);
    CHECK(c != TERN_NIL_THREAD);
    CHECK(!tern_ipc_failed(tern_receive_timeout(c, tern_time_period_us(500000), NULL)));
    kill(c);
    CHECK_EQ(dp.fastpath, 0);
    CHECK_EQ(dp.fastpath_err, TERN_ERR_NO_PRIVILEGE);
    CHECK_EQ(dp.exit, 0);
    CHECK_EQ(dp.exit_err, TERN_ERR_NO_PRIVILEGE);
    CHECK(tern_fastpath(1));                        /* the root task still may */
}

const struct test fix_tests[] = {
    { "fixed/queued-sender-met-after-own-send", queued_sender_met_after_own_send },
    { "fixed/debug-exit-and-fastpath-need-privilege", debug_exit_and_fastpath_need_privilege },
    { 0, 0 },
};
