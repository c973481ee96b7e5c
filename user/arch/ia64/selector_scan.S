/* ia64 user code has no segment selectors: selector_scan(kind) is -1 (user/guest_tests/
 * tests_fixes.c skips), scan_resume is never reached, selector_own_cs() is 0,
 * utcb_segment_clobber() is -1. */
    .explicit
    .text
    .global selector_scan, scan_resume, selector_own_cs, utcb_segment_clobber
    .proc selector_scan
selector_scan:
scan_resume:
utcb_segment_clobber:
    mov r8 = -1
    br.ret.sptk.many b0
    ;;
selector_own_cs:
    mov r8 = r0
    br.ret.sptk.many b0
    ;;
    .endp selector_scan
    .data
    .global scan_next, scan_count, scan_hits
scan_next: .long 0
scan_count: .long 0
scan_hits: .short 0
