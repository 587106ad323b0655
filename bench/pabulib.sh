#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/pabulib.sh: how fast `consult import pabulib` loads a large
# participatory budget, against the generic `consult import votes` of the
# same ballots converted to a votes CSV.
#
#   bench/pabulib.sh [ROUNDS]        (default 3)
#
# BALLOTS (default 65000) and PROJECTS (default 200) change the size; each
# ballot lists 3 projects (195,000 votes by default) and has the age, sex,
# voting_method and neighborhood columns real files have (about 4 MB).
# CONSULT names another consult binary to measure; VOTES_CONSULT another
# one for the votes import only (an older build, as a baseline).
#
# Builds a Release consult in build-release/ (or $BUILD), writes the files
# once into bench/data/ (or $BENCH_DATA) with awk (fixed seed): the .pb
# file, the same projects as an ideas CSV (form reference pabulib:ID) and
# the same ballots as a votes CSV (one row per vote). Then, ROUNDS times,
# alternating, each on a fresh database:
#   consult import pabulib FILE.pb --create-themes         (timed)
#   consult import ideas (the projects; not timed), then
#   consult import votes (the ballots)                     (timed)
# and prints each run and the medians, with the median of the rounds'
# ratios votes / pabulib: wall-clock seconds, and, where /usr/bin/time is
# there, the processor seconds (user + system) each import took, which a
# machine busy with other work changes much less.
set -eu

ROUNDS=${1:-3}
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRC/build-release}
DATA=${BENCH_DATA:-$SRC/bench/data}
BALLOTS=${BALLOTS:-65000}
PROJECTS=${PROJECTS:-200}

mkdir -p "$DATA"
if [ -z "${CONSULT:-}" ]; then
    [ -f "$BUILD/CMakeCache.txt" ] \
        || cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD" --target consult -j2 >/dev/null
    CONSULT=$BUILD/consult
fi
VOTES_CONSULT=${VOTES_CONSULT:-$CONSULT}

PB=$DATA/pb-$BALLOTS-$PROJECTS-v2.pb
IDEAS=$DATA/pb-$BALLOTS-$PROJECTS-v2.ideas.csv
VOTES=$DATA/pb-$BALLOTS-$PROJECTS-v2.votes.csv
if [ ! -s "$PB" ]; then
    awk -v B="$BALLOTS" -v P="$PROJECTS" -v pb="$PB" -v ideas="$IDEAS" \
        -v votes="$VOTES" 'BEGIN {
        srand(14)
        split("Groen,Jeugd,Sport,Armoede,Verkeer,Cultuur", cat, ",")
        split("Centrum-Oost,Westerpark-Noord,Zuidoost-Gaasperdam," \
              "Nieuw-West-Osdorp,Oud-Zuid-Rivierenbuurt", hood, ",")
        print "META" >pb
        print "key;value" >pb
        print "description;Bench budget" >pb
        print "country;Netherlands" >pb
        print "unit;Benchstad" >pb
        print "instance;2026" >pb
        print "num_projects;" P >pb
        print "num_votes;" B >pb
        print "vote_type;approval" >pb
        print "PROJECTS" >pb
        print "project_id;cost;votes;name;category;target" >pb
        print "consultation,theme,form_ref,title,body,channel" >ideas
        for (p = 1; p <= P; p++) {
            id[p] = 10000 + p
            c = cat[1 + (p % 6)]
            name[p] = "Project number " p " for the neighbourhood"
            theme[p] = c
        }
        # The ballots first, to count each project votes.
        for (b = 1; b <= B; b++) {
            n = 0
            while (n < 3) {
                k = 1 + int(rand() * P)
                if (k == s1 || k == s2) continue
                n++
                if (n == 1) s1 = k; else if (n == 2) s2 = k; else s3 = k
            }
            bal[b] = id[s1] "," id[s2] "," id[s3]
            cnt[s1]++; cnt[s2]++; cnt[s3]++
            s1 = s2 = s3 = 0
        }
        for (p = 1; p <= P; p++) {
            print id[p] ";" (1000 * (1 + p % 40)) ";" cnt[p] ";" name[p] \
                ";" theme[p] ";adults" >pb
            print "PB," theme[p] ",pabulib:" id[p] "," name[p] "," \
                name[p] ",web" >ideas
        }
        print "VOTES" >pb
        print "voter_id;vote;age;sex;voting_method;neighborhood" >pb
        print "idea_form_ref,participant_ref,channel" >votes
        for (b = 1; b <= B; b++) {
            vid = "1" sprintf("%010d", b * 7)
            print vid ";" bal[b] ";" (18 + b % 60) ";" (b % 2 ? "F" : "M") \
                ";" (b % 3 ? "internet" : "paper") ";" hood[1 + b % 5] >pb
            split(bal[b], v, ",")
            ch = b % 3 ? "web" : "paper"
            for (k = 1; k <= 3; k++)
                print "pabulib:" v[k] ",pabulib:Benchstad-2026:" vid "," ch \
                    >votes
        }
    }'
