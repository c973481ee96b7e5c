/* The in-guest test harness of the root task (like sel4test): each test prints one
 * line, `TEST <name> PASS` or `TEST <name> FAIL: <why>`, which the host parses. */
#ifndef ROOT_HARNESS_H
#define ROOT_HARNESS_H

#include "libtern.h"

struct test {
    const char *name;
    void (*fn)(void);
};

#define TEST(name) static void name(void)
#define CHECK(c) do { if (!(c)) { test_fail(__FILE__, __LINE__, #c, 0, 0); return; } } while (0)
#define CHECK_EQ(a, b) do { word_t _a = (word_t)(a), _b = (word_t)(b); \
        if (_a != _b) { test_fail(__FILE__, __LINE__, #a " == " #b, _a, _b); return; } } while (0)

void test_fail(const char *file, int line, const char *what, word_t got, word_t want);
extern int test_failed;

/* Resources: fresh thread ids, stacks and UTCB slots for the threads a test makes. */
word_t new_tid(void);
word_t *new_stack(void);                 /* returns the top of 16 KiB */
word_t new_utcb(void);                   /* a UTCB slot in the root task's area */
word_t *pool_alloc(word_t bytes);        /* page-aligned memory from the root pool */
/* Start fn(arg) in a new thread of the root space (prio: that of the root task). */
word_t spawn(void (*fn)(word_t), word_t arg);
/* Start fn(arg) in a new address space, paged by the root task's pager. */
word_t spawn_space(void (*fn)(word_t), word_t arg);
void kill(word_t tid);
void set_prio(word_t tid, word_t prio);

extern word_t pager_tid;
extern volatile word_t pager_faults, pager_exceptions;
void pager_start(void);
word_t elf_spawn(const void *image, word_t size);   /* start an ELF payload in a new space */

/* Common partners */
void echo_server(word_t arg);            /* replies to every call with label + 1, same MRs */

/* The test tables, one per file. */
extern const struct test ipc_tests[], string_tests[], time_tests[], thread_tests[], space_tests[],
    fastpath_tests[], fpu_tests[];
#endif
