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
extern volatile word_t pager_region_faults;     /* of those, faults in pager_add_region's */
void pager_start(void);
void pager_add_region(word_t vaddr, word_t size, word_t copy);  /* map copy+off at vaddr+off */
void pager_remove_region(word_t vaddr);
extern volatile word_t exception_resume_sp;  /* resume the next exception there (tests) */

/* Give space `to` the 2^bits I/O ports at port by an I/O fpage (it takes them with any
 * open window); 0 or the IPC error code. */
word_t map_io_ports(word_t to, word_t port, word_t bits);

/* The PC's RTC (rtc.c), where there are I/O ports: its periodic interrupt at
 * 32768 >> (rate - 1) Hz (rate 3..15), or off (0); and the handler's acknowledgement
 * (reads register C): 1 when a periodic interrupt came since the last. */
#define RTC_IRQ 8
#define RTC_PORTS 0x70          /* two ports: an I/O fpage of 2^1 */
#define RTC_RATE_1024HZ 6
#define RTC_RATE_8192HZ 3
#define RTC_C_PF 0x40
void rtc_periodic(word_t rate);
int rtc_acknowledge(void);

#endif
