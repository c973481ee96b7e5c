/* Threads and spaces through thread_control, space_control and exchange_registers. */
#include "libtern.h"

extern void tern_thread_entry(void);

word_t tern_thread_create(word_t id, word_t space_of, word_t pager, word_t utcb)
{
    if (tern_sys_thread_control(id, space_of, tern_myself(), pager, utcb) != 1)
        return tern_ipc_error() ? tern_ipc_error() : 1;
    return 0;
}

word_t tern_thread_run(word_t id, void (*fn)(word_t), word_t arg, word_t *stack_top)
{
    /* The entry trampoline pops fn and arg (crt0.S). */
    word_t *sp = stack_top - 2;
    sp[0] = (word_t)fn;
    sp[1] = arg;
    word_t o[6];
    word_t r = tern_sys_exchange_registers(id, TERN_EXREG_SET_SP | TERN_EXREG_SET_IP | TERN_EXREG_START,
                                           (word_t)sp, tern_code_address(tern_thread_entry), 0, 0, 0,
                                           &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
    return r == id ? 0 : (tern_ipc_error() ? tern_ipc_error() : 1);
}

word_t tern_thread_delete(word_t id)
{
    if (tern_sys_thread_control(id, TERN_NIL_THREAD, 0, 0, 0) != 1)
        return tern_ipc_error() ? tern_ipc_error() : 1;
    return 0;
}

void tern_thread_exit(void)
{
    for (;;)
        tern_receive(tern_myself(), NULL);
}

word_t tern_space_setup(word_t id, word_t kip, word_t utcb_area, word_t utcb_bits)
{
    word_t old;
    word_t kip_fp = tern_fpage_make(TERN_FPAGE_READ, TERN_PAGE_BITS, kip >> TERN_FPAGE_SHIFT).raw;
    word_t area = tern_fpage_make(TERN_FPAGE_READ | TERN_FPAGE_WRITE, utcb_bits, utcb_area >> TERN_FPAGE_SHIFT).raw;
    if (tern_sys_space_control(id, 0, kip_fp, area, &old) != 1)
        return tern_ipc_error() ? tern_ipc_error() : 1;
    return 0;
}

tern_kip_t *tern_kip(void)
{
    word_t v, f, k;
    return (tern_kip_t *)tern_sys_kernel_interface(&v, &f, &k);
}

word_t tern_interrupt_attach(word_t n, word_t handler)
{
    word_t irq = tern_interrupt_thread(n);
    if (tern_sys_thread_control(irq, irq, TERN_NIL_THREAD, handler, 0) != 1)
        return tern_ipc_error() ? tern_ipc_error() : 1;
    return 0;
}

word_t tern_interrupt_detach(word_t n)
{
    word_t irq = tern_interrupt_thread(n);
    if (tern_sys_thread_control(irq, irq, TERN_NIL_THREAD, irq, 0) != 1)
        return tern_ipc_error() ? tern_ipc_error() : 1;
    return 0;
}
