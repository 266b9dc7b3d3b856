#!/usr/bin/env python3
"""Cross-check isnad's graph exports and metrics against networkx and python-igraph.

usage: graph_crosscheck.py STATIC.gexf DYNAMIC.gexf GRAPH.graphml MODULARITY

Asserts, to 1e-6: PageRank (nx.pagerank, weight="weight", on what read_gexf returns),
exact betweenness and closeness (on the simple DiGraph), and the modularity of the exported
partition on the undirected weighted projection (weights of both directions summed, a
symmetric edge -- written as arcs eNa/eNb -- counted once). Also checks that the dynamic
GEXF and the GraphML load in networkx and igraph with their attributes intact.
Exits non-zero with a FAIL line per problem.
"""
import sys

import networkx as nx
import igraph

STATIC, DYNAMIC, GRAPHML, MODULARITY = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
TOL = 1e-6
NODE_ATTRS = {"type", "iri", "label_ar", "label_en", "pagerank", "betweenness", "closeness",
              "community", "component", "degree"}
EDGE_ATTRS = {"predicate", "modality", "docs", "first_date", "last_date", "symmetric", "weight"}
fails = []


def compare(name, ours, theirs):
    worst = max((abs(ours[v] - theirs[v]) for v in theirs), default=0.0)
    if worst > TOL:
        v = max(theirs, key=lambda v: abs(ours[v] - theirs[v]))
        fails.append(f"{name}: max diff {worst:.3g} at {v} (ours {ours[v]}, networkx {theirs[v]})")
    return worst


G = nx.read_gexf(STATIC)
n, m = G.number_of_nodes(), G.number_of_edges()
for v, d in G.nodes(data=True):
    if not NODE_ATTRS <= d.keys():
        fails.append(f"node {v} lacks {sorted(NODE_ATTRS - d.keys())}")
        break
for u, v, d in G.edges(data=True):
    if not EDGE_ATTRS <= d.keys():
        fails.append(f"edge {u}->{v} lacks {sorted(EDGE_ATTRS - d.keys())}")
        break
attr = lambda key: {v: d[key] for v, d in G.nodes(data=True)}

pr = compare("pagerank", attr("pagerank"), nx.pagerank(G, weight="weight", tol=1e-12, max_iter=10000))
D = nx.DiGraph(G)
bc = compare("betweenness", attr("betweenness"), nx.betweenness_centrality(D, normalized=True))
cc = compare("closeness", attr("closeness"), nx.closeness_centrality(D))
deg = compare("degree", attr("degree"), dict(G.degree()))

U = nx.Graph()
U.add_nodes_from(G)
for u, v, d in G.edges(data=True):
    if d["symmetric"] and d["id"].endswith("b"):
        continue
    w = U[u][v]["weight"] if U.has_edge(u, v) else 0.0
    U.add_edge(u, v, weight=w + d["weight"])
groups = {}
for v, c in attr("community").items():
    groups.setdefault(c, set()).add(v)
q = nx.community.modularity(U, groups.values(), weight="weight")
if abs(q - MODULARITY) > TOL:
    fails.append(f"modularity: ours {MODULARITY}, networkx {q}")

Dy = nx.read_gexf(DYNAMIC)
if (Dy.number_of_nodes(), Dy.number_of_edges()) != (n, m) or Dy.graph.get("mode") != "dynamic":
    fails.append("dynamic GEXF differs from the static one")
dated = [d for _, _, d in Dy.edges(data=True) if d["first_date"]]
if any("start" not in d or "end" not in d for d in dated):
    fails.append("dated edge without start/end in the dynamic GEXF")

X = nx.read_graphml(GRAPHML)
if (X.number_of_nodes(), X.number_of_edges()) != (n, m):
    fails.append(f"graphml (networkx): {X.number_of_nodes()} nodes / {X.number_of_edges()} edges, want {n}/{m}")
for v, d in X.nodes(data=True):
    if not NODE_ATTRS <= d.keys() or d["label_ar"] != G.nodes[v]["label_ar"] or d["pagerank"] != G.nodes[v]["pagerank"]:
        fails.append(f"graphml (networkx): node {v} attributes differ from the GEXF")
        break
I = igraph.Graph.Read_GraphML(GRAPHML)
if (I.vcount(), I.ecount()) != (n, m) or not I.is_directed():
    fails.append(f"graphml (igraph): {I.vcount()} nodes / {I.ecount()} edges, want {n}/{m}")
if not NODE_ATTRS <= set(I.vs.attributes()) or not (EDGE_ATTRS - {"weight"}) <= set(I.es.attributes()):
    fails.append(f"graphml (igraph): attributes {I.vs.attributes()} / {I.es.attributes()}")
else:
    for vx in I.vs:
        if vx["label_ar"] != G.nodes[vx["id"]]["label_ar"] or abs(vx["pagerank"] - G.nodes[vx["id"]]["pagerank"]) > 0:
            fails.append(f"graphml (igraph): node {vx['id']} attributes differ from the GEXF")
            break

for f in fails:
    print("FAIL", f)
print(f"crosscheck: {n} nodes, {m} arcs; max diffs pagerank {pr:.2e}, betweenness {bc:.2e}, "
      f"closeness {cc:.2e}, degree {deg}; modularity {MODULARITY:.6f} vs networkx {q:.6f}")
sys.exit(1 if fails else 0)
