/*
 * The sanitizer build (config kernel.ubsan): clang's -fsanitize=undefined,local-bounds in
 * trap mode leaves no runtime in the kernel, only a trapping instruction at each failed
 * check. The port says whether a kernel trap is one (hal_sanitizer_trap) and, where its
 * trap encodes it, which check failed; the panic names it.
 */
#include <generic/hal.h>

/* clang 14's SanitizerHandler numbers, the kind x86's `ud1` carries. */
static const char *const checks[] = {
    "add overflow", "builtin unreachable", "CFI check", "division overflow or by zero",
    "dynamic type", "float cast overflow", "function type mismatch", "implicit conversion",
    "invalid builtin argument", "invalid ObjC cast", "invalid value loaded", "missing return",
    "multiply overflow", "negate overflow", "nullability argument", "nullability return",
    "nonnull argument", "nonnull return", "index out of bounds", "pointer overflow",
    "shift out of bounds", "subtract overflow", "type mismatch (null, misaligned or too small)",
    "alignment assumption", "variable-length array bound not positive",
};

const char *sanitizer_check_name(int kind)
{
    if (kind < 0)
        return "a check the trap does not name (local bounds or unreachable)";
    if ((unsigned)kind < sizeof checks / sizeof checks[0])
        return checks[kind];
    return "an unknown check";
}
