/* IPC operations, message registers and IPC errors. */
#include "harness.h"

struct box { volatile word_t a, b, c, d, e; };

static tern_msgtag_t label_plus_one(tern_msgtag_t in, word_t *mr, word_t arg)
{
    (void)mr, (void)arg;
    return tern_tag(tern_msgtag_get_label(in) + 1, tern_msgtag_get_untyped(in), 0);
}

void echo_server(word_t arg) { tern_serve(label_plus_one, arg); }

TEST(call_and_reply)
{
    word_t srv = spawn(echo_server, 0), *mr = tern_mr(), from;
    CHECK(srv != TERN_NIL_THREAD);
    mr[0] = tern_tag(7, 3, 0).raw;
    mr[1] = 11; mr[2] = 22; mr[3] = 33;
    tern_msgtag_t t = tern_ipc(srv, srv, NEVER, &from);
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(tern_msgtag_get_label(t), 8);
    CHECK_EQ(tern_msgtag_get_untyped(t), 3);
    CHECK_EQ(mr[1] + mr[2] + mr[3], 66);
    CHECK_EQ(from, srv);
    kill(srv);
}

static void closed_receiver(word_t arg)
{
    struct box *b = (struct box *)arg;
    word_t from;
    tern_msgtag_t t = tern_receive(b->a, &from);          /* only from the root task */
    b->b = tern_mr()[1];
    b->c = from;
    b->d = tern_msgtag_get_label(t);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(b->a);
    tern_thread_exit();
}

TEST(send_and_closed_receive)
{
    static struct box b;
    b = (struct box){ tern_myself(), 0, 0, 0, 0 };
    word_t r = spawn(closed_receiver, (word_t)&b);
    tern_mr()[0] = tern_tag(5, 1, 0).raw;
    tern_mr()[1] = 0xabc;
    CHECK(!tern_ipc_failed(tern_send(r)));
    CHECK(!tern_ipc_failed(tern_receive(r, NULL)));
    CHECK_EQ(b.b, 0xabc);
    CHECK_EQ(b.c, tern_myself());
    CHECK_EQ(b.d, 5);
    kill(r);
}

static void sender_to(word_t arg)
{
    struct box *b = (struct box *)arg;
    tern_mr()[0] = tern_tag(b->b, 1, 0).raw;
    tern_mr()[1] = b->c;
    tern_send(b->a);
    tern_thread_exit();
}

TEST(open_receive_learns_sender)
{
    static struct box b1, b2;
    b1 = (struct box){ tern_myself(), 1, 100, 0, 0 };
    b2 = (struct box){ tern_myself(), 2, 200, 0, 0 };
    word_t s1 = spawn(sender_to, (word_t)&b1), s2 = spawn(sender_to, (word_t)&b2);
    word_t seen = 0;
    for (int i = 0; i < 2; i++) {
        word_t from;
        tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
        CHECK(!tern_ipc_failed(t));
        word_t label = tern_msgtag_get_label(t);
        CHECK(label == 1 || label == 2);
        CHECK_EQ(from, label == 1 ? s1 : s2);
        CHECK_EQ(tern_mr()[1], label * 100);
        seen |= label;
    }
    CHECK_EQ(seen, 3);
    kill(s1);
    kill(s2);
}

TEST(reply_and_receive_server_loop)
{
    word_t srv = spawn(echo_server, 0), *mr = tern_mr();
    for (word_t i = 0; i < 200; i++) {
        mr[0] = tern_tag(i, 1, 0).raw;
        mr[1] = i * 3;
        tern_msgtag_t t = tern_call(srv);
        CHECK(!tern_ipc_failed(t));
        CHECK_EQ(tern_msgtag_get_label(t), i + 1);
        CHECK_EQ(mr[1], i * 3);
    }
    kill(srv);
}

static void sink(word_t arg)
{
    struct box *b = (struct box *)arg;
    tern_receive(TERN_ANY_THREAD, NULL);
    b->a = tern_mr()[1];
    tern_thread_exit();
}

TEST(send_to_and_receive_from)
{
    static struct box bs, bb;
    bs = (struct box){ 0, 0, 0, 0, 0 };
    word_t a = spawn(sink, (word_t)&bs);
    bb = (struct box){ tern_myself(), 9, 900, 0, 0 };
    word_t b = spawn(sender_to, (word_t)&bb);             /* queues a send to us */
    word_t from;
    tern_mr()[0] = tern_tag(1, 1, 0).raw;
    tern_mr()[1] = 0x5a5a;
    tern_msgtag_t t = tern_ipc(a, b, NEVER, &from);        /* send to a, receive from b */
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(from, b);
    CHECK_EQ(tern_msgtag_get_label(t), 9);
    /* the sink got the message, but when it runs to store it is the scheduler's choice:
     * b's send was queued, so our receive may return before the sink has run */
    for (int i = 0; i < 100 && bs.a == 0; i++)
        tern_sys_thread_switch(a);
    CHECK_EQ(bs.a, 0x5a5a);
    kill(a);
    kill(b);
}

