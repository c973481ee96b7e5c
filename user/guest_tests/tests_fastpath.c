/* The fast path against the slow path: a few thousand random IPCs, every result word
 * compared; and ping-pong figures (instructions under QEMU -icount shift=0). */
#include "harness.h"

#define STEPS 3000
#define WORDS_PER_STEP 12

static word_t rng_state;
static word_t rng(void)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return rng_state >> 17;
}

/* A server that answers with a function of what it got: label, count and words change. */
static tern_msgtag_t mirrored(tern_msgtag_t in, word_t *mr, word_t arg)
{
    /* words beyond those received are undefined: use only what came */
    word_t u = tern_msgtag_get_untyped(in), out = (u + arg) % 9;
    for (word_t i = 1; i <= out; i++)
        mr[i] = (i <= u ? mr[i] : 0) * 3 + i + arg;
    return tern_tag(tern_msgtag_get_label(in) ^ (0x55 + arg), out, 0);
}

static void mirror(word_t arg) { tern_serve(mirrored, arg); }

static word_t results[2][STEPS * WORDS_PER_STEP];

static void run_sequence(const word_t *servers, unsigned nservers, word_t *out)
{
    word_t *mr = tern_mr();
    rng_state = 12345;
    for (unsigned s = 0; s < STEPS; s++) {
        word_t srv = servers[rng() % nservers], u = rng() % 9, label = rng() & 0xfff, from = 0;
        for (word_t i = 1; i <= u; i++)
            mr[i] = rng();
        int flags = rng() % 16 == 0;                  /* now and then a tag the fast path refuses */
        mr[0] = tern_msgtag_make(u, 0, flags, 0, 0, 0, label).raw;
        tern_msgtag_t t = tern_ipc(srv, srv, NEVER, &from);
        word_t *r = out + s * WORDS_PER_STEP;
        r[0] = t.raw;
        r[1] = from;
        r[2] = tern_ipc_failed(t) ? tern_ipc_error() : 0;
        for (word_t i = 1; i <= tern_msgtag_get_untyped(t) && i < WORDS_PER_STEP - 2; i++)
            r[2 + i] = mr[i];
    }
}

TEST(differential_fast_vs_slow)
{
    word_t servers[3] = { spawn(mirror, 1), spawn(mirror, 2), spawn_space(mirror, 3) };
    for (int i = 0; i < 3; i++)
        CHECK(servers[i] != TERN_NIL_THREAD);
    memset(results, 0, sizeof results);
    tern_fastpath(1);
    run_sequence(servers, 3, results[0]);
    tern_fastpath(0);
    run_sequence(servers, 3, results[1]);
    tern_fastpath(1);
    for (unsigned i = 0; i < STEPS * WORDS_PER_STEP; i++) {
        if (results[0][i] != results[1][i]) {
            tern_printf("[step %u word %u: fast %lx slow %lx]\n", i / WORDS_PER_STEP,
                        i % WORDS_PER_STEP, results[0][i], results[1][i]);
            CHECK_EQ(results[0][i], results[1][i]);
        }
    }
    for (int i = 0; i < 3; i++)
        kill(servers[i]);
}

/* ---- ping-pong ----------------------------------------------------------------------- */

#define ROUNDS 2000

/* Guest instructions per one-way IPC, user loop included, as Pistachio's pingpong (its
 * count of words a constant, inlined at each use, as a user's call of that length): the
 * cycle counter's ticks times the instructions per tick measured against a loop of known
 * length (exact under QEMU -icount; cycles otherwise). */
static unsigned long per_kilotick;

static inline __attribute__((always_inline)) unsigned long pingpong_n(word_t partner, word_t words)
{
    tern_utcb_t *u = tern_utcb();
    for (int warm = 0; warm < 10; warm++) {
        u->mr[0] = tern_tag(0, words, 0).raw;
        tern_sys_ipc_words(partner, partner, NEVER, u, u->mr, words, words);
    }
    unsigned long long start = tern_cycles();
    for (int i = 0; i < ROUNDS; i++) {
        u->mr[0] = tern_tag(0, words, 0).raw;
        tern_sys_ipc_words(partner, partner, NEVER, u, u->mr, words, words);
    }
    return (unsigned long)((tern_cycles() - start) * per_kilotick / (2000ULL * ROUNDS));
}

/* One function per count (tools/stepcount.sh finds their loops by name). */
__attribute__((noinline)) unsigned long pingpong_0(word_t partner) { return pingpong_n(partner, 0); }
__attribute__((noinline)) unsigned long pingpong_6(word_t partner) { return pingpong_n(partner, 6); }

TEST(pingpong_figures)
{
    word_t intra = spawn(echo_partner, 0), inter = spawn_space(echo_partner, 0);
    CHECK(intra != TERN_NIL_THREAD && inter != TERN_NIL_THREAD);
    per_kilotick = tern_instructions_per_kilotick();
    tern_printf("MEASURE instructions-per-kilotick %lu\n", per_kilotick);
    CHECK(per_kilotick > 0);
    for (int fast = 1; fast >= 0; fast--) {
        tern_fastpath(fast);
        unsigned long a = pingpong_0(intra), b = pingpong_0(inter), c = pingpong_6(inter);
        tern_printf("MEASURE %s intra-0 %lu inter-0 %lu inter-6 %lu\n", fast ? "fast" : "slow", a, b, c);
        CHECK(a > 0 && b > 0);
    }
    tern_fastpath(1);
    kill(intra);
    kill(inter);
}

const struct test fastpath_tests[] = {
    { "fastpath/differential-fast-vs-slow", differential_fast_vs_slow },
    { "fastpath/pingpong-figures", pingpong_figures },
    { 0, 0 },
};
