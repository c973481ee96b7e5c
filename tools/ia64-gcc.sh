#!/bin/sh
# Build a C-only GCC 12 cross compiler for ia64 from Debian's gcc-12-source, once.
# The result lives in a cache outside the repository and is reused by later runs
# (and by every clone on this machine). Prints the compiler's bin directory.
set -eu

SRC_TARBALL=/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz
VERSION=12.2.0
KEY="ia64-linux-gnu-gcc-$VERSION-r1"            # bump r<N> when the recipe changes
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tern"
PREFIX="$CACHE/$KEY"
LOG="$CACHE/$KEY.log"

if [ -f "$PREFIX/.complete" ]; then
    echo "$PREFIX/bin"
    exit 0
fi

[ -f "$SRC_TARBALL" ] || { echo "ia64-gcc: $SRC_TARBALL missing (package gcc-12-source)" >&2; exit 1; }
command -v ia64-linux-gnu-as >/dev/null || { echo "ia64-gcc: ia64-linux-gnu-as missing (package binutils-ia64-linux-gnu)" >&2; exit 1; }

mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
: > "$LOG"
step() { echo "ia64-gcc: $* (log: $LOG)" >&2; }

start=$(date +%s)
step "building GCC $VERSION for ia64, once (about 20 minutes on 2 cores)"
step "[1/4] unpacking"
tar -C "$WORK" -xf "$SRC_TARBALL" >>"$LOG" 2>&1
mkdir "$WORK/build"
cd "$WORK/build"

step "[2/4] configuring"
CFLAGS="-O2 -g0" CXXFLAGS="-O2 -g0" \
"$WORK/gcc-$VERSION/configure" \
    --target=ia64-linux-gnu --prefix="$PREFIX" \
    --with-as=/usr/bin/ia64-linux-gnu-as --with-ld=/usr/bin/ia64-linux-gnu-ld \
    --enable-languages=c --without-headers --with-newlib \
    --disable-shared --disable-threads --disable-multilib --disable-nls \
    --disable-bootstrap --disable-libssp --disable-libquadmath --disable-libgomp \
    --disable-libatomic --disable-libitm --disable-libvtv --disable-libsanitizer \
    --disable-decimal-float --disable-lto --disable-plugin --without-isl --without-zstd \
    >>"$LOG" 2>&1

jobs=$(nproc 2>/dev/null || echo 2)
step "[3/4] compiling gcc and libgcc with $jobs jobs"
# The dfsg tarball has no GFDL docs, so genhooks cannot regenerate tm.texi; the stamp
# tells make the docs are current. It must postdate build/genhooks, hence the retry.
tries=0
until make -j"$jobs" all-gcc >>"$LOG" 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 3 ] || ! grep -q "No place specified to document hook\|s-tm-texi" "$LOG"; then
        echo "ia64-gcc: build failed, last lines of $LOG:" >&2; tail -20 "$LOG" >&2; exit 1
    fi
    touch gcc/s-tm-texi
done
make -j"$jobs" all-target-libgcc >>"$LOG" 2>&1 || { echo "ia64-gcc: libgcc failed, see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }

step "[4/4] installing into $PREFIX"
make install-gcc install-target-libgcc >>"$LOG" 2>&1
touch "$PREFIX/.complete"
step "done in $(( $(date +%s) - start )) s"
echo "$PREFIX/bin"
