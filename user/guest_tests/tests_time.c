/* Timeouts (zero, relative, never), the clock and the KIP. */
#include "harness.h"

struct box { volatile word_t a, b, c; };

static void idle_thread(word_t arg)
{
    (void)arg;
    tern_thread_exit();                 /* waits for itself: never receives from us */
}

TEST(kip_describes_the_kernel)
{
    tern_kip_t *k = tern_kip();
    CHECK_EQ((word_t)k, TERN_ROOT_KIP);
    CHECK_EQ(k->magic, TERN_KIP_MAGIC);
    CHECK_EQ(k->api_version >> 24, TERN_API_VERSION);
    CHECK(k->page_sizes & TERN_PAGE_SIZE);
    CHECK(k->memory_count >= 1 && k->memory[1] > 0);
    CHECK(k->root_pool_size >= 16 * 1024 * 1024);
    CHECK_EQ(k->processors, 1);
    CHECK(k->timer_hz >= 10);
}

TEST(clock_advances)
{
    unsigned long long a = tern_clock_us();
    tern_sleep_us(5000);
    unsigned long long b = tern_clock_us();
    CHECK(b >= a + 5000);
    CHECK(b < a + 1000000);
}

TEST(send_timeout_zero)
{
    word_t t = spawn(idle_thread, 0);
    tern_sleep_us(1000);                                        /* let it block */
    tern_mr()[0] = 0;
    tern_msgtag_t r = tern_send_timeout(t, tern_time_zero());
    CHECK(tern_ipc_failed(r));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_TIMEOUT);
    CHECK_EQ(tern_ipc_error() & 1, 0);
    kill(t);
}

TEST(receive_timeout_zero)
{
    tern_msgtag_t r = tern_receive_timeout(TERN_ANY_THREAD, tern_time_zero(), NULL);
    CHECK(tern_ipc_failed(r));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_TIMEOUT);
    CHECK_EQ(tern_ipc_error() & 1, 1);
}

TEST(relative_receive_timeout_expires)
{
    unsigned long long a = tern_clock_us();
    tern_msgtag_t r = tern_receive_timeout(TERN_ANY_THREAD, tern_time_period_us(20000), NULL);
    unsigned long long waited = tern_clock_us() - a;
    CHECK(tern_ipc_failed(r));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_TIMEOUT);
    CHECK(waited >= 20000);
    CHECK(waited < 200000);
}

TEST(relative_send_timeout_expires)
{
    word_t t = spawn(idle_thread, 0);
    tern_sleep_us(1000);
    unsigned long long a = tern_clock_us();
    tern_mr()[0] = 0;
    tern_msgtag_t r = tern_send_timeout(t, tern_time_period_us(15000));
    unsigned long long waited = tern_clock_us() - a;
    CHECK(tern_ipc_failed(r));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_TIMEOUT);
    CHECK(waited >= 15000 && waited < 200000);
    kill(t);
}

static void late_sender(word_t arg)
{
    struct box *b = (struct box *)arg;
    tern_sleep_us(10000);
    tern_mr()[0] = tern_tag(0, 1, 0).raw;
    tern_mr()[1] = 4242;
    tern_send(b->a);
    tern_thread_exit();
}

TEST(infinite_timeout_waits_for_partner)
{
    static struct box b;
    b.a = tern_myself();
    word_t s = spawn(late_sender, (word_t)&b);
    unsigned long long a = tern_clock_us();
    tern_msgtag_t r = tern_receive(s, NULL);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(tern_mr()[1], 4242);
    CHECK(tern_clock_us() - a >= 10000);
    kill(s);
}

TEST(timeout_encoding_round_trip)
{
    CHECK_EQ(tern_time_to_us(tern_time_period_us(1)), 1);
    CHECK_EQ(tern_time_to_us(tern_time_period_us(1023)), 1023);
    CHECK_EQ(tern_time_to_us(tern_time_period_us(1024)), 1024);
    CHECK_EQ(tern_time_never().raw, TERN_TIMEOUT_NEVER);
    CHECK_EQ(tern_time_period_us(0).raw, TERN_TIMEOUT_ZERO);
}

const struct test time_tests[] = {
    { "time/kip-describes-the-kernel", kip_describes_the_kernel },
    { "time/clock-advances", clock_advances },
    { "time/send-timeout-zero", send_timeout_zero },
    { "time/receive-timeout-zero", receive_timeout_zero },
    { "time/relative-receive-timeout-expires", relative_receive_timeout_expires },
    { "time/relative-send-timeout-expires", relative_send_timeout_expires },
    { "time/infinite-timeout-waits-for-partner", infinite_timeout_waits_for_partner },
    { "time/timeout-encoding-round-trip", timeout_encoding_round_trip },
    { 0, 0 },
};
