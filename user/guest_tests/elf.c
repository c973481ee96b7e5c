/* Start an ELF payload (a boot module) in a new address space, paged by the pager. */
#include "harness.h"
#include "elf.h"                   /* libc/: the layout for this word size */

word_t elf_spawn(const void *image, word_t size)
{
    const unsigned char *base = image;
    const elf_header_t *h = image;
    if (size < sizeof *h || memcmp(h->ident, "\x7f" "ELF", 4) != 0 || h->ident[4] != ELF_CLASS ||
        h->machine != TERN_ELF_MACHINE)
        return TERN_NIL_THREAD;
    for (unsigned i = 0; i < h->phnum; i++) {
        const elf_phdr_t *ph = (const void *)(base + h->phoff + i * h->phentsize);
        if (ph->type != PT_LOAD || !ph->memsz)
            continue;
        if (ph->offset + ph->filesz > size)
            return TERN_NIL_THREAD;
        word_t start = ph->vaddr & ~(TERN_PAGE_SIZE - 1);
        word_t end = (ph->vaddr + ph->memsz + TERN_PAGE_SIZE - 1) & ~(TERN_PAGE_SIZE - 1);
        unsigned char *copy = (unsigned char *)pool_alloc(end - start);
        memset(copy, 0, end - start);
        memcpy(copy + (ph->vaddr - start), base + ph->offset, ph->filesz);
        pager_add_region(start, end - start, (word_t)copy);
    }
    word_t tid = new_tid();
    if (tern_thread_create(tid, tid, pager_tid, CHILD_UTCB_AREA) != 0 ||
        tern_space_setup(tid, TERN_ROOT_KIP, CHILD_UTCB_AREA, CHILD_UTCB_AREA_BITS) != 0)
        return TERN_NIL_THREAD;
    word_t o[6];
    word_t *stack = new_stack();                 /* pool memory: the pager maps it */
    if (tern_sys_exchange_registers(tid, TERN_EXREG_SET_SP | TERN_EXREG_SET_IP | TERN_EXREG_START,
                                    (word_t)stack, h->entry, 0, 0, 0,
                                    &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]) != tid)
        return TERN_NIL_THREAD;
    return tid;
}
