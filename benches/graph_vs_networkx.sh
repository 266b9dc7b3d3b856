#!/usr/bin/env bash
# isnad's entity-graph analyses and exports side by side with networkx and igraph, on the
# same generated graphs, in one run:
#
#   benches/graph_vs_networkx.sh                     # sizes 10000,100000,1000000 (records)
#   ISNAD_GRAPH_SIZES=10000,100000 benches/graph_vs_networkx.sh
#
# 1. makes a venv (${ISNAD_VENV:-/tmp/isnad-venv}) with networkx, scipy, numpy and
#    python-igraph if they are missing;
# 2. runs `cargo bench --bench graph` (release; each size in a child process under
#    /usr/bin/time -v for peak RSS), which also writes the graphs as TSV edge lists;
# 3. runs benches/graph_networkx.py on those edge lists, one process per size, also under
#    /usr/bin/time -v;
# 4. prints a markdown table (step | size | isnad s | networkx s | igraph s | ratios) and
#    the peak RSS per size. Raw JSON lines stay in $OUT (default target/graph-bench).
#
# Estimates (exact betweenness too slow to run) are marked "~"; see the two bench files.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${ISNAD_VENV:-/tmp/isnad-venv}
export ISNAD_GRAPH_SIZES=${ISNAD_GRAPH_SIZES:-10000,100000,1000000}
OUT=${ISNAD_GRAPH_OUT:-$PWD/target/graph-bench}
export ISNAD_GRAPH_OUT=$OUT
mkdir -p "$OUT"

if [ ! -x /usr/bin/time ]; then
    echo "installing Debian's time (for peak RSS)" >&2
    apt-get install -y time >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import networkx, scipy, numpy, igraph' 2>/dev/null; then
    "$VENV/bin/pip" install -q networkx scipy numpy python-igraph
fi

echo "== isnad (cargo bench --bench graph, sizes $ISNAD_GRAPH_SIZES)" >&2
nice cargo bench --bench graph 2>"$OUT/cargo.err" | tee "$OUT/isnad.txt" >&2 \
    || { cat "$OUT/cargo.err" >&2; exit 1; }
grep '^{' "$OUT/isnad.txt" >"$OUT/isnad.jsonl"

: >"$OUT/python.jsonl"
for size in ${ISNAD_GRAPH_SIZES//,/ }; do
    echo "== networkx / igraph, size $size" >&2
    nice /usr/bin/time -v "$VENV/bin/python" benches/graph_networkx.py "$OUT" "$size" \
        2>"$OUT/python-$size.err" | tee -a "$OUT/python.jsonl" >&2 \
        || { cat "$OUT/python-$size.err" >&2; exit 1; }
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$OUT/python-$size.err")
    echo "{\"impl\": \"python\", \"size\": $size, \"step\": \"peak_rss_mb\", \"mb\": $((rss / 1024))}" \
        >>"$OUT/python.jsonl"
done

"$VENV/bin/python" - "$OUT" <<'EOF'
import json, os, sys
out = sys.argv[1]
rows = []
for name in ("isnad.jsonl", "python.jsonl"):
    with open(os.path.join(out, name)) as f:
        rows += [json.loads(l) for l in f if l.startswith("{")]
by = {(r["impl"], r["size"], r["step"]): r for r in rows}
sizes = sorted({r["size"] for r in rows})
steps = [
    ("projection / load", {"isnad": "projection", "networkx": "load", "igraph": "load"}),
    ("pagerank", None),
    ("betweenness exact", {"isnad": "betweenness_exact", "networkx": "betweenness_exact",
                           "igraph": "betweenness_exact"}),
    ("betweenness exact (estimate)", {"isnad": "betweenness_exact_estimate",
                                      "networkx": "betweenness_exact_estimate"}),
    ("betweenness k=500", {"isnad": "betweenness_k500", "networkx": "betweenness_k500",
                           "igraph": "betweenness_k500"}),
    ("closeness", None),
    ("louvain", None),
    ("export GEXF", {"isnad": "export_gexf", "networkx": "export_gexf"}),
    ("export GraphML", {"isnad": "export_graphml", "igraph": "export_graphml"}),
    ("export CSV (Gephi)", {"isnad": "export_csv"}),
    ("export Neo4j CSV", {"isnad": "export_neo4j"}),
    ("export DOT", {"isnad": "export_dot"}),
    ("export Cytoscape JSON", {"isnad": "export_cytoscape"}),
]

def cell(r):
    if r is None:
        return "—", None
    s = r["seconds"]
    txt = f"{s:.3f}" if s < 10 else f"{s:.1f}"
    if r.get("did_not_finish"):
        return f"> {s:.0f} (did not finish)", s
    return (f"~{txt} (est.)" if r.get("estimated") else txt), s

def ratio(a, b, est):
    if a is None or b is None or b == 0:
        return "—"
    x = a / b
    txt = f"{x:.1f}×" if x < 100 else f"{x:.0f}×"
    return "~" + txt if est else txt  # "~": estimate or lower bound

print("| step | size (records) | isnad s | networkx s | igraph s | networkx ÷ isnad | igraph ÷ isnad |")
print("|---|---:|---:|---:|---:|---:|---:|")
for label, names in steps:
    for size in sizes:
        names_ = names or {i: label for i in ("isnad", "networkx", "igraph")}
        rs = {i: by.get((i, size, names_.get(i, "-"))) for i in ("isnad", "networkx", "igraph")}
        if all(v is None for v in rs.values()):
            continue
        (ti, si), (tn, sn), (tg, sg) = (cell(rs[i]) for i in ("isnad", "networkx", "igraph"))
        est = lambda i: bool(rs[i] and (rs[i].get("estimated") or rs[i].get("did_not_finish"))) or bool(rs["isnad"] and rs["isnad"].get("estimated"))
        if rs["isnad"] and rs["isnad"].get("nodes"):
            size_txt = f"{size:,} ({rs['isnad']['nodes']:,} nodes)"
        else:
            size_txt = f"{size:,}"
        print(f"| {label} | {size_txt} | {ti} | {tn} | {tg} | {ratio(sn, si, est('networkx'))} | {ratio(sg, si, est('igraph'))} |")

print()
print("| size (records) | nodes | edges | isnad peak RSS | networkx + igraph peak RSS |")
print("|---:|---:|---:|---:|---:|")
for size in sizes:
    p = by.get(("isnad", size, "projection"), {})
    a = by.get(("isnad", size, "peak_rss_mb"))
    b = by.get(("python", size, "peak_rss_mb"))
    fmt = lambda r: f"{r['mb']:.0f} MB" if r else "—"
    print(f"| {size:,} | {p.get('nodes', 0):,} | {p.get('edges', 0):,} | {fmt(a)} | {fmt(b)} |")

print()
for size in sizes:
    q = [(i, by.get((i, size, "louvain"))) for i in ("isnad", "networkx", "igraph")]
    print(f"- {size:,}: Louvain modularity " + ", ".join(
        f"{i} {r['modularity']:.4f} ({r['communities']} communities)" for i, r in q if r and "modularity" in r))
EOF
