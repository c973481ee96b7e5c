/*
 * One faulting instruction each, for the exception-IPC guest test (tests_spaces.c):
 * fault_probes is a table of { probe, the ip the kernel must report, the vector it must
 * report }, ended by a zero probe. A probe never returns: the test's handler resumes
 * the thread elsewhere.
 */
    .text
probe_divide:                           /* #DE */
    xorl %ecx, %ecx
1:  divl %ecx
    .globl probe_invalid                /* also the suite's "an invalid instruction" */
probe_invalid:                          /* #UD */
2:  ud2
probe_int3:                             /* #GP: only the system-call gate is open to user mode */
3:  int3
probe_hlt:                              /* #GP: a privileged instruction */
4:  hlt
probe_cr0:                              /* #GP */
5:  movl %cr0, %eax
probe_bound:                            /* #BR: an index outside its bounds */
    pushl $1
    pushl $0
    movl $5, %eax
6:  .byte 0x62, 0x04, 0x24                 /* bound %eax, (%esp): LLVM has no mnemonic */

    .data
    .align 4
    .globl fault_probes
fault_probes:
    .long probe_divide, 1b, 0
    .long probe_invalid, 2b, 6
    .long probe_int3, 3b, 13
    .long probe_hlt, 4b, 13
    .long probe_cr0, 5b, 13
    .long probe_bound, 6b, 5
    .long 0, 0, 0
