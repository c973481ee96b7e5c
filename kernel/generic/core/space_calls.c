/*
 * The system call on address spaces: space_control maps the KIP and sets the UTCB area
 * of a space before its first thread runs. Only a privileged space may call it.
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
    if (kip_area.raw && !s->kip_va && space_map_kip(s, kip_va) < 0) {
        r[0] = syscall_error(TERN_ERR_INVALID_KIP_AREA);
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
