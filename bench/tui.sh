#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/tui.sh: the terminal interface's benchmark (issues 5 and 9).
# Builds an optimised tree in build-bench, generates (once) a database of
# 2,000,000 ideas and 20,000,000 votes (bench/tui/gen.c; an hour on a busy
# machine and about 5 GB: keep it outside the tree and give its path), then
# prints, for the ideas list's model, an idea's page, similar ideas and the
# statistics in-process (bench/tui/bench.c), `consult stats` and the binary
# in a pseudo-terminal (bench/tui/pty.c), the median and worst time of each
# operation with its goal, and for similar ideas and the statistics a
# baseline run alternately (bench.c says which).
#
# Usage: bench/tui.sh [DB [IDEAS VOTES]]
#   DB defaults to build-bench/tui-2m.db; IDEAS and VOTES to 2000000 and
#   20000000 (smaller numbers make a quick trial run). An existing DB is
#   used as it is, whatever its size. BENCH_CLOCK=cpu (processor times,
#   for a machine shared with other work) and BENCH_BASELINES=0 (without
#   the baselines, which take minutes a run at this size) pass through to
#   bench/tui/bench.c.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build-bench
db=${1:-$out/tui-2m.db}
ideas=${2:-2000000}
votes=${3:-20000000}

cmake -S "$root" -B "$out" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    >/dev/null
cmake --build "$out" -j2 --target consult consult_core consult_tuimodel \
    >/dev/null

libs="$out/libconsult_tuimodel.a $out/libconsult_core.a -lsqlite3 -lnettle
      -lcsv -lunistring"
flags="-std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I$root/include -I$root/src/tui"
# shellcheck disable=SC2086
cc $flags -o "$out/tui-gen" "$root/bench/tui/gen.c" $libs
# shellcheck disable=SC2086
cc $flags -o "$out/tui-bench" "$root/bench/tui/bench.c" $libs
cc -O2 -o "$out/tui-pty" "$root/bench/tui/pty.c" -lutil

if [ ! -s "$db" ]; then
    echo "Generating $db: $ideas ideas, $votes votes..." >&2
    "$out/tui-gen" "$db" "$ideas" "$votes"
fi
echo "SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), $(nproc) CPUs"
"$out/tui-bench" "$db" 80 19 "$out/consult"
echo
"$out/tui-pty" "$out/consult" "$db" 7
