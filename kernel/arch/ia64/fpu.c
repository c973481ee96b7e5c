/*
 * The FP registers on ia64, for the owner logic of generic/core/fpu_owner.c: f2-f5 and
 * f12-f127 belong to one owner at a time, and a thread runs with psr.dfl and psr.dfh set
 * in its frame unless it is the owner, so its first use of either partition raises the
 * Disabled FP-Register fault (IVT 0x5500): the trap. The bits move from the new owner's
 * frame to the old one's; as each frame keeps its own, a switch changes nothing (the fast
 * path sets them in the destination's frame). The kernel allocates only f6-f11 (port.toml
 * cflags), which every entry saves with ar.fpsr; it names the rest only here.
 */
#include <tern/kernel/frame.h>

#include <arch/ia64/ia64.h>
#include <generic/hal.h>

_Static_assert(FPU_STATE_BYTES == 120 * 16, "the FPU state is f2-f5 and f12-f127, spilled 16 bytes each");

#define OWNED_FP(X) \
    X(2) X(3) X(4) X(5) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) \
    X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31) \
    X(32) X(33) X(34) X(35) X(36) X(37) X(38) X(39) X(40) X(41) X(42) X(43) \
    X(44) X(45) X(46) X(47) X(48) X(49) X(50) X(51) X(52) X(53) X(54) X(55) \
    X(56) X(57) X(58) X(59) X(60) X(61) X(62) X(63) X(64) X(65) X(66) X(67) \
    X(68) X(69) X(70) X(71) X(72) X(73) X(74) X(75) X(76) X(77) X(78) X(79) \
    X(80) X(81) X(82) X(83) X(84) X(85) X(86) X(87) X(88) X(89) X(90) X(91) \
    X(92) X(93) X(94) X(95) X(96) X(97) X(98) X(99) X(100) X(101) X(102) X(103) \
    X(104) X(105) X(106) X(107) X(108) X(109) X(110) X(111) X(112) X(113) X(114) X(115) \
    X(116) X(117) X(118) X(119) X(120) X(121) X(122) X(123) X(124) X(125) X(126) X(127)

void hal_fpu_save(struct hal_context *c)
{
#define SAVE(n) "stf.spill [%0] = f" #n ", 16 ;;\n\t"
    void *p = c->fpu;
    __asm__ __volatile__(OWNED_FP(SAVE) : "+r"(p) : : "memory");
#undef SAVE
}

void hal_fpu_load(struct hal_context *c)
{
#define LOAD(n) "ldf.fill f" #n " = [%0], 16 ;;\n\t"
    void *p = c->fpu;
    __asm__ __volatile__(OWNED_FP(LOAD) : "+r"(p) : : "memory");
#undef LOAD
}

void hal_fpu_fresh(void)
{
#define ZERO(n) "mov f" #n " = f0 ;;\n\t"
    __asm__ __volatile__(OWNED_FP(ZERO) : : : "memory");
#undef ZERO
}

/* Only the owner's frame runs with dfl and dfh clear; the kernel needs neither. */
void hal_fpu_grant(struct hal_context *ctx) { ctx->frame->ipsr &= ~(PSR_DFL | PSR_DFH); }
void hal_fpu_revoke(struct hal_context *ctx) { ctx->frame->ipsr |= PSR_DFL | PSR_DFH; }
void hal_fpu_kernel_use(int on) { (void)on; }
void hal_fpu_running(int owner) { (void)owner; }   /* not called: HAL_FPU_TRAP_PER_CPU is 0 */
