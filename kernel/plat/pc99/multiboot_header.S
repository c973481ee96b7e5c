/*
 * The Multiboot v1 header (QEMU -kernel, GRUB): the loader finds it in the image's first
 * 8 KiB (link.ld puts .multiboot first), loads the kernel at its physical address and
 * enters _start in 32-bit protected mode with EAX = the magic, EBX = the boot information.
 */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003          /* page-align modules, give memory info */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .bss
    .globl multiboot_info
    .align 8
multiboot_info: .skip 8              /* EBX at entry: the boot information (physical) */
