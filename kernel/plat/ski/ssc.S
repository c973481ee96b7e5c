/*
 * Ski's simulator system calls (SSC): `break.i 0x80001` with the call number in r15 and
 * the arguments in r32..r35 of the current frame. Called as a C function without its
 * own `alloc`, this stub's r32..r36 are the caller's out0..out4.
 *   long ski_ssc(long a0, long a1, long a2, long a3, long number);
 */
    .explicit
    .text
    .global ski_ssc
    .proc ski_ssc
ski_ssc:
    mov r15 = r36
    ;;
    break.i 0x80001
    ;;
    br.ret.sptk.many b0
    .endp ski_ssc
