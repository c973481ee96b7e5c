/*
 * The mapping database: who holds each page and from whom it came, so that a mapping can
 * be taken back from everyone who got it, however far it was passed on (L4's recursive
 * address spaces). Every page a space holds has a node, except the pages the kernel lends
 * out (UTCBs, the KIP), which no map item may pass on. A node's parent is the mapping it
 * was mapped from; the root task's boot mappings (the ELF image, stack, pool and
 * modules) are the roots, one per frame.
 *
 * Layout: one node per (space, page), 7 words, from a pool carved at boot (config
 * mapping_nodes). The tree is first-child / sibling links; a hash table over (space,
 * page) finds a space's node for a page. Lookup and insert cost O(1) plus the chain,
 * revocation O(the subtree it removes): nothing walks all mappings.
 */
#include <tern/config/mapping_nodes.h>

#include "kernel.h"

#define RIGHTS_MASK ((word_t)(HAL_READ | HAL_WRITE | HAL_EXEC))
#define KERNEL_FRAME ((word_t)8)            /* a root's frame came from frame_alloc */
#define FLAGS_MASK (RIGHTS_MASK | KERNEL_FRAME)
_Static_assert((FLAGS_MASK & (TERN_PAGE_SIZE - 1)) == FLAGS_MASK, "flags share the page offset");
_Static_assert(!(KERNEL_FRAME & RIGHTS_MASK), "the kernel-frame flag is no right");

struct mapnode {
    struct mapnode *parent, *child;     /* whence it was mapped; the first mapped from it */
    struct mapnode *next, *prev;        /* siblings: mapped from the same parent */
    struct mapnode *hnext;              /* hash chain */
    space_t *space;                     /* NULL while free */
    word_t va;                          /* the page's address | rights | KERNEL_FRAME */
};

static struct mapnode *pool, *free_nodes, **buckets;
static word_t nbuckets;
static unsigned long nfree_nodes;

static word_t page_of(word_t va) { return va & ~(word_t)(TERN_PAGE_SIZE - 1); }
static unsigned rights_of(const struct mapnode *n) { return (unsigned)(n->va & RIGHTS_MASK); }
static word_t va_of(const struct mapnode *n) { return page_of(n->va); }

/* Consecutive pages of one space fall into consecutive buckets; spaces start apart. */
static word_t hash(const space_t *s, word_t va)
{
    word_t h = (va >> TERN_PAGE_BITS) + ((word_t)s >> 3) * (word_t)2654435761u;
    return h & (nbuckets - 1);
}

paddr_t mapdb_init(paddr_t start)
{
    word_t nodes = TERN_CONFIG_MAPPING_NODES;
    nbuckets = 1;
    while (nbuckets < nodes / 2)
        nbuckets <<= 1;
    word_t bytes = nbuckets * sizeof *buckets + nodes * sizeof *pool;
    bytes = (bytes + TERN_PAGE_SIZE - 1) & ~(word_t)(TERN_PAGE_SIZE - 1);
    buckets = hal_phys_to_virt(start);
    memset(buckets, 0, bytes);
    pool = (struct mapnode *)(buckets + nbuckets);
    for (word_t i = nodes; i-- > 0;) {
        pool[i].next = free_nodes;
        free_nodes = &pool[i];
    }
    nfree_nodes = nodes;
    return start + bytes;
}

unsigned long mapdb_free_nodes(void) { return nfree_nodes; }

static struct mapnode *node_alloc(void)
{
    struct mapnode *n = free_nodes;
    if (!n)
        return NULL;
    free_nodes = n->next;
    nfree_nodes--;
    memset(n, 0, sizeof *n);
    return n;
}

static void node_free(struct mapnode *n)
{
    memset(n, 0, sizeof *n);
    n->next = free_nodes;
    free_nodes = n;
    nfree_nodes++;
}

static struct mapnode *lookup(const space_t *s, word_t va)
{
    va = page_of(va);
    for (struct mapnode *n = buckets[hash(s, va)]; n; n = n->hnext)
        if (n->space == s && va_of(n) == va)
            return n;
    return NULL;
}

static void hash_insert(struct mapnode *n)
{
    struct mapnode **b = &buckets[hash(n->space, va_of(n))];
    n->hnext = *b;
    *b = n;
}

static void hash_remove(struct mapnode *n)
{
    struct mapnode **p = &buckets[hash(n->space, va_of(n))];
    while (*p != n)
        p = &(*p)->hnext;
    *p = n->hnext;
}

