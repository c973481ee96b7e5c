/* x86_64 CPU details shared by the HAL's files. */
#ifndef TERN_X86_64_CPU_H
#define TERN_X86_64_CPU_H

#include "x86.h"

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS 0x1b          /* 0x18 | RPL 3: sysret loads SS = STAR.sysret + 8 */
#define USER_CS 0x23          /* 0x20 | RPL 3: sysret loads CS = STAR.sysret + 16 */
#define TSS_SEL 0x28

#define VEC_SYSCALL 0x100     /* frame.vector of a syscall entry: HAL_VEC_SYSCALL */

/* The frame fields the shared thread code (../x86/frame.c) reads and writes. */
#define X86_FRAME_IP(f) ((f)->rip)
#define X86_FRAME_SP(f) ((f)->rsp)
#define X86_FRAME_FLAGS(f) ((f)->rflags)

/* The FXSAVE form that saves the full 64-bit instruction and data pointers. */
#define X86_FXSAVE "fxsave64"
#define X86_FXRSTOR "fxrstor64"
#endif
