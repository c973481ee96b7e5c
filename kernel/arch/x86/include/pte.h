/* x86 page-table entries, the same bits on ia32 (2-level) and x86_64 (4-level); only the
 * walk differs, which each arch's paging.c supplies as x86_leaf(). */
#ifndef TERN_X86_PTE_H
#define TERN_X86_PTE_H

#include "hal.h"

#define PTE_P 0x1UL
#define PTE_W 0x2UL
#define PTE_U 0x4UL
#define PTE_ADDR HAL_PHYS_MASK

/* The entry that maps va in s (any address), allocating tables on the way if asked. */
word_t *x86_leaf(struct hal_space *s, word_t va, int create);
/* The table an entry points to, allocating it if asked (page_entries.c). */
word_t *x86_next_table(word_t *entry, int create);
/* Map the UTCB pointer page into a new space: 0, or -1 when out of memory. */
int x86_map_utcb_pointer(struct hal_space *s);
#endif
