/* Freestanding C shared by the kernel and user programs (each links its own copy):
 * memory and string functions, and a printf-style formatter over a put-character call. */
#ifndef TERN_FREESTANDING_H
#define TERN_FREESTANDING_H
#include <stdarg.h>

void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);
unsigned long strlen(const char *s);
int strcmp(const char *a, const char *b);

/* %s %c %d %u %x %p %%, l modifiers, a zero-padding width; word-sized arithmetic only,
 * so 32-bit arches need no 64-bit division helpers. */
void vformat(void (*put)(char), const char *fmt, va_list ap);
#endif
