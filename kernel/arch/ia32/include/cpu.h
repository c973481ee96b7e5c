/* ia32 CPU details shared by the HAL's files. */
#ifndef TERN_IA32_CPU_H
#define TERN_IA32_CPU_H

#include "x86.h"

#include "selectors.h"

#define VEC_SYSCALL 0x100     /* frame.vector of a sysenter entry: HAL_VEC_SYSCALL */
#define VEC_INT_SYSCALL 0x30  /* `int $0x30`: the system calls other than IPC */

#define EFLAGS_IF 0x200
#define EFLAGS_USER_MASK 0xcd5UL  /* CF PF AF ZF SF DF OF: what a user may set */

#define X86_FXSAVE "fxsave"
#define X86_FXRSTOR "fxrstor"
#endif
