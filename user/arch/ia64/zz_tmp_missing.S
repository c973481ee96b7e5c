    .explicit
    .text
    .global entry_abuse, entry_state, entry_privileged_probe, lean_probe, fault_probes, fpu_regs_fill, fpu_regs_read, scan_count, scan_hits, scan_next, scan_resume, selector_own_cs, selector_scan, utcb_segment_clobber, fuzz_raw, fuzz_raw_regs
entry_abuse: entry_state: entry_privileged_probe: lean_probe: fault_probes: fpu_regs_fill: fpu_regs_read: scan_count: scan_hits: scan_next: scan_resume: selector_own_cs: selector_scan: utcb_segment_clobber: fuzz_raw: fuzz_raw_regs:
    break.i 0x1234
    ;;
