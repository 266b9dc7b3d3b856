#!/usr/bin/env bash
# isnad vs the Python pipeline a user would build instead (shared/peers/), side by side in one run.
#
#   bash benches/compare_peers.sh                 # MB=10, peak memory also at BIG_MB=10×MB
#   MB=5 BIG_MB=25 bash benches/compare_peers.sh  # quicker
#
# One corpus (from `isnad generate`, or with CORPUS=peer from the peer's own gen_corpus.py,
# whose entities its gazetteer knows) is fed to both: the peer pipeline (spaCy rules -> rdflib ->
# networkx -> GEXF) with pyoxigraph's anchors on the peer's N-Quads, and isnad's extract, build
# (N-Quads and --store), analyze and export. Prints a markdown table of ratios (isnad ÷ peer).
# Env: MB, BIG_MB, GRAPH_SIZES (fact records of the graph benchmark, default 10000,100000), WORK (scratch folder), PEERS_DIR (if ../shared/peers is not next to the repo),
# PEERS_VENV (default /tmp/peers-venv), CORPUS (isnad, the default, or peer), PROFILE (cargo profile of the isnad binary, default dist), CEILING_BENCH=1 (also run `cargo bench --bench throughput`),
# RUNS (default 3: the extraction and N-Quads runs of isnad, the grep ceiling and the peer
# pipeline are each run RUNS times and the fastest kept, for both sides alike; this
# machine's timings vary by up to 40% from run to run).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$(cd "$(dirname "$0")/../.." && pwd)/shared"
if [ -d "$SHARED/peers" ]; then PEERS="$SHARED/peers"; else PEERS="${PEERS_DIR:?set PEERS_DIR to shared/peers}"; fi
PEERS_VENV="${PEERS_VENV:-/tmp/peers-venv}"
export PEERS_VENV
MB="${MB:-10}"
RUNS="${RUNS:-3}"
BIG_MB="${BIG_MB:-$((MB * 10))}"
WORK="${WORK:-$(mktemp -d /tmp/isnad-compare.XXXXXX)}"
mkdir -p "$WORK"
NCPU="$(nproc)"
PY="$PEERS_VENV/bin/python"
# PROFILE (default dist: fat LTO, see Cargo.toml; release for the tests' build)
PROFILE="${PROFILE:-dist}"
ISNAD="$ROOT/target/$PROFILE/isnad"
RES="$WORK/results.tsv"
: > "$RES"
log() { printf '== %s\n' "$*" >&2; }

# 1. the peers' venv
if ! "$PY" -c 'import spacy, rdflib, networkx, pyoxigraph' 2>/dev/null; then
  log "setting up $PEERS_VENV"
  nice bash "$PEERS/setup.sh"
fi

# 2. isnad in release
log "cargo build --profile $PROFILE"
(cd "$ROOT" && nice cargo build --profile "$PROFILE" --quiet)

# run NAME CMD...: wall seconds (ns clock) and peak RSS (GNU time -v) into results.tsv
run() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$WORK/$name.time" "$@"
  t1=$(date +%s%N)
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/$name.time")
  printf '%s\t%s\t%s\n' "$name" "$(awk "BEGIN{print ($t1-$t0)/1e9}")" "$rss" >> "$RES"
  log "$name: $(tail -1 "$RES" | cut -f2) s, $rss kB"
}
# best NAME CMD...: like run, RUNS times; the fastest run is kept (its peak RSS with it)
best() {
  local name="$1"; shift
  local i
  for i in $(seq "$RUNS"); do run "$name.$i" "$@"; done
  sort -t$'\t' -k2,2g <(grep -P "^\Q$name\E\.\d+\t" "$RES") | head -1 | sed "s/^$name\.[0-9]*/$name/" >> "$RES"
}
note() { printf '%s\t%s\n' "$1" "$2" >> "$WORK/notes.tsv"; }
: > "$WORK/notes.tsv"

# 3. one corpus (and a BIG_MB one for the memory check)
log "generate $MB MB and $BIG_MB MB (${CORPUS:-isnad} generator)"
case "${CORPUS:-isnad}" in
  isnad)
    "$ISNAD" -q generate --mb "$MB" --seed 42 --out "$WORK/corpus.jsonl"
    "$ISNAD" -q generate --mb "$BIG_MB" --seed 42 --out "$WORK/big.jsonl"
    note corpus "\`isnad generate --seed 42\`" ;;
  peer)
    python3 "$PEERS/gen_corpus.py" --mb "$MB" --seed 42 --out "$WORK/corpus.jsonl" > /dev/null
    python3 "$PEERS/gen_corpus.py" --mb "$BIG_MB" --seed 42 --out "$WORK/big.jsonl" > /dev/null
    note corpus "the peer's \`gen_corpus.py --seed 42\`" ;;
  *) echo "CORPUS must be isnad or peer" >&2; exit 2 ;;
