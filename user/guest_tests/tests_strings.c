/* String items: copied straight from the sender's memory into the receiver's buffers. */
#include "harness.h"


struct sink_args {
    void *bufs[4];
    word_t nbufs, len;
    volatile word_t received, error, sum;
};

static word_t checksum(const unsigned char *p, word_t n)
{
    word_t s = 0;
    for (word_t i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

/* Receives one string message into its buffers and replies with what it saw. */
static void string_sink(word_t arg)
{
    struct sink_args *a = (struct sink_args *)arg;
    word_t from;
    for (;;) {
        tern_accept_strings(a->bufs, a->nbufs, a->len);
        tern_msgtag_t t = tern_receive(TERN_ANY_THREAD, &from);
        a->error = tern_ipc_failed(t) ? tern_ipc_error() : 0;
        a->received = 1;
        a->sum = 0;
        if (!a->error)
            for (word_t i = 0; i < a->nbufs; i++)
                a->sum = a->sum * 7 + checksum(a->bufs[i], a->len);
        tern_mr()[0] = tern_tag(1, 0, 0).raw;
        tern_send(from);
    }
}

static void fill(unsigned char *p, word_t n, word_t seed)
{
    for (word_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7 + (i >> 8));
}

/* Send one string (n substrings of len bytes) to a fresh sink with m buffers of blen. */
static word_t send_string(struct sink_args *a, const void *const *src, word_t n, word_t len,
                          word_t *sink_out)
{
    word_t s = spawn(string_sink, (word_t)a);
    word_t *mr = tern_mr();
    mr[0] = tern_tag(3, 0, 1 + n).raw;
    tern_put_string(mr, 1, src, n, len, 0);
    tern_msgtag_t t = tern_ipc(s, s, NEVER, NULL);
    *sink_out = s;
    if (!tern_ipc_failed(t))
        return 0;
    word_t err = tern_ipc_error() ? tern_ipc_error() : 1;
    tern_receive(s, NULL);          /* the sink reports after its side of the failure */
    return err;
}

static void string_case(word_t len, word_t offset)
{
    static struct sink_args a;
    unsigned char *src = (unsigned char *)pool_alloc(len + offset) + offset;
    unsigned char *dst = (unsigned char *)pool_alloc(len + 4096) + 3;    /* odd alignment */
    fill(src, len, len);
    memset(dst, 0, len);
    a = (struct sink_args){ { dst }, 1, len, 0, 0, 0 };
    word_t s, err = send_string(&a, (const void *const *)&src, 1, len, &s);
    CHECK_EQ(err, 0);
    CHECK(a.received);
    CHECK_EQ(a.error, 0);
    CHECK(memcmp(src, dst, len) == 0);
    CHECK_EQ(a.sum, checksum(src, len));
    kill(s);
}

TEST(string_1_byte) { string_case(1, 0); }
TEST(string_crossing_pages) { string_case(4096, 4000); }
TEST(string_64_kib) { string_case(64 * 1024, 8); }
/* the longest a string item can say: 4 MiB (4 MiB - 1 where its length field has 22 bits) */
TEST(string_largest) { string_case(TERN_STRING_MAX_BYTES, 0); }

TEST(compound_string_scatter_gather)
{
    static struct sink_args a;
    /* 3 source pieces of 1000 bytes gathered into 2 buffers of 1500 */
    unsigned char *pieces[3], *bufs[2];
    for (int i = 0; i < 3; i++) {
        pieces[i] = (unsigned char *)pool_alloc(4096) + 100 * i;
        fill(pieces[i], 1000, i);
    }
    for (int i = 0; i < 2; i++) {
        bufs[i] = (unsigned char *)pool_alloc(4096);
        memset(bufs[i], 0, 1500);
    }
    a = (struct sink_args){ { bufs[0], bufs[1] }, 2, 1500, 0, 0, 0 };
    word_t s, err = send_string(&a, (const void *const *)pieces, 3, 1000, &s);
    CHECK_EQ(err, 0);
    CHECK_EQ(a.error, 0);
    CHECK(memcmp(bufs[0], pieces[0], 1000) == 0);
    CHECK(memcmp(bufs[0] + 1000, pieces[1], 500) == 0);
    CHECK(memcmp(bufs[1], pieces[1] + 500, 500) == 0);
    CHECK(memcmp(bufs[1] + 500, pieces[2], 1000) == 0);
    kill(s);
}

TEST(receive_buffer_too_small)
{
    static struct sink_args a;
    unsigned char *src = (unsigned char *)pool_alloc(8192), *dst = (unsigned char *)pool_alloc(4096);
    a = (struct sink_args){ { dst }, 1, 100, 0, 0, 0 };
    word_t s, err = send_string(&a, (const void *const *)&src, 1, 101, &s);
    CHECK(err);
    CHECK_EQ(tern_error_code_get_code((tern_error_code_t){ err }), TERN_IPC_ERR_MESSAGE_OVERFLOW);
    CHECK_EQ(err & 1, 0);                                        /* send phase */
    CHECK(a.received);
    CHECK_EQ(tern_error_code_get_code((tern_error_code_t){ a.error }), TERN_IPC_ERR_MESSAGE_OVERFLOW);
    kill(s);
}

static void bad_address_case(void *src_addr, void *dst_addr, word_t own, word_t partner)
{
    static struct sink_args a;
    a = (struct sink_args){ { dst_addr }, 1, 8192, 0, 0, 0 };
    word_t s, err = send_string(&a, (const void *const *)&src_addr, 1, 8192, &s);
    CHECK(err);
    CHECK_EQ(tern_error_code_get_code((tern_error_code_t){ err }), own);
    CHECK(a.received);
    CHECK_EQ(tern_error_code_get_code((tern_error_code_t){ a.error }), partner);
    kill(s);
}

TEST(unmapped_sender_address)
{
    bad_address_case((void *)0x60000000UL, pool_alloc(8192),
                     TERN_IPC_ERR_XFER_FAULT_OWN, TERN_IPC_ERR_XFER_FAULT_PARTNER);
}

TEST(kernel_address_in_string)
{
    bad_address_case((void *)0x100000UL, pool_alloc(8192),
                     TERN_IPC_ERR_XFER_FAULT_OWN, TERN_IPC_ERR_XFER_FAULT_PARTNER);
}

TEST(unmapped_receive_buffer)
{
    bad_address_case(pool_alloc(8192), (void *)0x61000000UL,
                     TERN_IPC_ERR_XFER_FAULT_PARTNER, TERN_IPC_ERR_XFER_FAULT_OWN);
}

TEST(half_mapped_buffer_reports_offset)
{
    static struct sink_args a;
    unsigned char *src = (unsigned char *)pool_alloc(8192);
    /* the last pool page is followed by unmapped space */
    tern_kip_t *k = tern_kip();
    unsigned char *dst = (unsigned char *)(k->root_pool_base + k->root_pool_size - 4096);
    a = (struct sink_args){ { dst }, 1, 8192, 0, 0, 0 };
    word_t s, err = send_string(&a, (const void *const *)&src, 1, 8192, &s);
    CHECK(err);
    CHECK_EQ(tern_error_code_get_offset((tern_error_code_t){ err }), 4096);
    kill(s);
}

TEST(strings_not_accepted)
{
    word_t srv = spawn(echo_server, 0);                       /* BR0 = 0: no strings */
    unsigned char *src = (unsigned char *)pool_alloc(4096);
    word_t *mr = tern_mr();
    mr[0] = tern_tag(3, 0, 2).raw;
    tern_put_string(mr, 1, (const void *const *)&src, 1, 16, 0);
    tern_msgtag_t t = tern_call(srv);
    CHECK(tern_ipc_failed(t));
    CHECK_EQ(tern_ipc_error_code(), TERN_IPC_ERR_MESSAGE_OVERFLOW);
    kill(srv);
}

const struct test string_tests[] = {
    { "string/1-byte", string_1_byte },
    { "string/crossing-pages", string_crossing_pages },
    { "string/64-kib", string_64_kib },
    { "string/largest", string_largest },
    { "string/compound-scatter-gather", compound_string_scatter_gather },
    { "string/receive-buffer-too-small", receive_buffer_too_small },
    { "string/unmapped-sender-address", unmapped_sender_address },
    { "string/kernel-address", kernel_address_in_string },
    { "string/unmapped-receive-buffer", unmapped_receive_buffer },
    { "string/half-mapped-buffer-reports-offset", half_mapped_buffer_reports_offset },
    { "string/not-accepted", strings_not_accepted },
    { 0, 0 },
};