/* Make n the first child of parent (a root when parent is NULL). */
static void tree_link(struct mapnode *parent, struct mapnode *n)
{
    n->parent = parent;
    n->prev = NULL;
    n->next = parent ? parent->child : NULL;
    if (n->next)
        n->next->prev = n;
    if (parent)
        parent->child = n;
}

static void tree_unlink(struct mapnode *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->child = n->next;
    if (n->next)
        n->next->prev = n->prev;
}

static paddr_t frame_of(const struct mapnode *n)
{
    paddr_t pa;
    unsigned rights;
    if (hal_space_lookup(&n->space->hal, va_of(n), &pa, &rights) < 0)
        panic("mapping node without its page table entry");
    return pa & ~(paddr_t)(TERN_PAGE_SIZE - 1);
}

/* What the page's holder did with it since it was mapped or last asked. */
static unsigned page_status(const struct mapnode *n)
{
    return hal_space_status(&n->space->hal, va_of(n)) & rights_of(n);
}

static void set_rights(struct mapnode *n, unsigned rights)
{
    if (rights == rights_of(n))
        return;
    paddr_t pa = frame_of(n);
    n->va = (n->va & ~RIGHTS_MASK) | rights;
    if (hal_space_map(&n->space->hal, va_of(n), pa, rights) < 0)   /* its table exists */
        panic("changing a mapping's rights failed");
}

/* Remove a node without children: its page leaves its space. The last holder of a frame
 * the kernel gave the root task gives it back. */
static unsigned remove_leaf(struct mapnode *n)
{
    unsigned status = page_status(n);
    paddr_t pa = frame_of(n);
    hal_space_unmap(&n->space->hal, va_of(n));
    if (!n->parent && (n->va & KERNEL_FRAME))
        frame_free(pa);
    tree_unlink(n);
    hash_remove(n);
    node_free(n);
    return status;
}

/* Remove top and everything derived from it, leaves first: no recursion on the kernel
 * stack, O(the subtree). Returns the access status they had. */
static unsigned remove_subtree(struct mapnode *top)
{
    unsigned status = 0;
    for (struct mapnode *n = top;;) {
        while (n->child)
            n = n->child;
        struct mapnode *up = n->parent;
        int last = n == top;
        status |= remove_leaf(n);
        if (last)
            return status;
        n = up;
    }
}

/* The node after n's subtree in a preorder walk of top's, NULL at its end. */
static struct mapnode *after_subtree(struct mapnode *n, const struct mapnode *top)
{
    for (; n != top; n = n->parent)
        if (n->next)
            return n->next;
    return NULL;
}

/* Take rights from everything derived from top (not top itself). A mapping left
 * without read goes with all derived from it (they had no more rights than it). */
static unsigned revoke_below(struct mapnode *top, unsigned rights)
{
    unsigned status = 0;
    struct mapnode *n = top->child;
    while (n) {
        unsigned keep = rights_of(n) & ~rights;
        if (!(keep & HAL_READ)) {
            struct mapnode *after = after_subtree(n, top);
            status |= remove_subtree(n);
            n = after;
            continue;
        }
        status |= page_status(n);
        set_rights(n, keep);
        n = n->child ? n->child : after_subtree(n, top);
    }
    return status;
}

static int is_ancestor(const struct mapnode *a, const struct mapnode *n)
{
    for (n = n->parent; n; n = n->parent)
        if (n == a)
            return 1;
    return 0;
}

/* ---- What the rest of the kernel calls ------------------------------------------------ */

void mapdb_root(space_t *s, word_t va, paddr_t pa, unsigned rights, int kernel_frame)
{
    struct mapnode *n = lookup(s, va);
    if (n) {                               /* two ELF segments share a page */
        set_rights(n, rights_of(n) | rights);
        return;
    }
    n = node_alloc();
    if (!n || hal_space_map(&s->hal, page_of(va), pa, rights) < 0)
        panic("out of memory while starting the root task");
    n->space = s;
    n->va = page_of(va) | rights | (kernel_frame ? KERNEL_FRAME : 0);
    tree_link(NULL, n);
    hash_insert(n);
}

int mapdb_map_needs_node(space_t *src, word_t sva, space_t *dst, word_t dva, unsigned rights)
{
    struct mapnode *sn = lookup(src, sva), *dn;
    if (!sn || !(rights & rights_of(sn) & HAL_READ))
        return 0;
    dn = lookup(dst, dva);
    return !(dn && (dn->parent == sn || dn == sn || is_ancestor(dn, sn)));
}

