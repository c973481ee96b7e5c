/* ia32 CPU details shared by the HAL's files. */
#ifndef TERN_IA32_CPU_H
#define TERN_IA32_CPU_H

#include "x86.h"

#include "selectors.h"

#define VEC_SYSCALL 0x100     /* frame.vector of a sysenter entry: HAL_VEC_SYSCALL */
#define VEC_INT_SYSCALL 0x30  /* `int $0x30`: the system calls other than IPC */

/* The frame fields the shared thread code (../x86/frame.c) reads and writes. */
#define X86_FRAME_IP(f) ((f)->eip)
#define X86_FRAME_SP(f) ((f)->esp)
#define X86_FRAME_FLAGS(f) ((f)->eflags)

#define X86_FXSAVE "fxsave"
#define X86_FXRSTOR "fxrstor"
#endif
