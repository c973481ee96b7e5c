/* libroot: what a root task needs (the guest test suite's and the benchmarks'): fresh
 * thread ids, stacks and UTCB slots, threads and spaces started on a function, and a
 * pager that maps the root task's own image and pool into the spaces it makes. */
#ifndef TERN_LIBROOT_H
#define TERN_LIBROOT_H

#include <tern/root_map.h>             /* where the kernel put the root task's pieces */

#include "libtern.h"

/* Spaces a root task makes get their UTCBs here (any free user range would do), an
 * area of 2^CHILD_UTCB_AREA_BITS bytes. */
#define CHILD_UTCB_AREA 0x7f000000UL
#define CHILD_UTCB_AREA_BITS 20

/* Resources: fresh thread ids, stacks and UTCB slots for the threads a root task makes. */
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

/* The ping-pong partner: replies to each message with label 0 and as many MRs as came. */
void echo_partner(word_t arg);

extern word_t pager_tid;
extern volatile word_t pager_faults, pager_exceptions;
void pager_start(void);
void pager_add_region(word_t vaddr, word_t size, word_t copy);  /* map copy+off at vaddr+off */
void pager_remove_region(word_t vaddr);
extern volatile word_t exception_resume_sp;  /* resume the next exception there (tests) */

#endif
