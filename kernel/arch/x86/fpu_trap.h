/* The x86 FPU trap is CR0.TS: one bit for the CPU, which must follow the running thread
 * (hal_fpu_running in hal.h). Shared by ia32 and x86_64: their hal_types.h include it. */
#ifndef TERN_ARCH_X86_FPU_TRAP_H
#define TERN_ARCH_X86_FPU_TRAP_H

#define HAL_FPU_TRAP_PER_CPU 1

#endif
