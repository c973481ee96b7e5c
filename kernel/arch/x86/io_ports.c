/*
 * User access to I/O ports, granted by I/O fpages: a bit per port in the space
 * (hal_space.io_allowed). The TSS has no I/O bitmap, so every user `in` or `out` traps
 * with a general protection fault; the kernel decodes it and, when the space holds every
 * port it touches, does it on the thread's behalf and steps over it. That costs a trap
 * per access, but nothing on a thread switch (the fast path switches spaces without
 * knowing about ports) and no TSS per space. Ports the board keeps are never granted.
 */
#include <arch/x86/port_io.h>
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <port/arch/cpu.h>
#include <tern/kernel/frame.h>

static int bit(const struct hal_space *s, word_t port)
{
    return s->io_allowed[port / 8] >> (port % 8) & 1;
}

int hal_io_allow(struct hal_space *s, word_t port, word_t count, int on)
{
    if (port >= TERN_IO_PORTS || count > TERN_IO_PORTS - port)
        return -1;
    for (word_t p = port; p < port + count; p++) {
        if (x86_kernel_port(p))
            continue;
        if (on)
            s->io_allowed[p / 8] |= (unsigned char)(1u << (p % 8));
        else
            s->io_allowed[p / 8] &= (unsigned char)~(1u << (p % 8));
    }
    return 0;
}

int hal_io_allowed(const struct hal_space *s, word_t port, word_t count)
{
    if (port >= TERN_IO_PORTS || count > TERN_IO_PORTS - port)
        return 0;
    for (word_t p = port; p < port + count; p++)
        if (!bit(s, p))
            return 0;
    return 1;
}

/* One byte of the user's code at va, or -1 where nothing readable is mapped. */
static int code_byte(struct hal_space *s, word_t va)
{
    paddr_t pa;
    unsigned rights;
    if (hal_space_lookup(s, va, &pa, &rights) < 0 || !(rights & HAL_READ))
        return -1;
    return *(const unsigned char *)hal_phys_to_virt(pa);
}

/* A #GP from user mode: an `in` or `out` the space may do is done here (1); anything
 * else is the thread's exception (0). Forms: E4/E5 in imm8, E6/E7 out imm8, EC/ED in DX,
 * EE/EF out DX; 66 makes the word forms 16-bit. */
int x86_io_emulate(struct hal_frame *f, struct hal_space *s)
{
    word_t ip = frame_ip(f);
    int b = code_byte(s, ip), len = 1, size = 4;
    if (b == 0x66) {
        size = 2;
        b = code_byte(s, ip + len++);
    }
    if (b < 0xe4 || (b > 0xe7 && b < 0xec) || b > 0xef)
        return 0;
    if (!(b & 1))
        size = 1;
    word_t port;
    if (b < 0xec) {
        int imm = code_byte(s, ip + len++);
        if (imm < 0)
            return 0;
        port = (word_t)imm;
    } else {
        port = f->X86_FRAME_DX & 0xffff;
    }
    if (!hal_io_allowed(s, port, (word_t)size))
        return 0;
    int out = (b & 2) != 0;
    word_t *ax = &f->X86_FRAME_AX;
    unsigned short p = (unsigned short)port;
    if (out) {
        if (size == 1) outb(p, (unsigned char)*ax);
        else if (size == 2) outw(p, (unsigned short)*ax);
        else outl(p, (unsigned)*ax);
    } else {
        /* as the CPU: the low byte or word is replaced, the rest kept (a 32-bit in
         * zero-extends into RAX on x86_64) */
        if (size == 1) *ax = (*ax & ~(word_t)0xff) | inb(p);
        else if (size == 2) *ax = (*ax & ~(word_t)0xffff) | inw(p);
        else *ax = inl(p);
    }
    frame_set_ip(f, ip + (word_t)len);
    return 1;
}
