/* x86's sanitizer traps: clang's trap mode ends a failed check with `ud1 kind(%eax), %eax`
 * (0f b9 40 kind; 0f b9 00 for kind 0; 67 before it in 64-bit code), and a check that
 * carries no kind with `ud2` (0f 0b). Only ever asked about a trap in the kernel's text. */
#include <generic/hal.h>
#include <tern/kernel/frame.h>

int hal_sanitizer_trap(const struct hal_frame *f)
{
    if (f->vector != 6)                           /* invalid opcode */
        return -2;
    const unsigned char *i = (const unsigned char *)frame_ip(f);
    if (i[0] == 0x67)
        i++;
    if (i[0] == 0x0f && i[1] == 0x0b)
        return -1;
    if (i[0] == 0x0f && i[1] == 0xb9)
        return i[2] == 0x40 ? i[3] : i[2] == 0x00 ? 0 : -1;
    return -2;
}
