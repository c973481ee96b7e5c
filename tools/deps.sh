#!/bin/sh
# Install the Debian packages a ./tern command needs; silent when all are present.
# Usage: tools/deps.sh GROUP...   (groups: build emulators bench report browser debugger linux ia64)
set -eu

pkgs_build="scons python3-jinja2 clang-14 lld-14 llvm-14"
pkgs_emulators="qemu-system-x86 qemu-system-mips"
# bench: compare.py (Google Benchmark's tool) and what it and our schema check import;
# report: the plots; browser: the report's rendering test.
pkgs_bench="libbenchmark-tools python3-scipy python3-numpy python3-jsonschema"
pkgs_report="python3-matplotlib"
pkgs_browser="chromium"
# debugger: tools/stepcount.sh single-steps guests through QEMU's gdb stub.
pkgs_debugger="gdb-multiarch"
# linux: the Linux baseline's static program (ternhost/bench/linux.py; the kernel itself is
# fetched with apt-get download, not installed).
pkgs_linux="gcc libc6-dev"
# ia64: GCC 12 is built from Debian's source package against Debian's ia64 binutils.
pkgs_ia64="binutils-ia64-linux-gnu gcc-12-source g++ make flex bison xz-utils libgmp-dev libmpfr-dev libmpc-dev"

wanted=""
for group in "$@"; do
    eval "wanted=\"\$wanted \$pkgs_$group\""
done

missing=""
for p in $wanted; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "setup: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup: need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    echo "setup: apt-get failed:" >&2
    tail -20 "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
