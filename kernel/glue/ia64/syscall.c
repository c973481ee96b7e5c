/*
 * A system call that reached the slow path: its break is at the frame's ip. The registers
 * the call reads (the number, its arguments; for IPC the UTCB pointer, the tag and the
 * untyped words it sends in registers) must hold values: one with its NaT bit set (a
 * deferred fault the user never checked) makes the call a NaT consumption at the break,
 * reported as the exception it would be on any other consuming instruction. Registers the
 * call does not read may hold NaTs (dead results of speculative loads): they do not
 * count. Otherwise the call returns past its break (the next slot, or the next bundle
 * after slot 2) and runs.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>
#include <tern/kernel/frame.h>
#include <tern/kernel/frame_map.h>
#include <tern/kernel/syscall_table.h>

/* The NaT bit st8.spill recorded for the frame slot at `slot`. */
static int nat(const struct hal_frame *f, const tern_word_t *slot)
{
    return slot && ((f->nats >> (((word_t)slot >> 3) & 63)) & 1);
}

static int reads_a_nat(struct hal_frame *f)
{
    word_t number = FRAME_SYSCALL_NUMBER(f);
    if (nat(f, &FRAME_SYSCALL_NUMBER(f)))
        return 1;
    if (number == TERN_SYS_IPC) {
        if (nat(f, &FRAME_IPC_TO(f)) || nat(f, &FRAME_IPC_FROM_SPECIFIER(f)) ||
            nat(f, &FRAME_IPC_TIMEOUTS(f)) || nat(f, &FRAME_IPC_UTCB(f)) || nat(f, frame_mr_in_ptr(f, 0)))
            return 1;
        word_t untyped = (*frame_mr_in_ptr(f, 0) & TERN_MSGTAG_UNTYPED_MASK) >> TERN_MSGTAG_UNTYPED_SHIFT;
        for (word_t i = 1; i <= untyped; i++)
            if (nat(f, frame_mr_in_ptr(f, (unsigned)i)))
                return 1;
        return 0;
    }
    unsigned args = number < SYSCALL_NUMBERS ? syscall_arity[number].args : 0;
    for (unsigned i = 0; i < args; i++)
        if (nat(f, frame_arg_ptr(f, i)))
            return 1;
    return 0;
}

void syscall_from_break(struct hal_frame *f)
{
    if (reads_a_nat(f)) {
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
