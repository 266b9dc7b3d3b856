"""Checks that a triplestore holds exactly isnad's graphs, queried with SPARQLWrapper.

Usage: virtuoso_check.py SPARQL_ENDPOINT LOCAL.nq

For every named graph of LOCAL.nq (what `isnad build --format nq` writes), the store's
graph must have the same triples, and as many (nothing duplicated, nothing left over).
"""
import collections
import sys

import rdflib
from SPARQLWrapper import JSON, N3, SPARQLWrapper

endpoint, local_path = sys.argv[1], sys.argv[2]
local = rdflib.Dataset()
local.parse(local_path, format="nquads")
graphs = collections.defaultdict(set)
for s, p, o, g in local.quads((None, None, None, None)):
    graphs[str(g)].add((s, p, o))
assert graphs, "no graphs in the local file"

for g, triples in sorted(graphs.items()):
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    client.setReturnFormat(N3)
    remote = set(rdflib.Graph().parse(data=client.query().convert(), format="turtle"))
    missing, extra = triples - remote, remote - triples
    assert not missing and not extra, f"{g}: {len(missing)} missing, {len(extra)} extra, e.g. {list(missing)[:2]} {list(extra)[:2]}"
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    client.setReturnFormat(JSON)
    n = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n == len(triples), f"{g}: the store counts {n} triples, isnad wrote {len(triples)}"
print(f"{len(graphs)} graphs equal, {sum(map(len, graphs.values()))} triples, none duplicated")
