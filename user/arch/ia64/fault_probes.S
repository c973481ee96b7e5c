/*
 * One faulting instruction each, for the exception-IPC guest test (tests_spaces.c):
 * fault_probes is a table of { probe (a function descriptor), the ip the kernel must
 * report (the bundle's address: the slot is in the saved psr.ri), the IVT vector it
 * must report as the code }, ended by a zero probe. A probe never returns: the test's
 * handler resumes the thread elsewhere. probe_invalid (code, called directly) is also
 * the suite's "an invalid instruction". (Not `break 0`: Ski ends the simulation at it.)
 */
    .explicit
    .text
    .align 16
    .proc probes
probes:
probe_break_code:
1:  break.m 0x1                         // a break that is no system call: 0x2c00
    ;;
    .align 16
    .global probe_invalid
probe_invalid:
probe_invalid_code:
2:  mov r8 = cr.ipsr                    // a privileged operation: general exception 0x5400
    ;;
    .align 16
probe_nat_code:
    mov r2 = 1
    adds r3 = -16, r12
    ;;
    mov ar.unat = r2                    // the NaT bit for a fill from a 8-aligned word 0
    ;;
    dep r3 = 0, r3, 0, 9                // address bits 8:3 zero: unat bit 0
    ;;
    ld8.fill r9 = [r3]
    ;;
3:  ld8 r10 = [r9]                      // NaT consumption: 0x5600
    ;;
    .align 16
probe_unaligned_code:
    adds r3 = 1, r12
    ;;
4:  ld8 r10 = [r3]                      // unaligned reference: 0x5a00
    ;;
    .align 16
probe_illegal_code:
5:  data8 0x0000000000000006, 0         // template 0x06 is reserved: illegal operation, 0x5400
    .endp probes

    .data
    .align 8
probe_invalid_fd:                       // function descriptors: entry, gp
    data8 probe_invalid_code, __gp
probe_break:
    data8 probe_break_code, __gp
probe_nat:
    data8 probe_nat_code, __gp
probe_unaligned:
    data8 probe_unaligned_code, __gp
probe_illegal:
    data8 probe_illegal_code, __gp

    .global fault_probes
fault_probes:
    data8 probe_break, 1b, 0x2c00
    data8 probe_invalid_fd, 2b, 0x5400
    data8 probe_nat, 3b, 0x5600
    data8 probe_unaligned, 4b, 0x5a00
    data8 probe_illegal, 5b, 0x5400
    data8 0, 0, 0
