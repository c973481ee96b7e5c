/* Kernel entry with the state a hostile thread can leave behind (flags, segments, a bad
 * stack pointer; user/arch/<arch>/entry_abuse.S does what its ISA allows): the kernel
 * survives, the partner gets the message or none, and nothing leaks into the partner. */
#include "harness.h"

word_t entry_abuse(int kind, word_t to);   /* -1: the kind means nothing on this arch */
unsigned entry_state(void);                /* bit 0: DF clear, bit 1: the UTCB pointer works */

enum { FLAGS = 1, SEGMENTS = 2, KERNEL_STACK = 3, UNMAPPED_STACK = 4 };

static struct abuser { int kind; word_t to; volatile word_t result, state, done; } ab;

static void abuser(word_t arg)
{
    (void)arg;
    tern_receive(ab.to, NULL);                  /* go: the root task waits for us now */
    ab.result = entry_abuse(ab.kind, ab.to);
    if (ab.result == (word_t)-1) {              /* not on this arch: say so, be answered */
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_call(ab.to);
    }
    ab.state = entry_state();
    ab.done = 1;
    tern_thread_exit();
}

/* Returns 0 (and skips) when the kind does not apply here; else checks and returns 1. */
static int abuse(int kind, int message_expected)
{
    ab = (struct abuser){ kind, tern_myself(), 0, 0, 0 };
    word_t t = spawn(abuser, 0), from;
    if (t == TERN_NIL_THREAD)
        return test_fail(__FILE__, __LINE__, "spawn", 0, 0), 1;
    /* "go", then wait: with no timeout the abuser's IPC may take the fast path, where its
     * flags would reach us; where no message may come, a timeout ends the wait */
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    word_t timeouts = message_expected ? NEVER
                      : tern_timeouts_word(tern_time_never(), tern_time_period_us(20000));
    tern_msgtag_t m = tern_ipc(t, t, timeouts, &from);
    unsigned mine = entry_state();              /* nothing of the abuser's flags */
    if (!tern_ipc_failed(m)) {
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_send(t);
        for (int i = 0; i < 100 && !ab.done; i++)
            tern_sys_thread_switch(TERN_NIL_THREAD);
    }
    kill(t);
    if (ab.done && ab.result == (word_t)-1) {
        test_skip("this ISA's entry takes no such state from the user");
        return 0;
    }
    if (message_expected) {
        if (tern_ipc_failed(m) || from != t)
            return test_fail(__FILE__, __LINE__, "the abuser's message arrives", kind, 0), 1;
        if (!ab.done || ab.result != tern_myself() || !(ab.state & 2))
            return test_fail(__FILE__, __LINE__, "the abuser gets its reply and its UTCB", ab.state, 3), 1;
    } else if (!tern_ipc_failed(m) || ab.done) {
        return test_fail(__FILE__, __LINE__, "no IPC from a thread without a stack", kind, 0), 1;
    }
    if (mine != 3)
        return test_fail(__FILE__, __LINE__, "the receiver's DF and UTCB pointer intact", mine, 3), 1;
    return 1;
}

TEST(hostile_flags) { abuse(FLAGS, 1); }
TEST(hostile_segments) { abuse(SEGMENTS, 1); }
TEST(hostile_stack_in_kernel) { abuse(KERNEL_STACK, 0); }
TEST(hostile_stack_unmapped) { abuse(UNMAPPED_STACK, 0); }

const struct test entry_tests[] = {
    { "entry/hostile-flags", hostile_flags },
    { "entry/hostile-segments", hostile_segments },
    { "entry/stack-pointer-in-kernel", hostile_stack_in_kernel },
    { "entry/stack-pointer-unmapped", hostile_stack_unmapped },
    { 0, 0 },
};
