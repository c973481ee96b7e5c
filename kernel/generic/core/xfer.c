/*
 * Message transfer between two UTCBs: untyped words, then typed items. String items are
 * copied directly from the sender's memory into the receiver's buffers (named in its
 * buffer registers), page by page through the kernel's direct map: no kernel buffer, no
 * double copy, and no page fault in the kernel, because every page is looked up in its
 * space's page table first. Map and grant items enter the sender's pages into the
 * receiver's receive window, through the mapping database (mapdb.c).
 *
 * A string copy that meets an unmapped page stops there. If the transfer's xfer timeout
 * (the shorter of the sender's send and the receiver's receive xfer timeout, UTCB word
 * xfer_timeouts) is not zero, the faulting side asks its pager on its own behalf and the
 * copy goes on where it stopped (ipc.c parks the partner meanwhile); otherwise, or once
 * that time has run out, both sides get xfer_fault_own/partner with the offset reached.
 */
#include "kernel.h"

#define WORDS (TERN_UTCB_MR_COUNT)

enum { FAULT_NONE, FAULT_SRC, FAULT_DST };
struct fault { int side; word_t addr; };

/* Long transfers (and unmaps) let interrupts in every XFER_QUANTUM pages, so the clock keeps time
 * and a pending interrupt waits a few thousand instructions at most. That is safe: a tick
 * in the kernel only counts and wakes timed-out threads (it switches nothing), and both
 * partners' timeouts are cancelled as their transfer begins (ipc_transfer). */
#define XFER_QUANTUM 16
static unsigned xfer_pages;

void preemption_step(void)
{
    if (++xfer_pages >= XFER_QUANTUM) {
        xfer_pages = 0;
        kernel_mid_operation = 1;       /* an interrupt now is delivered later (interrupt.c) */
        hal_preemption_point();
        kernel_mid_operation = 0;
    }
}

static word_t page_left(word_t va) { return TERN_PAGE_SIZE - (va & (TERN_PAGE_SIZE - 1)); }
static word_t min_w(word_t a, word_t b) { return a < b ? a : b; }

/* Copy n bytes between two spaces; returns the bytes copied before a fault, if any. */
static word_t copy_between(space_t *ss, word_t sva, space_t *ds, word_t dva, word_t n, struct fault *f)
{
    word_t done = 0;
    while (done < n) {
        paddr_t spa, dpa;
        unsigned srights, drights;
        if (hal_space_lookup(&ss->hal, sva, &spa, &srights) < 0 || !(srights & HAL_READ)) {
            *f = (struct fault){ FAULT_SRC, sva };
            return done;
        }
        if (hal_space_lookup(&ds->hal, dva, &dpa, &drights) < 0 || !(drights & HAL_WRITE)) {
            *f = (struct fault){ FAULT_DST, dva };
            return done;
        }
        word_t chunk = min_w(n - done, min_w(page_left(sva), page_left(dva)));
        memcpy(hal_phys_to_virt(dpa), hal_phys_to_virt(spa), chunk);
        sva += chunk;
        dva += chunk;
        done += chunk;
        preemption_step();
    }
    return done;
}

/* One side of a string: its substrings (address, length each). */
struct segs { const word_t *addr; word_t count, len; };

/* Stream the sender's substrings into the receiver's, the first `skip` bytes (copied
 * before a fault) passed over; returns bytes copied. */
static inline __attribute__((always_inline)) word_t copy_string(tcb_t *src, struct segs s, tcb_t *dst, struct segs d, word_t skip,
                          struct fault *f)
{
    word_t si = 0, soff = 0, di = 0, doff = 0, total = 0;
    while (si < s.count) {
        if (soff == s.len) { si++; soff = 0; continue; }
        if (doff == d.len) { di++; doff = 0; continue; }
        word_t n = min_w(s.len - soff, d.len - doff);
        if (skip) {
            n = min_w(n, skip);
            skip -= n;
        } else {
            word_t c = copy_between(src->space, s.addr[si] + soff, dst->space, d.addr[di] + doff, n, f);
            total += c;
            if (f->side)
                return total;
        }
        soff += n;
        doff += n;
    }
    return total;
}

static void forget(tcb_t *src, tcb_t *dst)
{
    xfer_clear(src);
    xfer_clear(dst);
}

static int resuming(const tcb_t *src, const tcb_t *dst);

static word_t fail(tcb_t *src, tcb_t *dst, word_t scode, word_t dcode, word_t offset)
{
    if (resuming(src, dst))
        forget(src, dst);
    src->ipc_error = ipc_error_word(0, scode, offset);
    dst->ipc_error = ipc_error_word(1, dcode, offset);
    dst->ipc_from = src->id;
    return XFER_FAILED;
}

