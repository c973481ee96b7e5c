/* What tbench needs from the machine it runs on; a guest and the host tests define these. */
#ifndef TB_PLATFORM_H
#define TB_PLATFORM_H
unsigned long long tb_clock(void);     /* the cycle counter */
unsigned long tb_clock_khz(void);      /* its rate */
void tb_putc(char c);
#endif
