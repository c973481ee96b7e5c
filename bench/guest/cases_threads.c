/* Register IPC (empty message) while 2, 100 or 1000 threads exist: the pair itself and
 * idle threads in an address space of their own, created before and deleted after. */
#include "cases.h"

#define IDLE_UTCB_AREA 0x60000000UL
#define IDLE_UTCB_BITS (TERN_PAGE_BITS + 10)   /* room for 1024 UTCBs of one page */
#define MAX_IDLE 1000

static word_t idle[MAX_IDLE];
static unsigned nidle;

static void make_idle(struct tb_state *s)
{
    tb_int want = tb_range_arg(s, 0) - 2;
    nidle = 0;
    for (tb_int i = 0; i < want && i < MAX_IDLE; i++) {
        word_t tid = new_tid(), space_of = i ? idle[0] : tid;
        if (tern_thread_create(tid, space_of, TERN_NIL_THREAD, IDLE_UTCB_AREA + (word_t)i * TERN_PAGE_SIZE) != 0) {
            tb_skip_with_error(s, "could not create the idle threads");
            return;
        }
        idle[nidle++] = tid;
        if (i == 0 && tern_space_setup(tid, TERN_ROOT_KIP, IDLE_UTCB_AREA, IDLE_UTCB_BITS) != 0) {
            tb_skip_with_error(s, "could not set up the idle threads' space");
            return;
        }
    }
}

static void delete_idle(struct tb_state *s)
{
    (void)s;
    while (nidle > 0)                     /* the space's first thread goes last */
        kill(idle[--nidle]);
}

static void bm_threads(struct tb_state *s)
{
    for (int warm = 0; warm < 10; warm++)
        round_trip(0);
    tern_msgtag_t t = { tern_utcb()->mr[0] };
    if (tern_ipc_failed(t)) {
        tb_skip_with_error(s, "the partner did not answer");
        return;
    }
    while (tb_keep_running(s))
        round_trip(0);
}

static void counts(struct tb_family *f)
{
    tb_arg_name(tb_arg(tb_arg(tb_arg(f, 2), 100), 1000), "threads");
}

void register_threads(void)
{
    for_each_variant_ex("ipc_threads", bm_threads, echo_partner, counts, make_idle, delete_idle);
}
