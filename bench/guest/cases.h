/* The benchmark cases and what they share: a partner thread in the same or another
 * address space, the fast path switched on or off for the instance, and registration. */
#ifndef BENCH_CASES_H
#define BENCH_CASES_H
#include "libroot.h"
#include "tbench.h"

/* How an IPC instance runs: partner in our space or another, fast path on or off. */
struct variant {
    const char *suffix;            /* "intra/fast", ... */
    int inter, fast;
};
extern const struct variant variants[4];

/* Register name "<family>/<variant suffix>" for each variant with that variant's setup.
 * The setup starts server(arg) as partner and sets the fast path; teardown undoes it. */
typedef void (*server_fn)(word_t);
struct tb_family *for_each_variant(const char *family, tb_fn fn, server_fn server,
                                   void (*add_args)(struct tb_family *));
/* The same with work of the case's own after the partner starts and before it stops. */
struct tb_family *for_each_variant_ex(const char *family, tb_fn fn, server_fn server,
                                      void (*add_args)(struct tb_family *), tb_fn extra_setup,
                                      tb_fn extra_teardown);

extern word_t partner;             /* the running instance's partner */
/* One round trip with the partner carrying `words` untyped MRs (the tag in MR0) each way:
 * the stub moves MR1..MR`words` only, so a constant count costs what a user's call of
 * that length costs. Always inline, as the stub is at a user's call site: GCC's
 * heuristics otherwise flip with the stub's text (ia64 once made it a function, whose
 * prologue kept what IPC gives up on every call). */
static inline __attribute__((always_inline)) void round_trip(word_t words)
{
    tern_utcb_t *u = tern_utcb();
    u->mr[0] = tern_tag(0, words, 0).raw;
    tern_sys_ipc_words(partner, partner, NEVER, u, u->mr, words, words);
}

/* String sizes: 8 B, then powers of 4 up to the most a string item may carry (4 MiB;
 * 4 MiB - 1 where its length field has 22 bits). */
#define STRING_MIN 8
#define STRING_MAX ((long)TERN_STRING_MAX_BYTES)

void register_baseline(void);      /* null syscall, memcpy */
void register_ipc(void);           /* register and UTCB IPC */
void register_strings(void);       /* string IPC */
void register_threads(void);       /* IPC with many threads existing */
void register_memory(void);        /* touching pages: TLB hits and misses */
void register_mapping(void);       /* map, unmap down a chain, grant */
void register_interrupts(void);    /* interrupt latency to a user-level driver */
#endif
