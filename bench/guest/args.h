/* What the host asks of a benchmark run, read from boot module 1 (a text file):
 *   clock instructions|cycles     what the cycle counter counts in this emulator run
 *   clock_meaning <sentence>
 *   clock_per_tick measured       the counter is instructions per tick times ticks: the
 *                                 guest measures the ratio against a loop of known length
 *   repetitions N
 *   min_time_us N                 per run, in guest-clock microseconds
 *   iterations N                  every run exactly N iterations (no growing to min_time):
 *                                 the host counts from the emulator's totals of two boots
 *   stopped_clock                 the clock reads 0 (those boots: nothing they print may
 *                                 depend on a counter that follows host time)
 *   select <instance name>        repeated; none selects everything
 *   context <key> <value>         repeated; extra JSON context pairs
 *   list                          only list the instance names */
#ifndef BENCH_ARGS_H
#define BENCH_ARGS_H
#include "tbench.h"

/* Fills o from the module; returns 0, or -1 with a message printed when it is malformed. */
int bench_args(struct tb_options *o);
#endif
