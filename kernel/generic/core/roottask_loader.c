/*
 * The kernel's root-task loader: a fresh privileged space, the KIP and UTCB area where
 * the port's [root] says (tern/root_map.h), the ELF image of boot module 0 loaded page by
 * page, a stack, a memory pool of free frames, and the other boot modules mapped
 * read-only for the root task to start further tasks from.
 */
#include <elf.h>
#include <tern/config/mapping_nodes.h>

#include "kernel.h"

#define KERNEL_RESERVE_PAGES 2048      /* kept back from the pool for kernel objects */

/* Every page the root task gets is a root of the mapping database: the root task is
 * where all user memory comes from (sigma0), and what it maps on is derived from these. */
static void map_new(space_t *s, word_t va, unsigned rights)
{
    paddr_t pa = frame_alloc();
    if (!pa)
        panic("out of memory while starting the root task");
    mapdb_root(s, va, pa, rights, 1);
}

static word_t load_elf(space_t *s, const struct boot_module *m)
{
    const unsigned char *image = hal_phys_to_virt(m->start);
    word_t size = m->end - m->start;
    const elf_header_t *h = (const elf_header_t *)image;
    if (size < sizeof *h || h->ident[0] != 0x7f || h->ident[1] != 'E' || h->ident[2] != 'L' ||
        h->ident[3] != 'F' || h->ident[4] != ELF_CLASS || h->machine != TERN_ELF_MACHINE)
        panic("boot module 0 is not an ELF image for this machine");
    for (unsigned i = 0; i < h->phnum; i++) {
        const elf_phdr_t *ph = (const elf_phdr_t *)(image + h->phoff + i * h->phentsize);
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        if (ph->offset + ph->filesz > size || !hal_user_address(ph->vaddr))
            panic("root task ELF segment out of bounds");
        unsigned rights = HAL_READ | HAL_EXEC | (ph->flags & PF_W ? HAL_WRITE : 0);
        word_t start = ph->vaddr & ~(TERN_PAGE_SIZE - 1);
        for (word_t va = start; va < ph->vaddr + ph->memsz; va += TERN_PAGE_SIZE) {
            paddr_t pa;
            unsigned have;
            if (hal_space_lookup(&s->hal, va, &pa, &have) < 0) {
                map_new(s, va, rights);
                hal_space_lookup(&s->hal, va, &pa, &have);
            } else {
                mapdb_root(s, va, pa & ~(TERN_PAGE_SIZE - 1), rights, 1);   /* rights add up */
            }
            /* copy the part of the file that falls into this page */
            word_t lo = va > ph->vaddr ? va : ph->vaddr;
            word_t hi = va + TERN_PAGE_SIZE < ph->vaddr + ph->filesz ? va + TERN_PAGE_SIZE
                                                                   : ph->vaddr + ph->filesz;
            if (lo < hi)
                memcpy((char *)hal_phys_to_virt(pa & ~(TERN_PAGE_SIZE - 1)) + (lo - va),
                       image + ph->offset + (lo - ph->vaddr), hi - lo);
        }
    }
    return h->entry;
}

void root_task_start(const struct boot_info *bi)
{
    if (bi->modules == 0)
        panic("no root task: boot module 0 is missing");
    space_t *s = space_create();
    ASSERT(s);
    s->privileged = 1;
    if (TERN_IO_PORTS)                      /* sigma0's: every port the board leaves */
        hal_io_allow(&s->hal, 0, TERN_IO_PORTS, 1);
    if (space_map_kip(s, TERN_ROOT_KIP) < 0)
        panic("cannot map the KIP for the root task");
    s->utcb_base = TERN_ROOT_UTCB_AREA;
    s->utcb_size = (word_t)1 << TERN_ROOT_UTCB_AREA_BITS;
    word_t entry = load_elf(s, &bi->module[0]);
    for (word_t i = 1; i <= TERN_ROOT_STACK_PAGES; i++)
        map_new(s, TERN_ROOT_STACK_TOP - i * TERN_PAGE_SIZE, HAL_READ | HAL_WRITE);

    /* Further modules, read-only, one after another. */
    tern_kip_t *k = kip();
    word_t va = TERN_ROOT_MODULES;
    for (unsigned i = 1; i < bi->modules && i <= ARRAY_SIZE(k->module) / 2; i++) {
        const struct boot_module *m = &bi->module[i];
        k->module[2 * (i - 1)] = va;
        k->module[2 * (i - 1) + 1] = m->end - m->start;
        k->module_count = i;
        for (paddr_t pa = m->start & ~(TERN_PAGE_SIZE - 1); pa < m->end; pa += TERN_PAGE_SIZE, va += TERN_PAGE_SIZE)
            mapdb_root(s, va, pa, HAL_READ, 0);
        va += TERN_PAGE_SIZE;                      /* a guard page between modules */
    }

    /* The pool: free frames, minus a reserve for kernel objects, and at most half the
     * mapping nodes: the other half is for the mappings made from it. */
    word_t pool = 0;
    while (frames_free() > KERNEL_RESERVE_PAGES && pool < TERN_ROOT_POOL_MAX &&
           mapdb_free_nodes() > TERN_CONFIG_MAPPING_NODES / 2) {
        map_new(s, TERN_ROOT_POOL + pool, HAL_READ | HAL_WRITE);
        pool += TERN_PAGE_SIZE;
    }
    k->root_pool_base = TERN_ROOT_POOL;
    k->root_pool_size = pool;

    word_t id = tern_global_id(TERN_FIRST_USER_THREAD, 1).raw;
    tcb_t *t = thread_create(id, s, TERN_ROOT_UTCB_AREA);
    ASSERT(t);
    t->scheduler = id;
    hal_thread_init(&t->ctx, t->frame, entry, TERN_ROOT_STACK_TOP);
    sched_ready(t);
    kprintf("root task: entry %lx, %lu KiB pool, %u module(s)\n", entry, pool / 1024,
            bi->modules - 1);
}
