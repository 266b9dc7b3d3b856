#!/usr/bin/env bash
# Renders the entity graph of the seed articles to PNG with Graphviz (Debian: graphviz,
# fonts-noto-core for Arabic glyphs). Usage: bash examples/render_seeds.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-examples/seeds-graph.png}"
cargo build --release --quiet
tmp="$(mktemp -d)"
target/release/isnad export --to dot --out "$tmp/seeds.dot" seeds/ --quiet
dot -Tpng -Gdpi=110 -o "$out" "$tmp/seeds.dot"
rm -rf "$tmp"
echo "wrote $out"
