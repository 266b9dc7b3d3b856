#!/usr/bin/env bash
# The knowledge-graph numbers of the README, reproduced: RDF written per second in each
# format, `isnad build --store` time and size, store load time and memory, SPARQL latency
# of examples/queries/*.rq, and the same at a larger corpus to see where the default
# directory store stops being practical. Prints a markdown table on stdout.
#
#   bash benches/kg_numbers.sh            # 10 MB and 50 MB corpora, seed 42
#   MB=2 BIG_MB=0 bash benches/kg_numbers.sh   # quick run, no large corpus
#
# Needs a release build (built when missing) and GNU time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-10}
BIG_MB=${BIG_MB:-50}
SEED=${SEED:-42}
BIN=${ISNAD:-target/release/isnad}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -x "$BIN" ] || nice cargo build --release >&2
if [ ! -x /usr/bin/time ]; then
    apt-get install -y -qq time >&2
fi

# `/usr/bin/time -v` fields of the last run: wall seconds and peak RSS in MB.
timed() { /usr/bin/time -v -o "$WORK/time" "$@"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$WORK/time"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time"; }

echo "| what | corpus | result |"
echo "| --- | --- | --- |"

corpus="$WORK/c$MB.jsonl"
"$BIN" generate -q --mb "$MB" --seed "$SEED" --out "$corpus"
# Statements per format: quads for the quad formats, union triples for the triple formats.
# N-Quads stream document by document (no separate writing time): its writer is timed on
# a store below.
"$BIN" build -q "$corpus" --format nq --out "$WORK/g.nq"
for f in nt trig ttl rdfxml jsonld; do
    "$BIN" build "$corpus" --format "$f" --out "$WORK/g.$f" 2>"$WORK/log"
    secs=$(sed -n 's/.* quads written as .* in \([0-9.]*\) s (.*/\1/p' "$WORK/log")
    case $f in
        nq | trig | jsonld) n=$(wc -l <"$WORK/g.nq") ; unit=quads ;;
        *) n=$(wc -l <"$WORK/g.nt") ; unit=triples ;;
    esac
    size=$(du -m "$WORK/g.$f" | cut -f1)
    echo "| write $f | $MB MB | $n $unit in $secs s = $(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.2f", n / s / 1e6 }') M $unit/s ($size MB) |"
done
rm -f "$WORK"/g.*

store_numbers() { # corpus-file label
    local c=$1 label=$2 store="$WORK/store"
    rm -rf "$store"
    timed "$BIN" build -q "$c" --store "$store"
    echo "| build --store (dir) | $label | $(wall) s, peak RSS $(rss) MB, $(du -sm "$store" | cut -f1) MB on disk |"
    timed "$BIN" build -q "$c" --format nq --out "$WORK/g.nq"
    echo "| build in memory → nq | $label | $(wall) s, peak RSS $(rss) MB, $(wc -l <"$WORK/g.nq") quads |"
    rm -f "$WORK/g.nq"
    timed "$BIN" query -q --store "$store" --timings 'ASK { ?s ?p ?o }' >/dev/null 2>"$WORK/log"
    load=$(sed -n 's/.*timings: load \([0-9.]*\) s.*/\1/p' "$WORK/log")
    echo "| open store (load + inference) | $label | $load s, peak RSS $(rss) MB |"
    : >"$WORK/empty.jsonl"
    "$BIN" build "$WORK/empty.jsonl" --store "$store" --format nq --out /dev/null 2>"$WORK/log"
    echo "| write nq from the store | $label | $(sed -n 's/.*: \([0-9]*\) quads written as Nq in \([0-9.]*\) s (\([0-9]*\) quads.*/\1 quads in \2 s = \3 quads\/s/p' "$WORK/log") |"
}

store_numbers "$corpus" "$MB MB"
QUERY_TIMEOUT=${QUERY_TIMEOUT:-120}
for q in examples/queries/*.rq; do
    if timeout "$QUERY_TIMEOUT" "$BIN" query -q --store "$WORK/store" --file "$q" --timings --results csv >"$WORK/out" 2>"$WORK/log"; then
        t=$(sed -n 's/.*timings: load .* s, query \([0-9.]*\) s.*/\1/p' "$WORK/log")
        rows=$(($(wc -l <"$WORK/out") - 1))
        echo "| query $(basename "$q" .rq) | $MB MB | $(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }') ms ($rows result lines) |"
    else
        echo "| query $(basename "$q" .rq) | $MB MB | did not finish in $QUERY_TIMEOUT s (load included) |"
    fi
done

if [ "$BIG_MB" != 0 ]; then
    big="$WORK/c$BIG_MB.jsonl"
    "$BIN" generate -q --mb "$BIG_MB" --seed "$SEED" --out "$big"
    store_numbers "$big" "$BIG_MB MB"
fi