word_t mapdb_map(space_t *src, word_t sva, space_t *dst, word_t dva, unsigned want, int grant)
{
    struct mapnode *sn = lookup(src, sva);
    unsigned rights = sn ? want & rights_of(sn) : 0;
    if (!(rights & HAL_READ))
        return 0;                          /* nothing to give: every mapping includes read */
    sva = page_of(sva);
    dva = page_of(dva);
    paddr_t pa = frame_of(sn);
    struct mapnode *dn = lookup(dst, dva);
    if (dn == sn || (dn && is_ancestor(dn, sn)))
        return 0;                          /* it would take from the giver what it gives */
    if (dn && !grant && dn->parent == sn) {
        set_rights(dn, rights_of(dn) | rights);    /* again from the same: rights add up */
        return 0;
    }
    if (dn)
        remove_subtree(dn);                /* what the receiver had there goes */
    else {
        paddr_t old;
        unsigned old_rights;
        if (hal_space_lookup(&dst->hal, dva, &old, &old_rights) == 0)
            return 0;                      /* a UTCB or the KIP: the kernel's page stays */
    }
    if (grant) {
        if (hal_space_map(&dst->hal, dva, pa, rights) < 0)
            return TERN_IPC_ERR_NO_MEMORY;
        hash_remove(sn);
        hal_space_unmap(&src->hal, sva);
        if (rights != rights_of(sn))
            revoke_below(sn, rights_of(sn) & ~rights);
        sn->space = dst;
        sn->va = dva | rights | (sn->va & KERNEL_FRAME);
        hash_insert(sn);
        return 0;
    }
    struct mapnode *n = node_alloc();
    if (!n)
        return TERN_IPC_ERR_NO_MEMORY;
    if (hal_space_map(&dst->hal, dva, pa, rights) < 0) {
        node_free(n);
        return TERN_IPC_ERR_NO_MEMORY;
    }
    n->space = dst;
    n->va = dva | rights;
    tree_link(sn, n);
    hash_insert(n);
    return 0;
}

unsigned mapdb_unmap(space_t *s, word_t va, unsigned rights, int flush)
{
    struct mapnode *n = lookup(s, va);
    if (!n)
        return 0;
    unsigned status = revoke_below(n, rights);
    unsigned keep = rights_of(n) & ~rights;
    if (flush && !(keep & HAL_READ))
        return status | remove_subtree(n);
    status |= page_status(n);
    if (flush)
        set_rights(n, keep);
    return status;
}

void mapdb_space_gone(space_t *s)
{
    for (word_t va = HAL_KERNEL_END; va < HAL_USER_END && va >= HAL_KERNEL_END;) {
        word_t next = hal_space_next(&s->hal, va);
        if (next != va) {
            va = next;
            continue;
        }
        struct mapnode *n = lookup(s, va);
        if (n)
            remove_subtree(n);
        va += TERN_PAGE_SIZE;
    }
}

int mapdb_holds(space_t *s, word_t va) { return lookup(s, va) != NULL; }

/* ---- The invariant check (debug call) ------------------------------------------------ */

const char *mapdb_check(void)
{
    unsigned long used = 0, nodes = TERN_CONFIG_MAPPING_NODES;
    for (unsigned long i = 0; i < nodes; i++) {
        struct mapnode *n = &pool[i];
        if (!n->space)
            continue;
        used++;
        if (lookup(n->space, va_of(n)) != n)
            return "a mapping node is not found by its space and address";
        if (!(rights_of(n) & HAL_READ))
            return "a mapping without read rights";
        paddr_t pa = frame_of(n);
        if (frame_marked_free(pa))
            return "a mapping node names a free frame";
        if (n->prev ? n->prev->next != n : n->parent && n->parent->child != n)
            return "a mapping node's siblings do not lead to it";
        if (n->next && (n->next->prev != n || n->next->parent != n->parent))
            return "a mapping node's next sibling has another parent";
        if (n->child && n->child->parent != n)
            return "a mapping node's first child has another parent";
        if (n->parent) {
            if (!n->parent->space)
                return "a mapping node's parent is free";
            if (frame_of(n->parent) != pa)
                return "a mapping node and its parent map different frames";
            if (rights_of(n) & ~rights_of(n->parent))
                return "a mapping has rights its parent does not";
            if (n->va & KERNEL_FRAME)
                return "a derived mapping claims the root's frame";
        }
    }
    return used + nfree_nodes == nodes ? NULL : "mapping nodes are lost";
}
