/* The in-guest system call fuzzer (a root task): fuzzer threads in several spaces make
 * random system calls with random arguments, victims and a canary answer, keepers catch
 * what goes wrong in a thread and restart it, and every few calls each fuzzer checks
 * that the kernel still keeps its promises. Driven by ./tern fuzz (ternhost/fuzz.py).
 *
 * Isolation of the harness: the spaces the fuzzer makes share no writable memory with
 * the root task. Their keepers map them the root task's text read-only, a private copy
 * of each data page, and pages of their own block of the pool; they report to the root
 * task by IPC only. The root-space fuzzer, which shares the harness's memory, aims its
 * string buffers, map windows and map items at its scratch area only. */
#ifndef FUZZ_H
#define FUZZ_H

#include "libroot.h"

/* ---- What the host asks (boot module 1, one "key value" per line) ------------------- */
#define MAX_SKIPS 256
struct fuzz_args {
    unsigned long long seed;
    word_t calls;                  /* in all, shared by the fuzzers */
    word_t check_every;            /* each fuzzer checks after this many calls */
    word_t trace_from;             /* print every call numbered from here on (~0: none) */
    word_t fail_at;                /* the machinery's self-test: fail a check there (~0: never) */
    int fastpath;                  /* 1: on, 0: every IPC on the slow path */
    int sanitizer_test;            /* 1: only ask the sanitizer build's kernel to fail a check */
    word_t skips, skip[MAX_SKIPS][2]; /* ranges of call numbers drawn but not made (shrinking) */
};
extern struct fuzz_args args;
int fuzz_args_read(void);          /* 0, or -1 after printing what was wrong */
int fuzz_skipped(word_t call);

/* ---- A small deterministic random generator (xorshift64*) ---------------------------- */
struct rng { unsigned long long s; };
static inline unsigned long long rng_next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}
static inline word_t rng_below(struct rng *r, word_t n) { return n ? (word_t)(rng_next(r) % n) : 0; }
static inline int rng_chance(struct rng *r, unsigned percent) { return rng_below(r, 100) < percent; }

/* ---- The world the fuzzers act in (main.c; fixed once the fuzzers start) ------------- */
#define FUZZERS 3                  /* 0 in the root space (privileged), 1 and 2 in spaces of their own */
#define VICTIMS 4                  /* echo threads in two spaces: fair game for every call */
#define SCRATCH 0x60000000UL       /* where the root-space fuzzer's buffers, windows and items point */
#define SCRATCH_BITS 24            /* 16 MiB of it */
/* A made client's pool block: COPY_PAGES copies of data pages, a spare page, its stack
 * (256 KiB, or what that needs with larger pages and a 64 KiB stack). */
#define COPY_PAGES 40
#define BLOCK_NEEDS ((COPY_PAGES + 1) * TERN_PAGE_SIZE + 0x10000UL)
#define BLOCK_BYTES (BLOCK_NEEDS > 0x40000UL ? BLOCK_NEEDS : 0x40000UL)

extern word_t root_tid, fuzzer_tids[FUZZERS], victims[VICTIMS], canary;
extern word_t protected_ids[16];
extern unsigned protected_count;
extern word_t canary_sum;          /* the canary page's checksum, as it must stay */
extern word_t *canary_page;

/* Threads the (privileged, root-space) fuzzer made: the root task deletes them now and
 * then, and restarts the victims, so that none of them spins on the fuzzers' time. */
#define MADE_MAX 64
extern word_t made_threads[MADE_MAX];
extern volatile word_t made_count;
#define REAP_US 20000ULL

/* Messages to the root task, by label */
enum { MSG_PROGRESS = 0x7a01, MSG_DONE = 0x7a02, MSG_FAIL = 0x7a03 };
/* ... and to the canary */
enum { CANARY_ECHO = 1, CANARY_SUM = 2 };

/* ---- A fuzzer ------------------------------------------------------------------------- */
#define LOGGED 16
struct logged { word_t number; const char *name; word_t a[6]; int skipped; };

struct fuzzer {
    int index;
    word_t tid;
    struct rng rng;
    word_t made, limit;            /* calls made (drawn) by this fuzzer; its share */
    word_t checks;
    unsigned long long last_clock;
    struct logged log[LOGGED];     /* the last calls */
};

void fuzz_call(struct fuzzer *f, word_t number);       /* calls.c: drawn, logged, made */
void fuzz_print_call(const struct logged *l);
int fuzz_check(struct fuzzer *f, word_t number);       /* checks.c: 0, or the failed check's number */
const char *fuzz_check_name(int check);
void fuzzer_main(word_t index);                        /* main.c: a fuzzer thread */

/* A thread the keepers look after: restarted at fn(arg) on a fresh stack when it faults
 * where nothing is to be mapped, or takes an exception. */
struct client {
    word_t tid, keeper;
    void (*fn)(word_t);
    word_t arg;
    word_t *stack_top;
    word_t block, copies, copies_used;   /* its pool block; where copies of data pages go */
    int root_space;                      /* in the root task's space: nothing to map */
    volatile word_t restarts, faults_mapped;
};
void keeper(word_t client);                             /* keeper.c */
word_t start_client(struct client *c, int new_space, word_t keeper_tid);

/* The raw entry (user/arch/<arch>/fuzz_raw.S): every register from regs[], the stack
 * pointer too; number in the ABI's number register; kind: the arch's entry variant. */
struct fuzz_raw { word_t regs[32]; word_t number, kind, saved_sp; };
void fuzz_raw(struct fuzz_raw *r);
extern const unsigned fuzz_raw_regs;
#endif
