/* ia32 segment selectors (assembly-safe: entry.S, cpu.c and hal_types.h share them). */
#ifndef TERN_IA32_SELECTORS_H
#define TERN_IA32_SELECTORS_H

/* sysenter/sysexit fix the order: kernel CS, kernel SS = CS + 8, user CS = CS + 16,
 * user SS = CS + 24. The kernel runs with DS = ES = the flat user data segment, so no
 * entry or exit has to switch them (only reload them: a user may have changed them). */
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS 0x1b          /* 0x18 | RPL 3 */
#define USER_DS 0x23          /* 0x20 | RPL 3 */
#define TSS_SEL 0x28
#define UTCB_SEL 0x33         /* 0x30 | RPL 3: base HAL_UTCB_POINTER_VA, for %gs:0 */
#endif
