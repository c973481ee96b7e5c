/* tbench on Tern: the clock is the CPU's cycle counter as libtern reads it, its rate is
 * the one the kernel measured at boot (KIP), output goes to the debug console. */
#include "libtern.h"
#include "tb_platform.h"

/* stopped_clock (bench/guest/args.h): the clock reads 0, so that nothing a run prints
 * depends on a counter that follows host time (the counted boots under Ski). */
int bench_clock_stopped;

unsigned long long tb_clock(void) { return bench_clock_stopped ? 0 : tern_cycles(); }
unsigned long tb_clock_khz(void) { return (unsigned long)tern_kip()->cycle_counter_khz; }
void tb_putc(char c) { tern_putc(c); }