/* The shorter of the sender's send and the receiver's receive xfer timeout (16 bits). */
static word_t xfer_timeout(const tcb_t *src, const tcb_t *dst)
{
    tern_timeouts_t s = { src->utcb->xfer_timeouts }, r = { dst->utcb->xfer_timeouts };
    word_t a = tern_timeouts_get_send(s), b = tern_timeouts_get_receive(r);
    return tern_time_to_us((tern_time_t){ a }) <= tern_time_to_us((tern_time_t){ b }) ? a : b;
}

/* Is the transfer src -> dst one that stopped at a fault and goes on now? */
static int resuming(const tcb_t *src, const tcb_t *dst)
{
    return src->xfer.peer == dst && dst->xfer.peer == src && src->xfer.peer_id == dst->id &&
           dst->xfer.peer_id == src->id && src->xfer.sending;
}

/* The copy stopped at fault f after `done` bytes, in typed MR `item` with `skip` bytes of
 * it copied. The faulting side's pager may resolve it: XFER_STOPPED, both sides keep
 * where it stopped and until when it may go on. Or not (xfer timeout zero or over, a
 * kernel address, nobody to ask, a fault message's transfer): failed. */
static __attribute__((noinline)) word_t stop(tcb_t *src, tcb_t *dst, struct fault f, word_t item, word_t skip, word_t done)
{
    tcb_t *side = f.side == FAULT_SRC ? src : dst;
    word_t timeout = xfer_timeout(src, dst);
    unsigned long long deadline = resuming(src, dst) ? src->xfer.deadline : timeout_deadline(timeout);
    int expired = deadline && ticks >= deadline;
    if (tern_time_to_us((tern_time_t){ timeout }) == 0 || expired || !hal_user_address(f.addr) ||
        !has_handler(side, side->pager) || src->fault_ipc || dst->fault_ipc) {
        if (f.side == FAULT_SRC)
            return fail(src, dst, TERN_IPC_ERR_XFER_FAULT_OWN, TERN_IPC_ERR_XFER_FAULT_PARTNER, done);
        return fail(src, dst, TERN_IPC_ERR_XFER_FAULT_PARTNER, TERN_IPC_ERR_XFER_FAULT_OWN, done);
    }
    xfer_clear(src);
    xfer_clear(dst);
    src->xfer.peer = dst;
    src->xfer.peer_id = dst->id;
    src->xfer.item = item;
    src->xfer.skip = skip;
    src->xfer.sending = 1;
    dst->xfer.peer = src;
    dst->xfer.peer_id = src->id;
    src->xfer.done = dst->xfer.done = done;
    src->xfer.deadline = dst->xfer.deadline = deadline;
    side->xfer.pending = 1;
    side->xfer.fault_addr = f.addr;
    side->xfer.fault_access = f.side == FAULT_SRC ? HAL_READ : HAL_WRITE;
    return XFER_STOPPED;
}

/* Map (or grant) the sender's fpage into the receiver's window; 0 or an error code. The
 * window is aligned to its size (the low bits of its base are ignored), so nothing lands
 * outside it. Each page goes through the mapping database, which knows what the sender
 * holds (pages the kernel lends out, UTCBs and the KIP, are no one's to give). An item
 * whose new mappings would not all find a node maps nothing. */
static word_t map_item(tcb_t *src, tcb_t *dst, word_t word0, word_t fpage_raw, int grant)
{
    tern_fpage_t fp = { fpage_raw };
    tern_acceptor_t acc = { dst->utcb->br[0] };
    word_t bits = tern_fpage_get_size_bits(fp), wbits = tern_acceptor_get_window_bits(acc);
    if (io_fpage(fpage_raw))                  /* ports, not memory: any open window takes them */
        return wbits ? io_fpage_map(src->space, dst->space, fpage_raw) : TERN_IPC_ERR_MESSAGE_OVERFLOW;
    if (wbits == 0 || bits < TERN_PAGE_BITS || bits > TERN_FPAGE_MAX_SIZE_BITS || bits > wbits)
        return TERN_IPC_ERR_MESSAGE_OVERFLOW;
    word_t size = (word_t)1 << bits;
    word_t base = tern_fpage_get_page(fp) << TERN_FPAGE_SHIFT;
    word_t wmask = wbits >= TERN_WORD_BITS ? ~(word_t)0 : ((word_t)1 << wbits) - 1;
    word_t wbase = (tern_acceptor_get_window_page(acc) << TERN_FPAGE_SHIFT) & ~wmask;
    if (base & (size - 1))
        return TERN_IPC_ERR_MESSAGE_OVERFLOW;
    /* The item's length field may name where in the window it goes ("send base"). */
    word_t send_base = tern_string_item_get_length((tern_string_item_t){ word0 }) << TERN_FPAGE_SHIFT;
    word_t dbase = wbase + ((send_base ? send_base : base) & wmask);
    if (dbase & (size - 1))
        return TERN_IPC_ERR_MESSAGE_OVERFLOW;
    unsigned want = (unsigned)tern_fpage_get_rights(fp);     /* HAL rights are fpage rights */
    space_t *ss = src->space, *ds = dst->space;
    word_t off;
    if (!grant && mapdb_free_nodes() < size / TERN_PAGE_SIZE) {   /* maybe too few: count */
        unsigned long need = 0;
        for (off = 0; space_held_next(ss, base, size, &off); off += TERN_PAGE_SIZE) {
            preemption_step();
            if (hal_user_address(dbase + off))
                need += (unsigned long)mapdb_map_needs_node(ss, base + off, ds, dbase + off, want);
        }
        if (need > mapdb_free_nodes())
            return TERN_IPC_ERR_NO_MEMORY;
    }
    for (off = 0; space_held_next(ss, base, size, &off); off += TERN_PAGE_SIZE) {
        preemption_step();
        if (!hal_user_address(dbase + off)) {
            if (mapdb_holds(ss, base + off))
                return TERN_IPC_ERR_MESSAGE_OVERFLOW;
            continue;
        }
        word_t err = mapdb_map(ss, base + off, ds, dbase + off, want, grant);
        if (err)
            return err;
    }
    return 0;
}

