/*
 * The system calls on address spaces: space_control maps the KIP and sets the UTCB area
 * of a space before its first thread runs (only a privileged space may call it); unmap
 * takes mappings back through the mapping database (mapdb.c).
 */
#include "kernel.h"

/* space_control(space, control, kip_area, utcb_area) -> result, control */
void sys_space_control(const word_t *a, word_t *r)
{
    r[1] = 0;
    if (!syscall_privileged()) {
        r[0] = syscall_error(TERN_ERR_NO_PRIVILEGE);
        return;
    }
    tcb_t *t = tcb_lookup(a[0]);
    if (!t) {
        r[0] = syscall_error(TERN_ERR_INVALID_SPACE);
        return;
    }
    space_t *s = t->space;
    tern_fpage_t kip_area = { a[2] }, area = { a[3] };
    word_t kip_va = tern_fpage_get_page(kip_area) << TERN_FPAGE_SHIFT;
    word_t area_va = tern_fpage_get_page(area) << TERN_FPAGE_SHIFT;
    word_t area_bits = tern_fpage_get_size_bits(area);
    int kip_err = kip_area.raw && !s->kip_va ? space_map_kip(s, kip_va) : 0;
    if (kip_err < 0) {
        r[0] = syscall_error(kip_err == -2 ? TERN_ERR_OUT_OF_MEMORY : TERN_ERR_INVALID_KIP_AREA);
        return;
    }
    if (area.raw) {
        word_t size = (word_t)1 << area_bits;
        if (area_bits < TERN_PAGE_BITS || area_bits > TERN_FPAGE_MAX_SIZE_BITS ||
            area_va & (size - 1) || !hal_user_address(area_va) ||
            !hal_user_address(area_va + size - 1)) {
            r[0] = syscall_error(TERN_ERR_INVALID_UTCB);
            return;
        }
        s->utcb_base = area_va;
        s->utcb_size = size;
    }
    r[0] = 1;
}

/* unmap(control, space) -> result (L4 X.2 Unmap, and a space to act on).
 * - The fpages in MR0..MR[count] name pages of the caller's space; from every mapping
 *   derived from them, recursively, the kernel takes the fpage's rights. Taking read
 *   takes the mapping. With flush, the caller's own pages lose them too.
 * - space nil: the caller's space. Another thread's space (memory the caller does not
 *   hold) needs a privileged caller: TERN_ERR_NO_PRIVILEGE otherwise.
 * - Each MR comes back as its fpage with the access status of the pages in its rights
 *   field (read: referenced, write: written), gathered over all mappings it reached.
 * An fpage smaller than a page names nothing; one of a word's size or more, everything.
 * An I/O fpage takes ports (io_fpage.c): from every space when the root task unmaps. */
void sys_unmap(const word_t *a, word_t *r)
{
    tern_unmap_control_t control = { a[0] };
    space_t *s = current->space;
    if (a[1] != TERN_NIL_THREAD) {
        tcb_t *t = tcb_lookup(a[1]);
        if (!t) {
            r[0] = syscall_error(TERN_ERR_INVALID_SPACE);
            return;
        }
        if (t->space != s && !syscall_privileged()) {
            r[0] = syscall_error(TERN_ERR_NO_PRIVILEGE);
            return;
        }
        s = t->space;
    }
    int flush = (int)tern_unmap_control_get_flush(control);
    word_t last = tern_unmap_control_get_count(control);
    tern_utcb_t *u = current->utcb;
    _Static_assert(TERN_UNMAP_CONTROL_COUNT_MASK >> TERN_UNMAP_CONTROL_COUNT_SHIFT < TERN_UTCB_MR_COUNT,
                   "the count field names MRs only");
    for (word_t i = 0; i <= last; i++) {
        tern_fpage_t fp = { u->mr[i] };
        word_t bits = tern_fpage_get_size_bits(fp);
        unsigned rights = (unsigned)tern_fpage_get_rights(fp), status = 0;
        if (io_fpage(fp.raw)) {
            io_fpage_unmap(s, fp.raw, flush);        /* ports keep no access status */
        } else if (bits >= TERN_PAGE_BITS) {
            word_t size = bits >= TERN_WORD_BITS ? 0 : (word_t)1 << bits;
            word_t base = size ? (tern_fpage_get_page(fp) << TERN_FPAGE_SHIFT) & ~(size - 1) : 0;
            if (!size)
                size = ~(word_t)0 - (TERN_PAGE_SIZE - 1);    /* everything: the last page too */
            for (word_t off = 0; space_held_next(s, base, size, &off); off += TERN_PAGE_SIZE) {
                preemption_step();
                status |= mapdb_unmap(s, base + off, rights, flush);
                if (off + TERN_PAGE_SIZE < off)
                    break;
            }
        }
        u->mr[i] = tern_fpage_set_rights(fp, status).raw;
    }
    r[0] = 1;
}