fi
echo "pb: $(wc -c <"$PB") bytes, $BALLOTS ballots, $((BALLOTS * 3)) votes;" \
     "votes csv: $(wc -c <"$VOTES") bytes; consult: $CONSULT"
[ "$VOTES_CONSULT" = "$CONSULT" ] \
    || echo "import votes by: $VOTES_CONSULT"

DB=$DATA/pabulib-bench.db
fresh() {
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.key"
    "$CONSULT" --db "$DB" init >/dev/null
    "$CONSULT" --db "$DB" consultation add --code PB --title Bench >/dev/null
}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# Run "$@", its processor seconds (user + system) into $DATA/cpu; 0 when
# /usr/bin/time is missing.
timed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$DATA/cpu.raw" "$@"
        awk '{ printf "%.3f", $1 + $2 }' "$DATA/cpu.raw" >"$DATA/cpu"
    else
        "$@"
        printf 0 >"$DATA/cpu"
    fi
}

: >"$DATA/pabulib-times"
r=1
while [ "$r" -le "$ROUNDS" ]; do
    fresh
    t0=$(now)
    timed "$CONSULT" --db "$DB" import pabulib "$PB" --consultation PB \
        --create-themes >/dev/null
    t1=$(now)
    pbt=$(secs "$t0" "$t1")
    pbc=$(cat "$DATA/cpu")

    fresh
    for c in Groen Jeugd Sport Armoede Verkeer Cultuur; do
        "$CONSULT" --db "$DB" theme add --consultation PB --code "$c" \
            --title "$c" >/dev/null
    done
    "$CONSULT" --db "$DB" import ideas "$IDEAS" --no-progress >/dev/null
    t0=$(now)
    timed "$VOTES_CONSULT" --db "$DB" import votes "$VOTES" --consultation PB \
        --no-progress >/dev/null
    t1=$(now)
    vt=$(secs "$t0" "$t1")
    vc=$(cat "$DATA/cpu")
    echo "round $r: import pabulib $pbt s ($pbc s cpu)," \
         "import votes $vt s ($vc s cpu)"
    echo "$pbt $vt $pbc $vc" >>"$DATA/pabulib-times"
    r=$((r + 1))
done
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.key"
awk '{ p[NR] = $1; v[NR] = $2; q[NR] = $2 / $1
       pc[NR] = $3; vc[NR] = $4; qc[NR] = $3 > 0 ? $4 / $3 : 0 }
    function med(a, n,   i, j, t) {
        for (i = 2; i <= n; i++)
            for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
                t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
            }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        printf "median: import pabulib %.3f s, import votes %.3f s," \
               " votes / pabulib %.2f\n", med(p, NR), med(v, NR), med(q, NR)
        if (pc[1] > 0)
            printf "median cpu: import pabulib %.3f s, import votes" \
                   " %.3f s, votes / pabulib %.2f\n", med(pc, NR),
                   med(vc, NR), med(qc, NR)
        print "goal: pabulib under 1 s where votes take 1.6 s," \
              " votes / pabulib at least 1.60"
    }' "$DATA/pabulib-times"