word_t ipc_transfer(tcb_t *src, tcb_t *dst)
{
    timeout_cancel(src);            /* met: no tick at a preemption point may end either */
    timeout_cancel(dst);
    tern_utcb_t *su = src->utcb, *du = dst->utcb;
    tern_msgtag_t tag = { su->mr[0] };
    word_t u = tern_msgtag_get_untyped(tag), t = tern_msgtag_get_typed(tag);
    if (1 + u + t > WORDS)
        return fail(src, dst, TERN_IPC_ERR_MESSAGE_OVERFLOW, TERN_IPC_ERR_MESSAGE_OVERFLOW, 0);
    memcpy(&du->mr[1], &su->mr[1], (u + t) * sizeof(word_t));

    /* Where a stopped copy goes on: items before it are done (map items are not redone). */
    int resume = t && resuming(src, dst);
    word_t from_item = resume ? src->xfer.item : 0, skip = resume ? src->xfer.skip : 0;
    word_t offset = resume ? src->xfer.done : 0, br = 1, end = 1 + u + t;
    for (word_t i = 1 + u; i < end;) {
        tern_string_item_t item = { su->mr[i] };
        word_t type = tern_string_item_get_type(item);
        if (type == TERN_ITEM_MAP || type == TERN_ITEM_GRANT) {
            word_t err = i + 1 < end ? (i < from_item ? 0 : map_item(src, dst, su->mr[i], su->mr[i + 1],
                                                                     type == TERN_ITEM_GRANT))
                                     : TERN_IPC_ERR_MESSAGE_OVERFLOW;
            if (err)
                return fail(src, dst, err, err, offset);
            i += 2;
            continue;
        }
        if (type != TERN_ITEM_STRING)
            return fail(src, dst, TERN_IPC_ERR_MESSAGE_OVERFLOW, TERN_IPC_ERR_MESSAGE_OVERFLOW, offset);
        struct segs s = { &su->mr[i + 1], tern_string_item_get_substrings(item) + 1,
                          tern_string_item_get_length(item) };
        /* The receiver must accept strings and have a buffer item left. */
        tern_acceptor_t acc = { du->br[0] };
        tern_string_item_t buf = { br < TERN_UTCB_BR_COUNT ? du->br[br] : 0 };
        struct segs d = { &du->br[br + 1], tern_string_item_get_substrings(buf) + 1,
                          tern_string_item_get_length(buf) };
        if (i + s.count >= end)               /* its addresses run past the typed words */
            return fail(src, dst, TERN_IPC_ERR_MESSAGE_OVERFLOW, TERN_IPC_ERR_MESSAGE_OVERFLOW, offset);
        if (!tern_acceptor_get_strings(acc) || br >= TERN_UTCB_BR_COUNT ||
            br + d.count >= TERN_UTCB_BR_COUNT ||
            tern_string_item_get_type(buf) != TERN_ITEM_STRING ||
            s.len * s.count > TERN_STRING_MAX_BYTES || s.len * s.count > d.len * d.count)
            return fail(src, dst, TERN_IPC_ERR_MESSAGE_OVERFLOW, TERN_IPC_ERR_MESSAGE_OVERFLOW, offset);
        if (i >= from_item) {
            word_t passed = i == from_item ? skip : 0;
            struct fault f = { FAULT_NONE, 0 };
            word_t copied = copy_string(src, s, dst, d, passed, &f);
            offset += copied;
            if (f.side)
                return stop(src, dst, f, i, passed + copied, offset);
        }
        i += 1 + s.count;
        br += 1 + d.count;
    }
    if (resume)
        forget(src, dst);
    du->mr[0] = tern_msgtag_set_error(tag, 0).raw;
    dst->ipc_from = src->id;
    dst->ipc_error = 0;
    src->ipc_error = 0;
    return XFER_DONE;
}
