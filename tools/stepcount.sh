#!/bin/sh
# Guest instructions of ping-pong round trips, single-stepped in gdb, kernel stays apart:
#   tools/stepcount.sh [--arch A] [--take N]     (builds first; see ternhost/stepcount.py)
set -eu
cd "$(dirname "$0")/.."
tools/deps.sh build emulators debugger
exec /usr/bin/python3 -m ternhost.stepcount "$@"
