/*
 * I/O fpages (L4 X.2, on arches with an I/O port space: abi [arch] io_ports): map items
 * that give a space ports instead of memory. The root task holds every port the board
 * does not keep and is the only space that maps them: a tree of depth one, so revoking
 * needs no mapping database. From any other space an I/O fpage maps nothing (as a
 * memory fpage over pages the sender does not hold), and its unmap with flush gives up
 * the ports; the root task's unmap takes them from every space it gave them to.
 */
#include "kernel.h"

int io_fpage(word_t fpage_raw)
{
    return tern_io_fpage_get_marker((tern_io_fpage_t){ fpage_raw }) == TERN_IO_FPAGE_MARKER;
}

/* The ports an I/O fpage names: 0, or -1 when they are not a size-aligned range inside
 * [0, io_ports). */
static int io_range(word_t fpage_raw, word_t *port, word_t *count)
{
    tern_io_fpage_t fp = { fpage_raw };
    word_t bits = tern_io_fpage_get_size_bits(fp);
    *port = tern_io_fpage_get_port(fp);
    if (!TERN_IO_PORTS || bits >= TERN_WORD_BITS || ((word_t)1 << bits) > TERN_IO_PORTS)
        return -1;
    *count = (word_t)1 << bits;
    if (*port & (*count - 1) || *port > TERN_IO_PORTS - *count)
        return -1;
    return 0;
}

/* A map or grant item with an I/O fpage (grant is map: the root task keeps its ports). */
word_t io_fpage_map(space_t *src, space_t *dst, word_t fpage_raw)
{
    word_t port, count;
    if (io_range(fpage_raw, &port, &count) < 0)
        return TERN_IPC_ERR_MESSAGE_OVERFLOW;
    if (src->privileged)
        hal_io_allow(&dst->hal, port, count, 1);
    return 0;
}

void io_fpage_unmap(space_t *s, word_t fpage_raw, int flush)
{
    word_t port, count;
    if (io_range(fpage_raw, &port, &count) < 0)
        return;
    if (s->privileged)
        space_io_revoke(s, port, count);
    if (flush)
        hal_io_allow(&s->hal, port, count, 0);
}
