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
5:  movq %cr0, %rax
probe_noncanonical:                     /* #GP: a non-canonical address */
    movabsq $0x8000000000000000, %rax
6:  movq (%rax), %rax

    .data
    .align 8
    .globl fault_probes
fault_probes:
    .quad probe_divide, 1b, 0
    .quad probe_invalid, 2b, 6
    .quad probe_int3, 3b, 13
    .quad probe_hlt, 4b, 13
    .quad probe_cr0, 5b, 13
    .quad probe_noncanonical, 6b, 13
    .quad 0, 0, 0
