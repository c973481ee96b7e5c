"""The ia64 kernel image for Ski: Ski loads each loadable segment at its p_vaddr as a
physical address, and the kernel is linked in region 7 (its direct map) with physical
load addresses (p_paddr). The image is the ELF with p_vaddr set to p_paddr in every
PT_LOAD; its entry (link.ld) is already physical."""
import struct

PT_LOAD = 1


def physical_image(elf_bytes):
    """The image's bytes; ValueError for anything but a little-endian ELF64."""
    data = bytearray(elf_bytes)
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        at = phoff + i * phentsize
        p_type, = struct.unpack_from("<I", data, at)
        if p_type == PT_LOAD:
            paddr, = struct.unpack_from("<Q", data, at + 0x18)
            struct.pack_into("<Q", data, at + 0x10, paddr)
    return bytes(data)


def write(source, target):
    with open(source, "rb") as f:
        image = physical_image(f.read())
    with open(target, "wb") as f:
        f.write(image)
