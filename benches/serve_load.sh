#!/usr/bin/env bash
# Load test of `isnad serve` on the graph of a generated corpus (default 10 MB): starts the
# server on a free loopback port, sends a fixed number of example queries at 1, 8 and 32
# concurrent clients (benches/serve_load.rs), prints the table for the README, stops it.
# Usage: bash benches/serve_load.sh [MB] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-10}"; requests="${2:-400}"
cargo build --release -q
cargo bench --bench serve_load --no-run -q 2>/dev/null
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/isnad generate --mb "$mb" --seed 7 --out "$work/corpus.jsonl"
target/release/isnad serve "$work/corpus.jsonl" -q --bind 127.0.0.1:0 --timeout 30 2>"$work/log" &
server=$!
for _ in $(seq 600); do grep -q "serving on" "$work/log" && break; sleep 0.2; done
base=$(grep -o 'http://[0-9.:]*' "$work/log" | head -1)
curl -s "$base/health"; echo
echo "corpus: $mb MB generated (seed 7); $(nproc) cores; $(date -u +%F)"
cargo bench --bench serve_load -q -- "$base" "$server" "$requests" 1 8 32
