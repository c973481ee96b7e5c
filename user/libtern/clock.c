/* The cycle counter against instructions: the known loop run for two lengths, each timed
 * a few times; the fewest ticks of each wins (a timer interrupt only adds ticks), and
 * their difference cancels the call and the reads. */
#include "libtern.h"

static unsigned long long ticks_of(unsigned long iterations)
{
    unsigned long long start = tern_cycles();
    tern_known_loop(iterations);
    return tern_cycles() - start;
}

unsigned long tern_instructions_per_kilotick(void)
{
    const unsigned long shorter = 20000, longer = 60000;   /* well inside one timer tick */
    unsigned long long fewest_short = ~0ULL, fewest_long = ~0ULL;
    for (int i = 0; i < 7; i++) {
        unsigned long long s = ticks_of(shorter), l = ticks_of(longer);
        if (s < fewest_short)
            fewest_short = s;
        if (l < fewest_long)
            fewest_long = l;
    }
    unsigned long long ticks = fewest_long > fewest_short ? fewest_long - fewest_short : 1;
    return (unsigned long)((unsigned long long)(longer - shorter) * tern_known_loop_step * 1000 / ticks);
}
