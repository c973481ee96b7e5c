/* The in-guest test harness of the root task (like sel4test): each test prints one
 * line, `TEST <name> PASS` or `TEST <name> FAIL: <why>`, which the host parses. */
#ifndef ROOT_HARNESS_H
#define ROOT_HARNESS_H

#include "libroot.h"

struct test {
    const char *name;
    void (*fn)(void);
};

#define TEST(name) static void name(void)
#define CHECK(c) do { if (!(c)) { test_fail(__FILE__, __LINE__, #c, 0, 0); return; } } while (0)
#define CHECK_EQ(a, b) do { word_t _a = (word_t)(a), _b = (word_t)(b); \
        if (_a != _b) { test_fail(__FILE__, __LINE__, #a " == " #b, _a, _b); return; } } while (0)

void test_fail(const char *file, int line, const char *what, word_t got, word_t want);
/* The test does not apply on this arch: it reports SKIP with the reason. */
void test_skip(const char *why);
extern int test_failed;
/* The fast path as this round of the suite runs it (1 on, 0 off), as the kernel took it: a
 * build without one runs its "fast" round slow. A test that switches it puts this back. */
extern int suite_fastpath;

word_t elf_spawn(const void *image, word_t size);   /* start an ELF payload in a new space */

/* 1 when va reads in our space, 0 when the read faults, -1 when neither came (probe.c). */
int is_mapped(word_t va);

/* Common partners */
void echo_server(word_t arg);            /* replies to every call with label + 1, same MRs */

/* The test tables, one per file. */
extern const struct test ipc_tests[], string_tests[], time_tests[], thread_tests[], space_tests[],
    memory_tests[], fastpath_tests[], fpu_tests[], entry_tests[], fix_tests[],
    isolation_tests[], mapping_tests[], interrupt_tests[], sigma0_tests[], string_fault_tests[];
#endif
