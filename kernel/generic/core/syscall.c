/*
 * System call entry: the arguments from where abi/<arch>.toml puts them (the generated
 * frame_map.h names the frame fields), the call by number (the generated
 * syscall_table.h, from abi/generic.toml), the results back. Bad arguments never reach
 * kernel state: every id is looked up, every address checked, and the call fails with an
 * error code in the caller's UTCB. The calls themselves: thread_calls.c, space_calls.c,
 * debug_call.c, and IPC in ipc.c.
 */
#include <tern/kernel/frame_map.h>
#include <tern/kernel/syscall_table.h>

#include "kernel.h"

/* ---- Arguments and results ------------------------------------------------------------ */

/* Words of a caller's memory block (arches with few argument registers spill). */
static int user_words(space_t *s, word_t va, word_t *buf, unsigned n, int write)
{
    for (unsigned i = 0; i < n; i++, va += sizeof(word_t)) {
        paddr_t pa;
        unsigned rights;
        if (va % sizeof(word_t) || hal_space_lookup(&s->hal, va, &pa, &rights) < 0 ||
            (write && !(rights & HAL_WRITE)))
            return -1;
        word_t *p = hal_phys_to_virt(pa);
        if (write) *p = buf[i]; else buf[i] = *p;
    }
    return 0;
}

/* The generator's rule (gen/abi.py): when arguments or results do not fit the registers,
 * the last argument register carries the address of a block holding the rest. */
static int spills(unsigned nargs, unsigned nres)
{
    return nargs > FRAME_ARG_COUNT || nres > FRAME_RESULT_COUNT;
}

static int get_args(struct hal_frame *f, word_t *a, unsigned n, unsigned nres)
{
    unsigned in_regs = spills(n, nres) ? FRAME_ARG_COUNT - 1 : n;
    if (in_regs > n)
        in_regs = n;
    for (unsigned i = 0; i < in_regs; i++)
        a[i] = *frame_arg_ptr(f, i);
    if (n == in_regs)
        return 0;
    return user_words(current->space, *frame_arg_ptr(f, FRAME_ARG_COUNT - 1), a + in_regs,
                      n - in_regs, 0);
}

static void put_results(struct hal_frame *f, word_t *r, unsigned n, unsigned nargs)
{
    unsigned in_regs = n > FRAME_RESULT_COUNT ? FRAME_RESULT_COUNT : n;
    word_t block = *frame_arg_ptr(f, FRAME_ARG_COUNT - 1);   /* read before results land */
    for (unsigned i = 0; i < in_regs; i++)
        *frame_result_ptr(f, i) = r[i];
    if (spills(nargs, n) && n > in_regs)
        user_words(current->space, block, r + in_regs, n - in_regs, 1);
}

word_t syscall_error(word_t code)
{
    current->utcb->error_code = code;
    return 0;
}

int syscall_privileged(void) { return current->space->privileged; }

/* ---- The calls with nothing to decide --------------------------------------------- */

void sys_kernel_interface(const word_t *a, word_t *r)
{
    (void)a;
    r[0] = current->space->kip_va;
    r[1] = KIP_API_VERSION;
    r[2] = TERN_API_FLAGS;
    r[3] = TERN_KERNEL_ID;
}

void sys_system_clock(const word_t *a, word_t *r)
{
    (void)a;
    r[0] = (word_t)clock_us();
}

/* The handlers a port's lean entry calls by number (glue entry.S; 0: not lean). They
 * run with no frame saved, so they only read kernel state: abi/generic.toml says which. */
void (*const syscall_lean_table[SYSCALL_NUMBERS])(const word_t *a, word_t *r) = {
    SYSCALL_LEAN_TABLE_ENTRIES
};

/* ---- Dispatch ---------------------------------------------------------------------- */

void syscall_entry(struct hal_frame *f)
{
    word_t a[SYSCALL_MAX_ARGS + 1] = { 0 }, r[SYSCALL_MAX_RESULTS + 1] = { 0 };
    word_t n = FRAME_SYSCALL_NUMBER(f);
    if (n == TERN_SYS_IPC) {
        syscall_ipc(f);
        return;
    }
    if (n >= SYSCALL_NUMBERS ||
        get_args(f, a, syscall_arity[n].args, syscall_arity[n].results) < 0) {
        *frame_result_ptr(f, 0) = syscall_error(TERN_ERR_INVALID_PARAM);
        return;
    }
    syscall_dispatch(n, a, r);
    put_results(f, r, syscall_arity[n].results, syscall_arity[n].args);
}
