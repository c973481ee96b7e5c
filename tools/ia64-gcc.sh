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
rm -rf "$CACHE"/build.*                       # a failed or interrupted earlier attempt
WORK=$(mktemp -d "$CACHE/build.XXXXXX")
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
# The dfsg tarball has no GFDL docs, so genhooks cannot regenerate tm.texi and make stops
# at s-tm-texi; the stamp tells make the docs are current. It must postdate
# build/genhooks, and install re-checks it, hence the retry around every make.
make_past_texi() {
    tries=0
    until make "$@" >>"$LOG" 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -gt 3 ] || ! tail -5 "$LOG" | grep -q "s-tm-texi"; then
            echo "ia64-gcc: 'make $*' failed; the build is kept in $WORK, last lines of $LOG:" >&2
            tail -20 "$LOG" >&2
            exit 1
        fi
        touch gcc/s-tm-texi
    done
}
make_past_texi -j"$jobs" all-gcc
make_past_texi -j"$jobs" all-target-libgcc

step "[4/4] installing into $PREFIX"
make_past_texi install-gcc install-target-libgcc
touch "$PREFIX/.complete"
cd "$CACHE"
rm -rf "$WORK"
step "done in $(( $(date +%s) - start )) s"
echo "$PREFIX/bin"
