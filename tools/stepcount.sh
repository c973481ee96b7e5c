#!/bin/sh
# Kernel-only instruction counts of IPC on x86_64: boots build/x86_64 under QEMU
# (-icount, gdb stub) and runs tools/stepcount.py in gdb. Build first (./tern build).
set -eu
B=${1:-build/x86_64}
PORT=${PORT:-1234}
PINGPONG=$(nm "$B/guest_tests.elf" | awk '$3 == "pingpong" { print $1 }')
qemu-system-x86_64 -icount shift=0,sleep=off -gdb tcp::$PORT -S -nodefaults -display none \
    -serial file:/dev/null -no-reboot -m 256 -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel "$B/kernel.img" -initrd "$B/guest_tests.elf,$B/echo.elf" &
QEMU=$!
trap 'kill $QEMU 2>/dev/null || true' EXIT
PORT=$PORT PINGPONG=$PINGPONG gdb -q -batch -nx "$B/kernel.elf" -x tools/stepcount.py 2>&1 | grep STEPCOUNT
