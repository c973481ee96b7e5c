/* String copies that fault (libtern.h, tern_set_xfer_timeouts): the copy stops at an
 * unmapped page of the receiver's buffer or the sender's string, the faulting side's
 * pager maps it on that thread's behalf, and the copy goes on where it stopped; with no
 * time allowed, or once it has run out, both sides get the error with the offset.
 * The partner in another space has its buffer or string in a pager region backed by the
 * root task's pool, touched beforehand except for the gap pages the copy must fault on. */
#include "harness.h"

#define XF_VA 0x74000000UL              /* the partner's buffer or string */
#define PAGE TERN_PAGE_SIZE

static struct xf_box {
    word_t root, len, pages, gap_every, gap_at, wait_first;
    word_t xfer;                        /* the partner's xfer timeouts word */
    volatile word_t ready, error, done;
    volatile word_t faults_touched;     /* pager_region_faults once the partner touched its pages */
} xf;

static int gap(word_t page) { return page % xf.gap_every == xf.gap_at; }

static void touch_all_but_gaps(void)
{
    for (word_t i = 0; i < xf.pages; i++)
        if (!gap(i))
            ((volatile unsigned char *)XF_VA)[i * PAGE] = 0;
    xf.faults_touched = pager_region_faults;
}

static void fill(unsigned char *p, word_t n)
{
    for (word_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 13 + (i >> 12) + 1);
}

static void report(tern_msgtag_t t)
{
    xf.error = tern_ipc_failed(t) ? tern_ipc_error() : 0;
    xf.done = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(xf.root);
    tern_thread_exit();
}

/* Receives one string into XF_VA: it says it is ready and waits in one call (the root's
 * send finds it waiting), or it comes late (the root's send waits in its queue). */
static void fault_receiver(word_t unused)
{
    (void)unused;
    touch_all_but_gaps();
    tern_utcb()->xfer_timeouts = xf.xfer;
    tern_accept_string((void *)XF_VA, xf.len);
    tern_msgtag_t t;
    if (xf.wait_first) {
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        t = tern_ipc(xf.root, xf.root, NEVER, NULL);
    } else {
        tern_sleep_us(2000);
        t = tern_receive(xf.root, NULL);
    }
    report(t);
}

/* Sends one string from XF_VA: the root waits for it already, or takes it late. */
static void fault_sender(word_t unused)
{
    (void)unused;
    touch_all_but_gaps();
    tern_utcb()->xfer_timeouts = xf.xfer;
    word_t *mr = tern_mr();
    const void *addr = (const void *)XF_VA;
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_string(mr, 1, &addr, 1, xf.len, 0);
    xf.ready = 1;
    report(tern_send(xf.root));
}

struct outcome { word_t root_error, partner_error, region_faults, done; unsigned long long us; };

/* One transfer of len bytes with the partner in its own space, the first `backed` pages
 * of its side in the pager's region; the root's side allows `root_xfer`. */
static struct outcome transfer(int partner_receives, word_t len, word_t backed, word_t every,
                               word_t at, int wait_first, word_t partner_xfer, word_t root_xfer,
                               unsigned char *src, unsigned char *dst)
{
    struct outcome o = { 0, 0, 0, 0, 0 };
    word_t pages = backed;
    xf = (struct xf_box){ .root = tern_myself(), .len = len, .pages = pages, .gap_every = every,
                          .gap_at = at, .wait_first = (word_t)wait_first, .xfer = partner_xfer };
    pager_add_region(XF_VA, pages * PAGE, (word_t)(partner_receives ? dst : src));
    word_t saved = tern_utcb()->xfer_timeouts;
    tern_utcb()->xfer_timeouts = root_xfer;
    word_t p = spawn_space(partner_receives ? fault_receiver : fault_sender, 0);
    tern_msgtag_t t;
    if (partner_receives) {
        if (wait_first)
            tern_receive(p, NULL);                  /* it is ready: it waits for the string */
        word_t *mr = tern_mr();
        const void *addr = src;
        mr[0] = tern_tag(0, 0, 2).raw;
        tern_put_string(mr, 1, &addr, 1, len, 0);
        o.us = tern_clock_us();
        t = tern_send(p);
    } else {
        tern_accept_string(dst, len);
        if (!wait_first) {
            while (!xf.ready)
                tern_sleep_us(1000);
            tern_sleep_us(2000);                    /* its send waits in our queue now */
        }
        o.us = tern_clock_us();
        t = tern_receive(p, NULL);
        tern_br()[0] = 0;
    }
    o.us = tern_clock_us() - o.us;
    o.root_error = tern_ipc_failed(t) ? tern_ipc_error() : 0;
    tern_utcb()->xfer_timeouts = saved;
    tern_receive_timeout(p, tern_time_period_us(1000000), NULL);   /* its report */
    o.done = xf.done;
    o.partner_error = xf.error;
    o.region_faults = pager_region_faults - xf.faults_touched;
    kill(p);
    pager_remove_region(XF_VA);
    return o;
}

/* Source and destination of up to 4 MiB, taken from the pool once for every run. */
static void buffers(word_t len, unsigned char **src, unsigned char **dst)
{
    static unsigned char *s, *d;
    if (!s) {
        s = (unsigned char *)pool_alloc(TERN_STRING_MAX_BYTES);
        d = (unsigned char *)pool_alloc(TERN_STRING_MAX_BYTES);
    }
    *src = s;
    *dst = d;
    fill(s, len);
    memset(d, 0, len);
}