static int mr_round_trip(word_t srv, word_t u)
{
    word_t *mr = tern_mr();
    mr[0] = tern_tag(u, u, 0).raw;
    for (word_t i = 1; i <= u; i++)
        mr[i] = 0x1000 * u + i;
    for (word_t i = u + 1; i < 64; i++)
        mr[i] = 0;
    tern_msgtag_t t = tern_call(srv);
    if (tern_ipc_failed(t) || tern_msgtag_get_untyped(t) != u)
        return 0;
    for (word_t i = 1; i <= u; i++)
        if (mr[i] != 0x1000 * u + i)
            return 0;
    return 1;
}

TEST(mr_counts_in_registers)
{
    word_t srv = spawn(echo_server, 0);
    for (word_t u = 0; u < TERN_IPC_REG_MRS; u++)
        CHECK(mr_round_trip(srv, u));
    kill(srv);
}

TEST(mr_counts_through_utcb_to_63)
{
    word_t srv = spawn(echo_server, 0);
    for (word_t u = TERN_IPC_REG_MRS; u < 64; u++)
        CHECK(mr_round_trip(srv, u));
    kill(srv);
}

TEST(message_too_long_fails)
{
    word_t srv = spawn(echo_server, 0);
    tern_mr()[0] = tern_tag(0, 60, 4).raw;                   /* 1 + 64 words > 64 MRs */
    tern_msgtag_t t = tern_call(srv);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_MESSAGE_OVERFLOW);
    CHECK(mr_round_trip(srv, 2));                             /* the server still works */
    kill(srv);
}

TEST(nonexistent_partner)
{
    tern_mr()[0] = 0;
    tern_msgtag_t t = tern_send(tern_tid(900, 1));
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_NO_PARTNER);
    t = tern_receive(tern_tid(901, 3), NULL);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_NO_PARTNER);
    CHECK_EQ(tern_ipc_error() & 1, 1);                         /* receive phase */
}

TEST(stale_thread_id)
{
    word_t srv = spawn(echo_server, 0);
    word_t stale = tern_tid(tern_thread_id_get_number((tern_thread_id_t){ srv }), 2);
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    tern_msgtag_t t = tern_call(stale);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_NO_PARTNER);
    kill(srv);
}

TEST(deleted_partner)
{
    word_t srv = spawn(echo_server, 0);
    kill(srv);
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    tern_msgtag_t t = tern_call(srv);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_NO_PARTNER);
}

TEST(bad_system_call_arguments)
{
    word_t o[6];
    CHECK_EQ(tern_sys_thread_control(TERN_ANY_THREAD, tern_myself(), 0, 0, 0x40180000), 0);
    CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_THREAD);
    CHECK_EQ(tern_sys_thread_control(tern_tid(3, 1), tern_myself(), 0, 0, 0x40180000), 0);
    CHECK_EQ(tern_sys_thread_control(tern_tid(40, 1), tern_tid(777, 1), 0, 0, 0x40180000), 0);
    CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_SPACE);
    CHECK_EQ(tern_sys_thread_control(tern_tid(41, 1), tern_myself(), 0, 0, 0x1000), 0);
    CHECK_EQ(tern_sys_exchange_registers(tern_tid(902, 1), 0, 0, 0, 0, 0, 0,
                                         &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]), TERN_NIL_THREAD);
    CHECK_EQ(tern_sys_space_control(tern_tid(903, 1), 0, 0, 0, &o[0]), 0);
    CHECK_EQ(tern_sys_debug(77, 0, 0), 0);
    CHECK_EQ(tern_sys_schedule(tern_myself(), ~0UL, ~0UL, 999, ~0UL, &o[0]), 0);
    CHECK_EQ(tern_utcb()->error_code, TERN_ERR_INVALID_PARAM);
    /* a string item pointing at kernel memory, sent to nobody in particular */
    CHECK(mr_round_trip(spawn(echo_server, 0), 1));
}

const struct test ipc_tests[] = {
    { "ipc/call-and-reply", call_and_reply },
    { "ipc/send-and-closed-receive", send_and_closed_receive },
    { "ipc/open-receive-learns-sender", open_receive_learns_sender },
    { "ipc/reply-and-receive-server-loop", reply_and_receive_server_loop },
    { "ipc/send-to-and-receive-from", send_to_and_receive_from },
    { "ipc/mr-counts-in-registers", mr_counts_in_registers },
    { "ipc/mr-counts-through-utcb-to-63", mr_counts_through_utcb_to_63 },
    { "ipc/message-too-long-fails", message_too_long_fails },
    { "ipc/nonexistent-partner", nonexistent_partner },
    { "ipc/stale-thread-id", stale_thread_id },
    { "ipc/deleted-partner", deleted_partner },
    { "ipc/bad-system-call-arguments", bad_system_call_arguments },
    { 0, 0 },
};
