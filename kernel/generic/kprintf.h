/* Kernel console output: a small printf over the HAL console. */
#ifndef TERN_KPRINTF_H
#define TERN_KPRINTF_H

#include <stdarg.h>

void kputs(const char *s);
/* %s %c %d %u %x %lx %lu %ld %p %%; a width digit after % pads numbers with zeros. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);

#endif
