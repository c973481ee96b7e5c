/* The client side of the sigma0 protocol (libtern.h, "Memory from sigma0"). */
#include "libtern.h"

#define PAGE_FIELD_ALL (TERN_FPAGE_PAGE_MASK >> TERN_FPAGE_PAGE_SHIFT)

word_t tern_sigma0_request(word_t sigma0, word_t bits, word_t block, unsigned rights, word_t at, word_t *why)
{
    word_t *mr = tern_mr(), page = block == TERN_SIGMA0_ANY ? PAGE_FIELD_ALL : block >> TERN_FPAGE_SHIFT;
    tern_accept_mappings(at, bits, 0);
    mr[0] = tern_tag((word_t)TERN_SIGMA0_LABEL << 4, 2, 0).raw;
    mr[1] = tern_fpage_make(rights, bits, page).raw;
    mr[2] = 0;
    tern_msgtag_t t = tern_call(sigma0);
    tern_br()[0] = 0;
    if (tern_ipc_failed(t)) {
        *why = tern_ipc_error_code();
        return TERN_SIGMA0_ANY;
    }
    if (tern_msgtag_get_typed(t) == 2 && tern_msgtag_get_untyped(t) == 0)
        return tern_fpage_get_page((tern_fpage_t){ mr[2] }) << TERN_FPAGE_SHIFT;
    *why = tern_msgtag_get_untyped(t) == 1 ? mr[1] : TERN_SIGMA0_BAD_REQUEST;
    return TERN_SIGMA0_ANY;
}
