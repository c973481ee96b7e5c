#ifndef TERN_BANNER_H
#define TERN_BANNER_H
/* The first line every Tern kernel prints; the host harness matches it. */
void print_banner(void);
#endif
