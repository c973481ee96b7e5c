/*
 * Keepers: one root-space thread per thread the fuzzer makes (fuzzers, victims, the
 * canary), its pager and exception handler. A fault in the root task's text or read-only
 * data gets that page read-only; in its writable data, a private copy (taken then, from
 * the client's block); in the client's own block, that page. Anything else, and every
 * exception, restarts the client at its function on a fresh stack. A client in the root
 * space has everything mapped already: a fault there only restarts it.
 */
#include "fuzz.h"

extern char __data_start[], __image_end[];
extern void tern_thread_entry(void);

static word_t page_of(word_t a) { return a & ~(TERN_PAGE_SIZE - 1); }

/* Its stack ready for tern_thread_entry: fn and arg on top. */
static word_t *entry_stack(struct client *c)
{
    word_t *sp = c->stack_top - 2;
    sp[0] = (word_t)c->fn;
    sp[1] = c->arg;
    return sp;
}

word_t start_client(struct client *c, int new_space, word_t keeper_tid)
{
    word_t tid = new_tid();
    word_t space = c->root_space ? tern_myself() : new_space ? tid : c->arg;   /* arg: a tid of the space */
    word_t utcb = c->root_space ? new_utcb() : CHILD_UTCB_AREA + (new_space ? 0 : TERN_PAGE_SIZE);
    if (tern_thread_create(tid, space, keeper_tid, utcb) != 0)
        return TERN_NIL_THREAD;
    if (new_space && tern_space_setup(tid, TERN_ROOT_KIP, CHILD_UTCB_AREA, CHILD_UTCB_AREA_BITS) != 0)
        return TERN_NIL_THREAD;
    c->tid = tid;
    return tid;
}

/* Reply to c's fault with `src` (a page of ours) mapped at `dest`. */
static void map_reply(struct client *c, word_t dest, word_t src, word_t rights)
{
    word_t *mr = tern_mr();
    mr[0] = tern_tag(0, 0, 2).raw;
    mr[1] = tern_string_item_make(0, TERN_ITEM_MAP, 0, 0, dest >> TERN_FPAGE_SHIFT).raw;
    mr[2] = tern_fpage_make(rights, TERN_PAGE_BITS, src >> TERN_FPAGE_SHIFT).raw;
    tern_send_timeout(c->tid, tern_time_zero());
    c->faults_mapped++;
}

/* Back to its function on a fresh stack: for an exception by the reply's ip and sp, for
 * a page fault by exchange_registers and an empty reply. */
static void restart(struct client *c, int exception)
{
    word_t *sp = entry_stack(c), o[6];
    word_t *mr = tern_mr();
    c->restarts++;
    if (exception) {
        mr[0] = tern_tag(0, 2, 0).raw;
        mr[1] = tern_code_address(tern_thread_entry);
        mr[2] = (word_t)sp;
    } else {
        tern_sys_exchange_registers(c->tid, TERN_EXREG_SET_IP | TERN_EXREG_SET_SP, (word_t)sp,
                                    tern_code_address(tern_thread_entry), 0, 0, 0, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
        mr[0] = tern_tag(0, 0, 0).raw;
    }
    tern_send_timeout(c->tid, tern_time_zero());
}

static void serve_fault(struct client *c, word_t addr)
{
    word_t page = page_of(addr);
    if (c->root_space) {
        restart(c, 0);
    } else if (addr >= TERN_ROOT_TEXT && addr < (word_t)__data_start) {
        map_reply(c, page, page, TERN_FPAGE_READ | TERN_FPAGE_EXECUTE);     /* text, rodata */
    } else if (addr >= (word_t)__data_start && addr < (word_t)__image_end) {
        word_t copy = c->copies + TERN_PAGE_SIZE * (c->copies_used++ % COPY_PAGES);  /* data: its own */
        memcpy((void *)copy, (const void *)page, TERN_PAGE_SIZE);
        map_reply(c, page, copy, TERN_FPAGE_READ | TERN_FPAGE_WRITE);
    } else if (addr >= c->block && addr < c->block + BLOCK_BYTES) {
        map_reply(c, page, page, TERN_FPAGE_READ | TERN_FPAGE_WRITE);     /* its block */
    } else {
        restart(c, 0);
    }
}

void keeper(word_t arg)
{
    struct client *c = (struct client *)arg;
    word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT;
    word_t fault = ((word_t)TERN_PAGEFAULT_LABEL << 4) & mask;
    word_t exception = ((word_t)TERN_EXCEPTION_LABEL << 4) & mask;
    while (!c->tid)
        tern_sleep_us(1000);                      /* until its client exists */
    for (;;) {
        word_t from = 0;
        tern_msgtag_t t = tern_receive(c->tid, &from);
        if (tern_ipc_failed(t)) {
            tern_sleep_us(10000);                 /* gone (deleted by a fuzzer): wait */
            continue;
        }
        word_t label = tern_msgtag_get_label(t) & ~0xfUL;
        if (label == fault)
            serve_fault(c, tern_mr()[1]);
        else if (label == exception)
            restart(c, 1);
        /* anything else it sent us gets no answer */
    }
}
