/*
 * The HAL interface: everything the generic core asks of an architecture. The generic
 * core includes only this header (and generated ABI headers) for arch services; each
 * kernel/arch/<arch>/ implements it.
 */
#ifndef TERN_HAL_H
#define TERN_HAL_H

/* Early console: ready after hal_console_init, usable before anything else. */
void hal_console_init(void);
void hal_console_putc(char c);

/* Leave the emulator (or halt the machine) with an exit status the host can read. */
_Noreturn void hal_exit(int status);

#endif
