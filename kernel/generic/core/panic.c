/*
 * Panics: one line saying what went wrong, a dump of the saved frame when a trap in the
 * kernel caused it (every field the port's [frame] has, by name), and the exit status the
 * host reads as "the kernel panicked".
 */
#include <stdarg.h>

#include <tern/config/ubsan.h>

#include "kernel.h"

#define PANIC_EXIT_STATUS 3

_Noreturn void panic(const char *fmt, ...)
{
    kprintf("\nKERNEL PANIC: ");
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);     /* the invariant checker's and ASSERT's panics name what broke */
    va_end(ap);
    kprintf("\n");
    hal_exit(PANIC_EXIT_STATUS);
}

_Noreturn void kernel_panic_frame(const struct hal_frame *f, const char *what, word_t address)
{
    unsigned n = 0;
    int check = TERN_CONFIG_UBSAN ? hal_sanitizer_trap(f) : -2;
    if (check != -2)
        kprintf("\nKERNEL PANIC: UBSan: %s (at %lx)", sanitizer_check_name(check), frame_ip(f));
    else
        kprintf("\nKERNEL PANIC: %s (address %lx)", what, address);
#define DUMP(field) \
    kprintf("%s%s ", n++ % 4 ? "   " : "\n  ", #field); \
    kprintf(sizeof(word_t) == 8 ? "%16lx" : "%8lx", f->field);
    HAL_FRAME_FIELDS(DUMP)
#undef DUMP
    kprintf("\n");
    hal_exit(PANIC_EXIT_STATUS);
}
