/*
 * One faulting instruction each, for the exception-IPC guest test (tests_spaces.c):
 * fault_probes is a table of { probe, the ip the kernel must report, the ExcCode it must
 * report }, ended by a zero probe. A probe never returns: the test's handler resumes
 * the thread elsewhere.
 */
    .set noreorder
    .text
probe_load_unaligned:                   /* address error, load */
1:  ld $2, 1($29)
probe_store_unaligned:                  /* address error, store */
2:  sd $2, 1($29)
probe_load_kernel:                      /* address error: KSEG0 from user mode */
    lui $8, 0x8000
3:  lw $2, 0($8)
    .globl probe_invalid                /* also the suite's "an invalid instruction" */
probe_invalid:
probe_reserved:                         /* reserved instruction: opcode 0x3b (R6 only) */
4:  .word 0xec000000
probe_break:
5:  break
probe_trap:                             /* a conditional trap that holds */
6:  teq $0, $0
probe_overflow:                         /* a 32-bit signed add that overflows */
    lui $8, 0x7fff
    ori $8, $8, 0xffff
7:  addi $8, $8, 1
probe_cp0:                              /* coprocessor 0 is the kernel's: Coprocessor Unusable, CE 0 */
8:  mfc0 $2, $12
probe_cp2:                              /* no coprocessor 2: Coprocessor Unusable, CE 2 (lwc2 $0, 0($0)) */
9:  .word 0xc8000000
probe_delay_slot:                       /* a break in a delay slot: the ip is the branch's */
10: beq $0, $0, 11f
    break
11: nop

    .data
    .align 3
    .globl fault_probes
fault_probes:
    .dword probe_load_unaligned, 1b, 4
    .dword probe_store_unaligned, 2b, 5
    .dword probe_load_kernel, 3b, 4
    .dword probe_reserved, 4b, 10
    .dword probe_break, 5b, 9
    .dword probe_trap, 6b, 13
    .dword probe_overflow, 7b, 12
    .dword probe_cp0, 8b, 11
    .dword probe_cp2, 9b, 11
    .dword probe_delay_slot, 10b, 9
    .dword 0, 0, 0
