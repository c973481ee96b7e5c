/* Address spaces: IPC across them, page faults served by a pager, exceptions, map
 * items, privileges, unhandled faults, and an ELF payload started as a task. */
#include "harness.h"

struct box { volatile word_t a, b, c, d; };

TEST(call_into_another_space)
{
    word_t before = pager_faults;
    word_t srv = spawn_space(echo_server, 0), *mr = tern_mr(), from;
    CHECK(srv != TERN_NIL_THREAD);
    for (word_t i = 0; i < 50; i++) {
        mr[0] = tern_tag(i, 2, 0).raw;
        mr[1] = i;
        mr[2] = ~i;
        tern_msgtag_t t = tern_ipc(srv, srv, NEVER, &from);
        CHECK(!tern_ipc_failed(t));
        CHECK_EQ(from, srv);
        CHECK_EQ(mr[1], i);
        CHECK_EQ(mr[2], ~i);
    }
    CHECK(pager_faults > before);                  /* its code and stack came from the pager */
    kill(srv);
}

struct remote_sink { word_t root, len; unsigned char *buf; volatile word_t sum, err; };

static void remote_string_sink(word_t arg)
{
    struct remote_sink *r = (struct remote_sink *)arg;
    for (word_t i = 0; i < r->len; i += 4096)
        r->buf[i] = 0;                             /* fault the buffer in */
    tern_accept_string(r->buf, r->len);
    tern_msgtag_t t = tern_receive(r->root, NULL);
    word_t s = 0;
    for (word_t i = 0; i < r->len; i++)
        s += r->buf[i];
    r->sum = s;
    r->err = tern_ipc_failed(t) ? tern_ipc_error() : 0;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(r->root);
    tern_thread_exit();
}

TEST(string_into_another_space)
{
    static struct remote_sink r;
    word_t len = 20000;
    unsigned char *src = (unsigned char *)pool_alloc(len);
    word_t want = 0;
    for (word_t i = 0; i < len; i++) {
        src[i] = (unsigned char)(i * 13);
        want += src[i];
    }
    r = (struct remote_sink){ tern_myself(), len, (unsigned char *)pool_alloc(len), 0, 0 };
    word_t s = spawn_space(remote_string_sink, (word_t)&r);
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    tern_put_string(mr, 1, (const void *const *)&src, 1, len, 0);
    CHECK(!tern_ipc_failed(tern_ipc(s, s, NEVER, NULL)));
    CHECK_EQ(r.err, 0);
    CHECK_EQ(r.sum, want);
    kill(s);
}

void probe_invalid(void);            /* user/arch/<arch>/fault_probes.S: never returns */

static void faulting_child(word_t arg)
{
    struct box *b = (struct box *)arg;
    tern_utcb()->exception_handler = pager_tid;
    b->a = 1;
    probe_invalid();                               /* an invalid instruction */
}

static void resumed(word_t arg)
{
    struct box *b = (struct box *)arg;
    b->b = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(b->c);
    tern_thread_exit();
}

TEST(exception_goes_to_handler)
{
    static struct box b;
    b = (struct box){ 0, 0, tern_myself(), 0 };
    word_t *resume = new_stack() - 2;
    resume[0] = (word_t)resumed;
    resume[1] = (word_t)&b;
    exception_resume_sp = (word_t)resume;
    word_t before = pager_exceptions;
    word_t c = spawn_space(faulting_child, (word_t)&b);
    tern_msgtag_t t = tern_receive_timeout(c, tern_time_period_us(500000), NULL);
    CHECK(!tern_ipc_failed(t));
    CHECK_EQ(b.a, 1);
    CHECK_EQ(b.b, 1);
    CHECK_EQ(pager_exceptions, before + 1);
    kill(c);
}

/* Every kind of fault the ISA has for user mode (user/arch/<arch>/fault_probes.S): each
 * reaches the thread's exception handler as an exception IPC with the faulting ip and
 * the ISA's code, and the handler's reply resumes the thread where it says. */
struct fault_probe { void (*probe)(void); word_t ip, code; };
extern const struct fault_probe fault_probes[];

static struct prober { word_t root; const struct fault_probe *p; volatile word_t resumed; } pb;

extern void tern_thread_entry(void);

static void probe_resumed(word_t unused)
{
    (void)unused;
    pb.resumed = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(pb.root);
    tern_thread_exit();
}

static void prober(word_t arg)
{
    (void)arg;
    tern_utcb()->exception_handler = pb.root;
    pb.p->probe();
}

TEST(every_fault_kind_is_an_exception_ipc)
{
    int n = 0;
    for (const struct fault_probe *p = fault_probes; p->probe; p++, n++) {
        pb = (struct prober){ tern_myself(), p, 0 };
        word_t t = spawn(prober, 0), from = 0;
        CHECK(t != TERN_NIL_THREAD);
        tern_msgtag_t m = tern_receive_timeout(t, tern_time_period_us(500000), &from);
        word_t *mr = tern_mr();
        if (tern_ipc_failed(m) || from != t) {
            kill(t);
            test_fail(__FILE__, __LINE__, "probe's exception IPC arrives", (word_t)n, 0);
            return;
        }
        word_t label = tern_msgtag_get_label(m), ip = mr[1], code = mr[4];
        CHECK_EQ(label, ((word_t)TERN_EXCEPTION_LABEL << 4) &
                            (TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT));
        CHECK_EQ(ip, p->ip);
        CHECK_EQ((word_t)n << 8 | code, (word_t)n << 8 | p->code);   /* shows which probe */
        word_t *resume = new_stack() - 2;           /* resume in probe_resumed, new stack */
        resume[0] = (word_t)probe_resumed;
        resume[1] = 0;
        mr[0] = tern_tag(0, 2, 0).raw;
        mr[1] = tern_code_address(tern_thread_entry);
        mr[2] = (word_t)resume;
        tern_msgtag_t r = tern_ipc(t, t, tern_timeouts_word(tern_time_never(), tern_time_period_us(500000)), &from);
        CHECK(!tern_ipc_failed(r));
        CHECK_EQ(pb.resumed, 1);
        kill(t);
    }
    CHECK(n >= 5);
}

