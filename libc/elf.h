/* The parts of ELF a loader reads, for the word size of the build: the kernel loads the
 * root task with it, the root task its payloads. */
#ifndef TERN_ELF_H
#define TERN_ELF_H
#include <tern/abi.h>

typedef struct {
    unsigned char ident[16];
    unsigned short type, machine;
    unsigned version;
    tern_word_t entry, phoff, shoff;
    unsigned flags;
    unsigned short ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf_header_t;

#if TERN_WORD_BITS == 64
typedef struct {
    unsigned type, flags;
    tern_word_t offset, vaddr, paddr, filesz, memsz, align;
} elf_phdr_t;
#else
typedef struct {
    unsigned type;
    tern_word_t offset, vaddr, paddr, filesz, memsz;
    unsigned flags;
    tern_word_t align;
} elf_phdr_t;
#endif

#define ELF_CLASS (TERN_WORD_BITS == 64 ? 2 : 1)
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#endif
