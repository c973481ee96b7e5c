/* x86_64 CPU details shared by the HAL's files. */
#ifndef TERN_X86_64_CPU_H
#define TERN_X86_64_CPU_H

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS 0x1b          /* 0x18 | RPL 3: sysret loads SS = STAR.sysret + 8 */
#define USER_CS 0x23          /* 0x20 | RPL 3: sysret loads CS = STAR.sysret + 16 */
#define TSS_SEL 0x28

#define VEC_TIMER 32
#define VEC_SYSCALL 0x100     /* frame.vector of a syscall entry: HAL_VEC_SYSCALL */

#define RFLAGS_IF 0x200
#define RFLAGS_USER_MASK 0xcd5UL  /* CF PF AF ZF SF DF OF: what a user may set */

#ifndef __ASSEMBLY__
static inline void wrmsr(unsigned msr, unsigned long v)
{
    __asm__ __volatile__("wrmsr" : : "c"(msr), "a"((unsigned)v), "d"((unsigned)(v >> 32)));
}
static inline unsigned long read_cr2(void)
{
    unsigned long v;
    __asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
    return v;
}
static inline void write_cr3(unsigned long v)
{
    __asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}
#endif
#endif