static void wild_access(word_t arg)
{
    (void)arg;
    *(volatile word_t *)0x66600000UL = 1;          /* nobody maps this */
    tern_mr()[0] = 0;
    tern_send(arg);
    tern_thread_exit();
}

TEST(unhandled_fault_halts_only_that_thread)
{
    word_t t = new_tid();
    CHECK_EQ(tern_thread_create(t, tern_myself(), TERN_NIL_THREAD, new_utcb()), 0);
    CHECK_EQ(tern_thread_run(t, wild_access, tern_myself(), new_stack()), 0);
    tern_msgtag_t r = tern_receive_timeout(t, tern_time_period_us(20000), NULL);
    CHECK(tern_ipc_failed(r));                     /* it never got to send */
    word_t old[6];
    CHECK_EQ(tern_sys_exchange_registers(t, 0, 0, 0, 0, 0, 0, &old[0], &old[1], &old[2],
                                         &old[3], &old[4], &old[5]), t);
    CHECK(old[0] & TERN_EXREG_HALT);               /* halted, not running wild */
    kill(t);
}

static void privileged_attempt(word_t arg)
{
    struct box *b = (struct box *)arg;
    b->a = tern_sys_thread_control(tern_tid(800, 1), tern_myself(), 0, 0, 0x7f010000UL);
    b->b = tern_utcb()->error_code;
    tern_mr()[0] = 0;
    tern_send(b->c);
    tern_thread_exit();
}

TEST(only_the_root_space_is_privileged)
{
    static struct box b;
    b = (struct box){ 9, 0, tern_myself(), 0 };
    word_t c = spawn_space(privileged_attempt, (word_t)&b);
    CHECK(!tern_ipc_failed(tern_receive(c, NULL)));
    CHECK_EQ(b.a, 0);
    CHECK_EQ(b.b, TERN_ERR_NO_PRIVILEGE);
    kill(c);
}

static void map_receiver(word_t arg)
{
    struct box *b = (struct box *)arg;
    word_t window = 0x70000000UL;
    tern_br()[0] = tern_acceptor_make(0, 0, 24, window >> TERN_FPAGE_SHIFT).raw;
    tern_msgtag_t t = tern_receive(b->c, NULL);
    b->a = tern_ipc_failed(t) ? 0 : *(volatile word_t *)(window + (b->d & 0xffffff));
    tern_mr()[0] = 0;
    tern_send(b->c);
    tern_thread_exit();
}

TEST(map_item_shares_a_page)
{
    static struct box b;
    word_t *page = pool_alloc(4096);
    page[0] = 0x77665544;
    b = (struct box){ 0, 0, tern_myself(), (word_t)page };
    word_t c = spawn_space(map_receiver, (word_t)&b);
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, 0).raw;
    mr[2] = tern_fpage_make(TERN_FPAGE_READ, TERN_PAGE_BITS, (word_t)page >> TERN_FPAGE_SHIFT).raw;
    CHECK(!tern_ipc_failed(tern_send(c)));
    CHECK(!tern_ipc_failed(tern_receive(c, NULL)));
    CHECK_EQ(b.a, 0x77665544);
    kill(c);
}

TEST(elf_payload_runs_as_a_task)
{
    tern_kip_t *k = tern_kip();
    CHECK(k->module_count >= 1);
    word_t t = elf_spawn((const void *)k->module[0], k->module[1]);
    CHECK(t != TERN_NIL_THREAD);
    word_t *mr = tern_mr(), from;
    mr[0] = tern_tag(41, 2, 0).raw;
    mr[1] = 21;
    mr[2] = 1000;
    tern_msgtag_t r = tern_ipc(t, t, NEVER, &from);
    CHECK(!tern_ipc_failed(r));
    CHECK_EQ(from, t);
    CHECK_EQ(tern_msgtag_get_label(r), 42);
    CHECK_EQ(mr[1], 42);
    CHECK_EQ(mr[2], 2000);
    kill(t);
}

TEST(many_spaces_come_and_go)
{
    for (int i = 0; i < 20; i++) {
        word_t s = spawn_space(echo_server, 0);
        CHECK(s != TERN_NIL_THREAD);
        tern_mr()[0] = tern_tag(1, 1, 0).raw;
        tern_mr()[1] = (word_t)i;
        CHECK(!tern_ipc_failed(tern_call(s)));
        CHECK_EQ(tern_mr()[1], (word_t)i);
        kill(s);
    }
}

const struct test space_tests[] = {
    { "space/call-into-another-space", call_into_another_space },
    { "space/string-into-another-space", string_into_another_space },
    { "space/exception-goes-to-handler", exception_goes_to_handler },
    { "space/every-fault-kind-is-an-exception-ipc", every_fault_kind_is_an_exception_ipc },
    { "space/unhandled-fault-halts-only-that-thread", unhandled_fault_halts_only_that_thread },
    { "space/only-the-root-space-is-privileged", only_the_root_space_is_privileged },
    { "space/map-item-shares-a-page", map_item_shares_a_page },
    { "space/elf-payload-runs-as-a-task", elf_payload_runs_as_a_task },
    { "space/many-spaces-come-and-go", many_spaces_come_and_go },
    { 0, 0 },
};
