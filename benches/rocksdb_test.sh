#!/usr/bin/env bash
# The RocksDB backend (`--features rocksdb`), tested end to end on the seeds. Not part of the
# default test run: it installs libclang-dev (bindgen needs it) and compiles RocksDB, which
# takes about 25 minutes on 2 cores. Builds into target/rocksdb so the default build is
# left alone.
#
#   bash benches/rocksdb_test.sh          # install, build, test
#   SKIP_BUILD=1 bash benches/rocksdb_test.sh   # reuse target/rocksdb/release/isnad
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/rocksdb}
BIN="$CARGO_TARGET_DIR/release/isnad"

if [ -z "${SKIP_BUILD:-}" ]; then
    if ! dpkg -s libclang-dev >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev clang >/dev/null
    fi
    nice cargo build --release --features rocksdb
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STORE="$WORK/store"
fail() { echo "rocksdb_test: FAIL: $*" >&2; exit 1; }
count() { # number of quads in the store's named graphs
    "$BIN" query -q --backend rocksdb --store "$STORE" --no-infer --results csv \
        'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -n 1 | tr -d '\r'
}

# Build, then build again: re-ingesting replaces each document graph, nothing is duplicated.
"$BIN" build -q seeds --backend rocksdb --store "$STORE"
first=$(count)
[ "$first" -gt 0 ] || fail "the store is empty after the build"
"$BIN" build -q seeds --backend rocksdb --store "$STORE"
second=$(count)
[ "$first" = "$second" ] || fail "rebuilding changed the quad count: $first then $second"
echo "rocksdb_test: build twice: $second quads both times"

# The same graph as the in-memory build (the store runs the inference once per build, and
# canonicalises typed literals, so quads are compared by count, after inference).
mem=$("$BIN" build -q seeds --format nq | wc -l)
rocks=$("$BIN" build -q seeds --backend rocksdb --store "$STORE" --format nq | wc -l)
[ "$mem" = "$rocks" ] || fail "in-memory build wrote $mem quads, the RocksDB store $rocks"
echo "rocksdb_test: in memory and RocksDB agree: $mem quads"

# Every example query answers, with the same rows as the directory backend.
"$BIN" build -q seeds --store "$WORK/dir"
for q in examples/queries/*.rq; do
    a=$("$BIN" query -q --backend rocksdb --store "$STORE" --file "$q" --results csv | LC_ALL=C sort)
    b=$("$BIN" query -q --store "$WORK/dir" --file "$q" --results csv | LC_ALL=C sort)
    [ -n "$a" ] || fail "$q: no output"
    [ "$a" = "$b" ] || fail "$q: RocksDB and directory stores answer differently"
    echo "rocksdb_test: $(basename "$q"): $(($(wc -l <<<"$a") - 1)) lines, same as the directory store"
done

# explain works on the RocksDB store too.
"$BIN" explain -q --backend rocksdb --store "$STORE" "Li Shangfu" | grep -q "fact" ||
    fail "explain found nothing on the RocksDB store"
echo "rocksdb_test: OK"
