/* The root task: starts its pager, runs every in-guest test, exits with the verdict. */
#include "harness.h"

int test_failed;
int suite_fastpath = 1;
static const char *skipped;
static struct { const char *file, *what; int line; word_t got, want, ipc_error; } failure;

void test_skip(const char *why) { skipped = why; }

/* Remember the first failed check; the verdict line is printed when the test returns,
 * so kernel messages during a test cannot split it. */
void test_fail(const char *file, int line, const char *what, word_t got, word_t want)
{
    if (test_failed)
        return;
    test_failed = 1;
    failure.file = file;
    failure.line = line;
    failure.what = what;
    failure.got = got;
    failure.want = want;
    failure.ipc_error = tern_ipc_error();
}

static const struct test *const tables[] = { ipc_tests, string_tests, time_tests, thread_tests,
                                             space_tests, memory_tests, fpu_tests, entry_tests, fix_tests,
                                             isolation_tests, mapping_tests, interrupt_tests, sigma0_tests,
                                             string_fault_tests };

static void run_table(const struct test *k, const char *prefix, unsigned *passed, unsigned *failed)
{
    for (; k->name; k++) {
        test_failed = 0;
        skipped = 0;
        k->fn();
        tern_kernel_check();            /* a broken kernel invariant panics, named */
        if (skipped && !test_failed) {
            tern_printf("TEST %s%s SKIP: %s\n", prefix, k->name, skipped);
        } else if (test_failed) {
            (*failed)++;
            tern_printf("TEST %s%s FAIL: %s:%d: %s", prefix, k->name, failure.file, failure.line,
                        failure.what);
            if (failure.got != failure.want)
                tern_printf(" (got %lx, want %lx)", failure.got, failure.want);
            tern_printf(" [ipc error %lx]\n", failure.ipc_error);
        } else {
            (*passed)++;
            tern_printf("TEST %s%s PASS\n", prefix, k->name);
        }
    }
}

int main(void)
{
    unsigned passed = 0, failed = 0;
    tern_printf("root task: running the in-guest test suite\n");
    pager_start();
    unsigned long long start = tern_clock_us();
    /* The whole suite with the fast path on, then again with every IPC on the slow path. */
    for (int fast = 1; fast >= 0; fast--) {
        suite_fastpath = tern_fastpath(fast) ? fast : 0;
        for (unsigned t = 0; t < sizeof tables / sizeof tables[0]; t++)
            run_table(tables[t], fast ? "" : "slowpath/", &passed, &failed);
    }
    tern_fastpath(1);
    run_table(fastpath_tests, "", &passed, &failed);
    tern_printf("TESTS DONE: %u passed, %u failed in %lu ms of guest time\n", passed, failed,
                (unsigned long)((tern_clock_us() - start) / 1000));
    return failed ? 1 : 0;
}
