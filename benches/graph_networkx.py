#!/usr/bin/env python3
"""networkx / igraph side of the graph benchmark (see benches/graph_vs_networkx.sh).

Usage: graph_networkx.py DIR SIZE [SIZE...]

Reads DIR/edges-SIZE.tsv (directed arcs, parallel arcs summed: the view isnad's PageRank
and betweenness run on) and DIR/undirected-SIZE.tsv (the undirected weighted projection
isnad's Louvain runs on), both written by `cargo bench --bench graph`, and times the same
steps (a step under a second is timed best of three). Prints one JSON object per line: {"impl", "size", "step", "seconds", ...}.

Exact networkx betweenness runs only when a timed sample of sources extrapolates to under
NX_EXACT_MAX_S (default 120 s); otherwise the estimate is reported with "estimated": true.
When isnad samples (k = 500), networkx's k = 500 run is likewise estimated from fewer
sources when too slow, and igraph runs its subset betweenness from 500 sources.
networkx Louvain is abandoned after NX_LOUVAIN_TIMEOUT_S (default 600 s) and reported as
"did_not_finish" with that lower bound.
"""

import json
import multiprocessing
import queue
import os
import random
import sys
import tempfile
import time

import igraph as ig
import networkx as nx

SEED = 42
K = 500
NX_EXACT_MAX_S = float(os.environ.get("NX_EXACT_MAX_S", "120"))
ISNAD_EXACT_MAX_S = float(os.environ.get("ISNAD_GRAPH_EXACT_MAX_S", "60"))


def emit(impl, size, step, seconds, **extra):
    print(json.dumps({"impl": impl, "size": size, "step": step, "seconds": seconds, **extra}),
          flush=True)


def read(path):
    with open(path) as f:
        n = int(f.readline().split()[2])
        edges = []
        for line in f:
            u, v, w = line.split("\t")
            edges.append((int(u), int(v), float(w)))
    return n, edges


def timed(f):
    """Output and time of f(); under a second, best of three (as the Rust side)."""
    t = time.perf_counter()
    out = f()
    best = time.perf_counter() - t
    if best < 1.0:
        for _ in range(2):
            t = time.perf_counter()
            out = f()
            best = min(best, time.perf_counter() - t)
    return out, best


def nx_graph(n, edges, directed):
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(edges)
    return g


def ig_graph(n, edges, directed):
    g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=directed)
    g.es["weight"] = [w for _, _, w in edges]
    return g


def run(directory, size):
    n, arcs = read(os.path.join(directory, f"edges-{size}.tsv"))
    _, und = read(os.path.join(directory, f"undirected-{size}.tsv"))

    G, s = timed(lambda: nx_graph(n, arcs, True))
    emit("networkx", size, "load", s, nodes=n, arcs=len(arcs))
    I, s = timed(lambda: ig_graph(n, arcs, True))
    emit("igraph", size, "load", s)

    # PageRank. isnad stops when the L1 change is below 1e-12; networkx stops when it is
    # below n * tol, so tol = 1e-12 / n runs the same number of power iterations.
    pr, s = timed(lambda: nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12 / n,
                                      max_iter=10_000))
    emit("networkx", size, "pagerank", s, sum=sum(pr.values()))
    pr_ig, s = timed(lambda: I.pagerank(damping=0.85, weights="weight", directed=True))
    emit("igraph", size, "pagerank", s,
         max_abs_diff_vs_networkx=max(abs(pr_ig[i] - pr[i]) for i in range(n)))

    # Betweenness: mirror isnad's choice (exact, or k = 500 when exact is too slow for it).
    probe = min(n, 10)
    _, s = timed(lambda: nx.betweenness_centrality(G, k=probe, seed=SEED))
    nx_exact_est = s * n / probe
    isnad_exact = read_isnad_choice(directory, size)
    if isnad_exact:
        if nx_exact_est < NX_EXACT_MAX_S:
            _, s = timed(lambda: nx.betweenness_centrality(G))
            emit("networkx", size, "betweenness_exact", s, estimate_s=nx_exact_est)
        else:
            emit("networkx", size, "betweenness_exact", nx_exact_est, estimated=True,
                 probe_sources=probe)
        _, s = timed(lambda: I.betweenness(directed=True))
        emit("igraph", size, "betweenness_exact", s)
    else:
        emit("networkx", size, "betweenness_exact_estimate", nx_exact_est, estimated=True,
             probe_sources=probe)
        k = min(K, n)
        nx_k_est = s * k / probe
        if nx_k_est < NX_EXACT_MAX_S:
            _, s = timed(lambda: nx.betweenness_centrality(G, k=k, seed=SEED))
            emit("networkx", size, "betweenness_k500", s, k=k)
        else:
            emit("networkx", size, "betweenness_k500", nx_k_est, estimated=True, k=k,
                 probe_sources=probe)
        sources = random.Random(SEED).sample(range(n), k)
        _, s = timed(lambda: I.betweenness(directed=True, sources=sources))
        emit("igraph", size, "betweenness_k500", s, k=k, note="subset betweenness from k sources")

    # Louvain on the undirected weighted projection.
    U = nx_graph(n, und, False)
    nx_louvain(U, size)
    IU = ig_graph(n, und, False)
    cl, s = timed(lambda: IU.community_multilevel(weights="weight"))
    emit("igraph", size, "louvain", s, communities=len(cl), modularity=cl.modularity)

    # GEXF export (networkx's writer; the graph has no attributes beyond weight).
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "g.gexf")
        _, s = timed(lambda: nx.write_gexf(G, path))
        emit("networkx", size, "export_gexf", s, bytes=os.path.getsize(path))
        path = os.path.join(tmp, "g.graphml")
        _, s = timed(lambda: I.write_graphml(path))
        emit("igraph", size, "export_graphml", s, bytes=os.path.getsize(path))


def _louvain_child(U, q):
    comms, s = timed(lambda: nx.community.louvain_communities(U, weight="weight", seed=SEED))
    q.put((s, len(comms), nx.community.modularity(U, comms, weight="weight")))


def nx_louvain(U, size):
    """networkx Louvain in a forked child, abandoned after NX_LOUVAIN_TIMEOUT_S (default 600)."""
    timeout = float(os.environ.get("NX_LOUVAIN_TIMEOUT_S", "600"))
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_louvain_child, args=(U, q))
    p.start()
    try:
        s, count, mod = q.get(timeout=timeout)
        emit("networkx", size, "louvain", s, communities=count, modularity=mod)
    except queue.Empty:
        emit("networkx", size, "louvain", timeout, did_not_finish=True)
    finally:
        p.terminate()
        p.join()


def read_isnad_choice(directory, size):
    """Whether isnad ran exact betweenness for SIZE (from its JSON lines, if present)."""
    path = os.path.join(directory, "isnad.jsonl")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                if r.get("size") == size and r.get("step", "").startswith("betweenness"):
                    return r["step"] == "betweenness_exact"
    return True


def main():
    directory, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
    for size in sizes:
        run(directory, size)


if __name__ == "__main__":
    main()
