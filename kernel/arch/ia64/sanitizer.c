/* The sanitizer's traps on ia64: GCC ends a failed check with `break 0`, which does not
 * say which check failed. (Under Ski, `break 0` in system mode halts the simulation.) */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>
#include <tern/kernel/frame.h>

int hal_sanitizer_trap(const struct hal_frame *f)
{
    return f->vector == IVT_BREAK && f->iim == 0 ? -1 : -2;
}
