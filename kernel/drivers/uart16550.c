/*
 * 16550 UART, polled: the console of the PC (ia32, x86_64) and of the Malta board
 * (mips64). How a register is reached (port I/O or MMIO) is the board's uart_io.h.
 */
#include <generic/hal.h>
#include <port/plat/uart_io.h>       /* how the board reaches the UART's registers */

enum { THR = 0, IER = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5, DLL = 0, DLM = 1 };
enum { LSR_THR_EMPTY = 0x20, LCR_8N1 = 0x03, LCR_DLAB = 0x80 };

void hal_console_init(void)
{
    uart_write(IER, 0x00);              /* polled: no interrupts */
    uart_write(LCR, LCR_DLAB);
    uart_write(DLL, 0x01);              /* 115200 baud */
    uart_write(DLM, 0x00);
    uart_write(LCR, LCR_8N1);
    uart_write(FCR, 0x07);              /* enable and clear the FIFOs */
    uart_write(MCR, 0x03);
}

void hal_console_putc(char c)
{
    while (!(uart_read(LSR) & LSR_THR_EMPTY))
        ;
    uart_write(THR, (unsigned char)c);
}