static word_t code(word_t e) { return tern_error_code_get_code((tern_error_code_t){ e }); }
static word_t offset(word_t e) { return tern_error_code_get_offset((tern_error_code_t){ e }); }
static word_t phase(word_t e) { return e & 1; }

/* A copy of `len` bytes whose partner-side gap pages fault; every byte arrives, each gap
 * page costs one fault answered by the pager. */
static void resolved_case(int partner_receives, word_t len, word_t every, word_t at, int wait_first)
{
    unsigned char *src, *dst;
    buffers(len, &src, &dst);
    word_t never = tern_timeouts_word(tern_time_never(), tern_time_never());
    struct outcome o = transfer(partner_receives, len, (len + PAGE - 1) / PAGE, every, at, wait_first, never,
                                never, src, dst);
    word_t gaps = 0;
    for (word_t i = 0; i < (len + PAGE - 1) / PAGE; i++)
        gaps += (word_t)gap(i);
    CHECK_EQ(o.done, 1);
    CHECK_EQ(o.root_error, 0);
    CHECK_EQ(o.partner_error, 0);
    CHECK_EQ(o.region_faults, gaps);
    CHECK(gaps > 0);
    CHECK(memcmp(src, dst, len) == 0);
}

#define MIB4 ((word_t)TERN_STRING_MAX_BYTES)
#define MIB4_PAGES ((MIB4 + PAGE - 1) / PAGE)

TEST(receive_buffer_faults_in_the_middle_of_4_mib)
{
    resolved_case(1, MIB4, MIB4_PAGES, MIB4_PAGES / 2, 1);
}

TEST(sender_string_faults_in_the_middle_of_4_mib)
{
    resolved_case(0, MIB4, MIB4_PAGES, MIB4_PAGES / 2, 1);
}

/* The other meeting order: the sender waited in the receiver's queue, so the receiver's
 * own receive makes the copy; every fourth page faults. */
TEST(receive_buffer_faults_when_the_sender_waited)
{
    resolved_case(1, 64 * 1024 + 100, 4, 1, 0);
}

TEST(sender_string_faults_when_the_sender_waited)
{
    resolved_case(0, 64 * 1024 + 100, 4, 1, 0);
}

/* The pager never answers (the third page is outside its regions): after the shorter
 * xfer timeout (the partner's 20 ms) both sides fail, the faulting side with
 * xfer_fault_own, the other with xfer_fault_partner, each at the fault's offset. */
static void expiry(int partner_receives)
{
    word_t len = 4 * PAGE;
    unsigned char *src, *dst;
    buffers(len, &src, &dst);
    tern_time_t short_one = tern_time_period_us(20000), long_one = tern_time_period_us(2000000);
    struct outcome o = transfer(partner_receives, len, 2, 4, 3, 1, tern_timeouts_word(short_one, short_one),
                                tern_timeouts_word(long_one, long_one), src, dst);
    CHECK_EQ(o.done, 1);
    CHECK_EQ(code(o.partner_error), TERN_IPC_ERR_XFER_FAULT_OWN);
    CHECK_EQ(code(o.root_error), TERN_IPC_ERR_XFER_FAULT_PARTNER);
    CHECK_EQ(offset(o.partner_error), 2 * PAGE);
    CHECK_EQ(offset(o.root_error), 2 * PAGE);
    CHECK_EQ(phase(o.root_error), partner_receives ? 0 : 1);     /* each in its own phase */
    CHECK_EQ(phase(o.partner_error), partner_receives ? 1 : 0);
    CHECK(o.us >= 20000);                                        /* not before the time was up */
    if (partner_receives)
        CHECK(memcmp(src, dst, 2 * PAGE) == 0);
}

TEST(xfer_timeout_expires_in_the_receivers_fault) { expiry(1); }
TEST(xfer_timeout_expires_in_the_senders_fault) { expiry(0); }

/* With no time allowed (the default) the pager is not asked: the copy fails at once. */
TEST(zero_xfer_timeout_asks_no_pager)
{
    word_t len = 8 * PAGE;
    unsigned char *src, *dst;
    buffers(len, &src, &dst);
    word_t zero = tern_timeouts_word(tern_time_zero(), tern_time_zero());
    word_t never = tern_timeouts_word(tern_time_never(), tern_time_never());
    struct outcome o = transfer(1, len, len / PAGE, 8, 5, 1, zero, never, src, dst);
    CHECK_EQ(o.done, 1);
    CHECK_EQ(o.region_faults, 0);
    CHECK_EQ(code(o.partner_error), TERN_IPC_ERR_XFER_FAULT_OWN);
    CHECK_EQ(code(o.root_error), TERN_IPC_ERR_XFER_FAULT_PARTNER);
    CHECK_EQ(offset(o.root_error), 5 * PAGE);
}

const struct test string_fault_tests[] = {
    { "string-fault/receive-buffer-in-the-middle-of-4-mib", receive_buffer_faults_in_the_middle_of_4_mib },
    { "string-fault/sender-string-in-the-middle-of-4-mib", sender_string_faults_in_the_middle_of_4_mib },
    { "string-fault/receive-buffer-when-the-sender-waited", receive_buffer_faults_when_the_sender_waited },
    { "string-fault/sender-string-when-the-sender-waited", sender_string_faults_when_the_sender_waited },
    { "string-fault/xfer-timeout-expires-in-the-receivers-fault", xfer_timeout_expires_in_the_receivers_fault },
    { "string-fault/xfer-timeout-expires-in-the-senders-fault", xfer_timeout_expires_in_the_senders_fault },
    { "string-fault/zero-xfer-timeout-asks-no-pager", zero_xfer_timeout_asks_no_pager },
    { 0, 0 },
};
