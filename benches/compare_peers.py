#!/usr/bin/env python3
"""Print the markdown table of benches/compare_peers.sh from the files in its WORK folder.

    python3 benches/compare_peers.py WORK
"""
import json
import os
import re
import sys

work = sys.argv[1]
res = {}
with open(os.path.join(work, "results.tsv")) as f:
    for line in f:
        name, s, rss = line.rstrip("\n").split("\t")
        res[name] = (float(s), int(rss) / 1024)
notes = dict(line.rstrip("\n").split("\t", 1) for line in open(os.path.join(work, "notes.tsv")))
# The peer pipeline ran RUNS times (peer.N.json): each stage keeps its fastest run, as
# isnad's runs do.
peers = [json.load(open(os.path.join(work, f))) for f in sorted(os.listdir(work)) if re.fullmatch(r"peer\.\d+\.json", f)]
peer = peers[0]
peer["stages"] = {
    name: min((p["stages"][name] for p in peers), key=lambda stage: stage["s"])
    for name in peer["stages"]
}
rdf = json.load(open(os.path.join(work, "rdf.json")))
ana = json.load(open(os.path.join(work, "analyze.json")))

mb = int(notes["bytes"]) / 1e6
big_mb = int(notes["big_bytes"]) / 1e6
ncpu = notes["ncpu"]
quads = int(notes["quads"])
st = peer["stages"]
ox = rdf["pyoxigraph"]
pq = peer["quads"]


def t(name):
    return res[name][0]


def fmt(x):
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


rows = []


def row(what, isnad, peer_, ratio, target=""):
    rows.append(f"| {what} | {isnad} | {peer_} | {ratio} | {target} |")


# extraction
e1 = mb / t("extract_j1")
eN = mb / t("extract_jN")
pe = st["extract"]["mb_per_s"]
row("extraction, MB/s, 1 core (isnad extract --jobs 1 pinned to one CPU vs spaCy extract stage)", fmt(e1), fmt(pe), f"{e1 / pe:.0f}×", "≥ 20× per core")
row(f"extraction, MB/s, all cores ({ncpu}; peer is single-process)", fmt(eN), fmt(pe), f"{eN / pe:.0f}×", "")
b1 = mb / t("build_nq_j1")
bN = mb / t("build_nq_jN")
pb = mb / (st["extract"]["s"] + st["rdf_build"]["s"] + st["rdf_ser_nquads"]["s"])
row("text → N-Quads file, MB/s, 1 core (build --format nq vs extract+rdf_build+ser_nquads)", fmt(b1), fmt(pb), f"{b1 / pb:.0f}×", "≥ 20× per core")
row(f"text → N-Quads, MB/s, all cores ({ncpu})", fmt(bN), fmt(pb), f"{bN / pb:.0f}×", "")
ceil = mb / t("ceiling_grep")
row("ceiling: `LC_ALL=C grep -cF -f triggers` over the same bytes, MB/s; isnad extract 1 core as a fraction", fmt(e1), fmt(ceil) + " (grep)", f"{ceil / e1:.1f}× below ceiling", "within 3×")
bench = os.path.join(work, "throughput.txt")
if os.path.exists(bench):
    for line in open(bench):
        if line.startswith("ceiling") or line.startswith("extract"):
            rows.append(f"| cargo bench throughput: {line.strip()} | | | | |")
# N-Quads writing
qn = quads / t("build_nq_j1")
row(f"N-Quads written, quads/s (isnad: end to end incl. extraction, 1 core, {quads:,} quads) vs rdflib serialise ({pq:,} quads)",
    fmt(qn), fmt(st["rdf_ser_nquads"]["quads_per_s"]), f"{qn / st['rdf_ser_nquads']['quads_per_s']:.1f}×", "")
row("N-Quads written, quads/s, end to end incl. extraction vs pyoxigraph `Store.dump` N-Quads (serialise only, from its store)",
    fmt(qn), fmt(ox["ser_nquads"]["per_s"]), f"{qn / ox['ser_nquads']['per_s']:.2f}×", "")

m = re.search(r"quads written as Nq in [0-9.]+ s \(([0-9]+) quads/s\)", open(os.path.join(work, "write_nq.err")).read())
if m:
    qs = float(m.group(1))
    row("N-Quads serialiser alone, quads/s (isnad writing its store vs pyoxigraph `Store.dump`)",
        fmt(qs), fmt(ox["ser_nquads"]["per_s"]), f"{qs / ox['ser_nquads']['per_s']:.2f}×", "≥ 1× pyoxigraph")
# load into the store
ql = quads / t("build_store")
row(f"load into the store, quads/s (isnad build --store, dir backend, end to end, {ncpu} cores) vs pyoxigraph bulk_load of the peer's N-Quads",
    fmt(ql), fmt(ox["load_bulk"]["per_s"]), f"{ql / ox['load_bulk']['per_s']:.2f}×", "")
row("load into the store, quads/s vs rdflib Dataset build (peer rdf_build)",
    fmt(ql), fmt(st["rdf_build"]["quads_per_s"]), f"{ql / st['rdf_build']['quads_per_s']:.1f}×", "")
# graph
row(f"graph analysis, s (isnad analyze --store incl. store load: {ana['nodes']} nodes / {ana['edges']} edges; "
    f"networkx degree+PageRank+exact betweenness+components+Louvain: {peer['graph']['nodes']} / {peer['graph']['edges']})",
    fmt(t("analyze")), fmt(st["graph"]["s"]), f"{st['graph']['s'] / t('analyze'):.2f}× (time ratio)", "≥ 20× networkx")
row("GEXF write, s (isnad export --to gexf incl. store load + analyses vs nx.write_gexf)",
    fmt(t("export_gexf")), fmt(st["gexf"]["s"]), f"{st['gexf']['s'] / t('export_gexf'):.2f}× (time ratio)", "")
# memory
prss = peer["peak_rss_mb"]
for name, label, size in [("extract_jN", "extract, all cores", mb), ("big_extract_jN", "extract, all cores", big_mb),
                          ("build_nq_j1", "build nq, 1 core", mb), ("big_build_nq_j1", "build nq, 1 core", big_mb),
                          ("build_nq_jN", "build nq, all cores", mb), ("big_build_nq_jN", "build nq, all cores", big_mb)]:
    row(f"peak RSS, MB: {label}, {size:.0f} MB input", fmt(res[name][1]),
        f"{prss:,} (whole pipeline, {mb:.0f} MB)", f"{prss / res[name][1]:.0f}× less", "flat 10 → 100 MB")
row(f"total peer pipeline wall (incl. TriG + Turtle), s, fastest run", "", fmt(min(v[0] for k, v in res.items() if k.startswith("peer_pipeline."))), "", "")

print(f"\n### isnad vs the peer pipeline, one run: {mb:.1f} MB corpus from {notes.get('corpus', '`isnad generate --seed 42`')} "
      f"({peer['input']['docs']:,} docs; isnad {int(notes['facts']):,} facts / {quads:,} quads; "
      f"peer {peer['facts']:,} facts / {pq:,} quads); --jobs 1 == --jobs {ncpu}: {notes['jobs_identical']}\n")
print("| measure | isnad | peer | isnad ÷ peer | target |")
print("|---|---:|---:|---:|---|")
print("\n".join(rows))
