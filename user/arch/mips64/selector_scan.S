/* MIPS has no segment selectors: selector_scan(kind) is -1 (user/guest_tests/tests_fixes.c
 * skips), scan_resume is never reached, selector_own_cs() is 0, utcb_segment_clobber()
 * is -1. */
    .set noreorder
    .text
    .globl selector_scan, scan_resume, selector_own_cs
selector_scan:
scan_resume:
    jr $31
    li $2, -1
selector_own_cs:
    jr $31
    move $2, $0
    .globl utcb_segment_clobber
utcb_segment_clobber:
    jr $31
    li $2, -1
    .data
    .globl scan_next, scan_count, scan_hits
scan_next: .word 0
scan_count: .word 0
scan_hits: .2byte 0
