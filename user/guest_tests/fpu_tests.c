/* Lazy FPU: threads holding distinct SSE values across many switches (yields and
 * timer preemption). The registers are set and read by user/arch/<arch>/fpu_regs.S. */
#include "harness.h"

#define THREADS 4
#define ROUNDS 400

/* user/arch/<arch>/fpu_regs.S: the arch's vector registers */
void fpu_regs_fill(word_t v);
unsigned fpu_regs_read(word_t *out);

struct fpu_box { volatile word_t done, bad, switches; };
static struct fpu_box boxes[THREADS];

static int intact(word_t v)
{
    word_t got[32];
    unsigned n = fpu_regs_read(got);
    for (unsigned i = 0; i < n; i++)
        if (got[i] != v + (word_t)i)
            return 0;
    return n > 0;
}

static void fpu_worker(word_t arg)
{
    struct fpu_box *b = &boxes[arg];
    word_t v = 0x1000000 * (arg + 1);
    fpu_regs_fill(v);
    for (int r = 0; r < ROUNDS; r++) {
        if (r % 3 == 0)
            tern_sys_thread_switch(TERN_NIL_THREAD);      /* switch on purpose */
        else
            for (volatile int spin = 0; spin < 2000; spin++)
                ;                                          /* and let the timer switch us */
        if (!intact(v))
            b->bad++;
        b->switches++;
    }
    b->done = 1;
    tern_thread_exit();
}

TEST(fpu_state_survives_switches)
{
    word_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        boxes[i] = (struct fpu_box){ 0, 0, 0 };
        t[i] = spawn(fpu_worker, (word_t)i);
        CHECK(t[i] != TERN_NIL_THREAD);
    }
    for (int wait = 0; wait < 200; wait++) {
        int all = 1;
        for (int i = 0; i < THREADS; i++)
            all &= boxes[i].done != 0;
        if (all)
            break;
        tern_sleep_us(5000);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK_EQ(boxes[i].done, 1);
        CHECK_EQ(boxes[i].bad, 0);
        CHECK_EQ(boxes[i].switches, ROUNDS);
    }
    /* the root task's own SSE registers were never touched by them */
    fpu_regs_fill(0x77);
    tern_sleep_us(1000);
    CHECK(intact(0x77));
    for (int i = 0; i < THREADS; i++)
        kill(t[i]);
}

/* Through IPC: on the fast path its FPU step sets CR0.TS when the sender owns the FPU and
 * clears it when the destination does. The server touches its SSE registers in even rounds
 * only, so odd rounds return to a client that still owns the FPU. */
#define IPC_ROUNDS 200
#define SERVER_V 0x3000000UL
#define CLIENT_V 0x5000000UL

static word_t server_bad, server_filled;

static tern_msgtag_t fpu_checker(tern_msgtag_t in, word_t *mr, word_t arg)
{
    (void)in, (void)arg;
    if (mr[1] % 2 == 0) {
        if (!server_filled) {
            fpu_regs_fill(SERVER_V);
            server_filled = 1;
        } else if (!intact(SERVER_V)) {
            server_bad++;
        }
    }
    return tern_tag(0, 0, 0);
}

static void fpu_checker_server(word_t arg) { tern_serve(fpu_checker, arg); }

TEST(fpu_state_survives_ipc)
{
    server_bad = server_filled = 0;
    word_t srv = spawn(fpu_checker_server, 0), from, bad = 0;
    CHECK(srv != TERN_NIL_THREAD);
    word_t *mr = tern_mr();
    fpu_regs_fill(CLIENT_V);
    for (word_t r = 0; r < IPC_ROUNDS; r++) {
        mr[1] = r;
        mr[0] = tern_tag(0, 1, 0).raw;
        tern_msgtag_t t = tern_ipc(srv, srv, NEVER, &from);
        CHECK(!tern_ipc_failed(t));
        if (!intact(CLIENT_V))
            bad++;
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(server_filled, 1);
    CHECK_EQ(server_bad, 0);
    kill(srv);
}

const struct test fpu_tests[] = {
    { "fpu/state-survives-switches", fpu_state_survives_switches },
    { "fpu/state-survives-ipc", fpu_state_survives_ipc },
    { 0, 0 },
};
