/* MIPS's sanitizer traps: clang's trap mode ends a failed check with `break` (code 0),
 * which does not say which check failed. */
#include <generic/hal.h>
#include <tern/kernel/frame.h>

#include <arch/mips64/cp0.h>

int hal_sanitizer_trap(const struct hal_frame *f)
{
    if (f->vector != EXC_BP)
        return -2;
    word_t pc = f->cause & CAUSE_BD ? f->epc + 4 : f->epc;     /* in a branch's delay slot */
    return *(const unsigned *)pc == 0x0000000d ? -1 : -2;
}
