/* Thread ids, stacks, UTCB slots and spaces for what a root task starts. */
#include "libroot.h"

static word_t next_thread = TERN_FIRST_USER_THREAD + 1;   /* the root task is the first */
static word_t pool_next;
static word_t utcb_next = TERN_ROOT_UTCB_AREA + TERN_PAGE_SIZE;   /* the root task's is first */
static word_t free_utcbs[256], nfree_utcbs;

/* Numbers of deleted threads come back with the next version, so a long run (the
 * benchmarks make and delete thousands of threads) stays inside the thread table. */
static word_t free_tids[1024], nfree_tids;

word_t new_tid(void)
{
    if (nfree_tids)
        return free_tids[--nfree_tids];
    return tern_tid(next_thread++, 1);
}

static void recycle_tid(word_t tid)
{
    tern_thread_id_t t = { tid };
    word_t version = tern_thread_id_get_version(t) + 1;
    if (nfree_tids < sizeof free_tids / sizeof free_tids[0] && version < 0x3fff)
        free_tids[nfree_tids++] = tern_tid(tern_thread_id_get_number(t), version);
}

word_t *pool_alloc(word_t bytes)
{
    tern_kip_t *k = tern_kip();
    if (!pool_next)
        pool_next = k->root_pool_base;
    bytes = (bytes + TERN_PAGE_SIZE - 1) & ~(TERN_PAGE_SIZE - 1);
    if (pool_next + bytes > k->root_pool_base + k->root_pool_size) {
        tern_print("root task: pool exhausted\n");
        tern_exit(2);
    }
    word_t *p = (word_t *)pool_next;
    pool_next += bytes;
    return p;
}

word_t *new_stack(void) { return pool_alloc(16384) + 16384 / sizeof(word_t); }

word_t new_utcb(void)
{
    if (nfree_utcbs)
        return free_utcbs[--nfree_utcbs];
    word_t u = utcb_next;
    utcb_next += TERN_PAGE_SIZE;
    return u;
}

struct owned { word_t tid, utcb; };
static struct owned owned[256];

static void remember(word_t tid, word_t utcb)
{
    for (unsigned i = 0; i < 256; i++)
        if (!owned[i].tid) {
            owned[i] = (struct owned){ tid, utcb };
            return;
        }
}

word_t spawn(void (*fn)(word_t), word_t arg)
{
    word_t tid = new_tid(), utcb = new_utcb();
    if (tern_thread_create(tid, tern_myself(), pager_tid, utcb) != 0)
        return TERN_NIL_THREAD;
    remember(tid, utcb);
    if (tern_thread_run(tid, fn, arg, new_stack()) != 0)
        return TERN_NIL_THREAD;
    return tid;
}

word_t spawn_space(void (*fn)(word_t), word_t arg)
{
    word_t tid = new_tid();
    if (tern_thread_create(tid, tid, pager_tid, CHILD_UTCB_AREA) != 0)
        return TERN_NIL_THREAD;
    if (tern_space_setup(tid, TERN_ROOT_KIP, CHILD_UTCB_AREA, CHILD_UTCB_AREA_BITS) != 0)
        return TERN_NIL_THREAD;
    if (tern_thread_run(tid, fn, arg, new_stack()) != 0)
        return TERN_NIL_THREAD;
    return tid;
}

void kill(word_t tid)
{
    if (tid == TERN_NIL_THREAD || tern_thread_delete(tid) != 0)
        return;
    recycle_tid(tid);
    for (unsigned i = 0; i < 256; i++)
        if (owned[i].tid == tid) {
            if (nfree_utcbs < 256)
                free_utcbs[nfree_utcbs++] = owned[i].utcb;
            owned[i] = (struct owned){ 0, 0 };
        }
}

void set_prio(word_t tid, word_t prio)
{
    word_t old;
    tern_sys_schedule(tid, ~0UL, ~0UL, prio, ~0UL, &old);
}
