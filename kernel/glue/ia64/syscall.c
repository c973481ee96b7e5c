/*
 * A system call that reached the slow path: its break is at the frame's ip. Registers
 * the call reads (the number, the arguments, the message registers, the UTCB pointer)
 * must hold values: one with its NaT bit set (a deferred fault the user never checked)
 * makes the call a NaT consumption at the break, reported as the exception it would be
 * on any other consuming instruction. Otherwise the call returns past its break (the
 * next slot, or the next bundle after slot 2) and runs.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>
#include <tern/kernel/frame.h>

/* The NaT bit st8.spill recorded for the frame slot at `slot`. */
static int nat(const struct hal_frame *f, const tern_word_t *slot)
{
    return (f->nats >> (((word_t)slot >> 3) & 63)) & 1;
}

void syscall_from_break(struct hal_frame *f)
{
    const tern_word_t *read[] = { &f->r9, &f->r14, &f->r15, &f->r16, &f->r17, &f->r18, &f->r19,
                                  &f->r20, &f->r21, &f->r22, &f->r23, &f->r24, &f->r25 };
    for (unsigned i = 0; i < sizeof read / sizeof read[0]; i++)
        if (nat(f, read[i])) {
            f->vector = IVT_NAT;
            user_fault(f, FAULT_EXCEPTION, 0, 0, IVT_NAT);
            return;
        }
    word_t slot = (f->ipsr >> PSR_RI_SHIFT) & 3;
    if (slot == 2) {
        f->iip += 16;
        f->ipsr &= ~(3UL << PSR_RI_SHIFT);
    } else {
        f->ipsr = (f->ipsr & ~(3UL << PSR_RI_SHIFT)) | (slot + 1) << PSR_RI_SHIFT;
    }
    syscall_entry(f);
}
