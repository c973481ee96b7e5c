/* Is an address mapped in our space? A thread of ours reads it, with us as its pager: its
 * message says the read worked, a page-fault IPC says it did not. */
#include "harness.h"

static struct probe { word_t root; volatile word_t va; } pr;

static void reader(word_t unused)
{
    (void)unused;
    (void)*(volatile word_t *)pr.va;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(pr.root);
    tern_thread_exit();
}

int is_mapped(word_t va)
{
    pr = (struct probe){ tern_myself(), va };
    word_t t = new_tid(), from = 0;
    if (tern_thread_create(t, tern_myself(), tern_myself(), new_utcb()) != 0 ||
        tern_thread_run(t, reader, 0, new_stack()) != 0)
        return -1;
    tern_msgtag_t m = tern_receive_timeout(t, tern_time_period_us(500000), &from);
    kill(t);
    if (tern_ipc_failed(m))
        return -1;
    word_t mask = TERN_MSGTAG_LABEL_MASK >> TERN_MSGTAG_LABEL_SHIFT;
    return (tern_msgtag_get_label(m) & ~0xfUL) == (((word_t)TERN_PAGEFAULT_LABEL << 4) & mask) ? 0 : 1;
}
