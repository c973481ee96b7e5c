#ifndef TERN_MAIN_H
#define TERN_MAIN_H
/* Called by the arch boot code with a stack and the console hardware reachable. */
_Noreturn void kernel_main(void);
#endif