esac
note bytes "$(stat -c %s "$WORK/corpus.jsonl")"
note big_bytes "$(stat -c %s "$WORK/big.jsonl")"
note ncpu "$NCPU"

# 5. isnad on the same input (run first: it is the quick part). The one-core runs are pinned to
# one CPU (taskset): with --jobs 1 the reading and writing thread would otherwise use a
# second core beside the worker.
C="$WORK/corpus.jsonl"
ONE_CORE=""
if command -v taskset > /dev/null; then ONE_CORE="taskset -c 0"; fi
best extract_j1 sh -c "nice $ONE_CORE '$ISNAD' -q extract --jobs 1 '$C' > '$WORK/facts.j1.jsonl'"
best extract_jN sh -c "nice '$ISNAD' -q extract --jobs $NCPU '$C' > '$WORK/facts.jN.jsonl'"
cmp -s "$WORK/facts.j1.jsonl" "$WORK/facts.jN.jsonl" && note jobs_identical yes || note jobs_identical NO
note facts "$(wc -l < "$WORK/facts.j1.jsonl")"
best build_nq_j1 nice $ONE_CORE "$ISNAD" -q build --format nq --jobs 1 "$C" --out "$WORK/isnad.nq"
best build_nq_jN nice "$ISNAD" -q build --format nq --jobs "$NCPU" "$C" --out /dev/null
note quads "$(wc -l < "$WORK/isnad.nq")"
rm -rf "$WORK/store"
run build_store nice "$ISNAD" -q build --store "$WORK/store" "$C"
# the serialiser alone, like pyoxigraph's dump: the store's quads written as N-Quads (no input
# documents; isnad prints its own write rate, the line parsed by compare_peers.py)
: > "$WORK/empty.jsonl"
run write_nq sh -c "nice '$ISNAD' build '$WORK/empty.jsonl' --store '$WORK/store' --format nq --out /dev/null 2> '$WORK/write_nq.err'"
run analyze sh -c "nice '$ISNAD' -q analyze --store '$WORK/store' --json > '$WORK/analyze.json'"
run export_gexf nice "$ISNAD" -q export --store "$WORK/store" --to gexf --out "$WORK/isnad.gexf"
# peak memory at BIG_MB: output to /dev/null (the N-Quads would be ~30× the input)
B="$WORK/big.jsonl"
run big_extract_jN sh -c "nice '$ISNAD' -q extract --jobs $NCPU '$B' > /dev/null"
run big_build_nq_jN sh -c "nice '$ISNAD' -q build --format nq --jobs $NCPU '$B' > /dev/null"
run big_build_nq_j1 sh -c "nice $ONE_CORE '$ISNAD' -q build --format nq --jobs 1 '$B' > /dev/null"
# the ceiling: the same bytes scanned for the rules' trigger words (the words of benches/throughput.rs), no rules
printf '%s\n' زار التقى يتوجه فرضت مناورات عقوبات حليفتين دعما الرئيس وزير > "$WORK/triggers"
best ceiling_grep sh -c "LC_ALL=C grep -c -F -f '$WORK/triggers' '$C' > '$WORK/grep.count'"
if [ "${CEILING_BENCH:-0}" = 1 ]; then
  log "cargo bench --bench throughput"
  (cd "$ROOT" && ISNAD_BENCH_MB="$MB" nice cargo bench --bench throughput 2>/dev/null) | tee "$WORK/throughput.txt" >&2
fi

# 4. the peer pipeline on the same corpus, then pyoxigraph's anchors on its N-Quads (rdflib's are in the pipeline)
log "peer pipeline, $RUNS runs (about 1 min each at 10 MB)"
for i in $(seq "$RUNS"); do
  run "peer_pipeline.$i" sh -c "nice '$PY' '$PEERS/peer_pipeline.py' --input '$C' --out-dir '$WORK/peers-out' --json '$WORK/peer.$i.json' > /dev/null"
done
log "rdf_limits.py --skip-rdflib"
run peer_rdf_limits sh -c "nice '$PY' '$PEERS/rdf_limits.py' --input '$WORK/peers-out/corpus.nq' --skip-rdflib --json '$WORK/rdf.json' > /dev/null"

# 6. the table
python3 "$ROOT/benches/compare_peers.py" "$WORK"

# 7. PageRank, exact betweenness and Louvain in the same run: isnad, networkx and igraph on
#    one seeded entity graph (GRAPH_SIZES fact records; the 1M-record size takes ~10 min more).
log "graph analyses: isnad vs networkx vs igraph (sizes ${GRAPH_SIZES:-10000,100000})"
echo
echo "Graph analyses on the same graph (fact records ${GRAPH_SIZES:-10000,100000}; ratio = peer ÷ isnad):"
echo
ISNAD_GRAPH_SIZES="${GRAPH_SIZES:-10000,100000}" ISNAD_GRAPH_OUT="$WORK/graph" ISNAD_VENV="$PEERS_VENV" \
  bash "$ROOT/benches/graph_vs_networkx.sh"
log "raw numbers in $WORK"
