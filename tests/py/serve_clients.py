"""Queries `isnad serve` with third-party clients and compares with `isnad query`.

Usage: serve_clients.py ENDPOINT ISNAD_BINARY   (run from the project root, seeds/ served)

Every example query of examples/queries/ goes through SPARQLWrapper (JSON results for
SELECT/ASK, N-Triples for CONSTRUCT) and must give the same rows as `isnad query` on the
same documents; one SELECT also goes through rdflib's SPARQLStore.
"""
import collections
import glob
import json
import subprocess
import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, N3, SPARQLWrapper

endpoint, isnad = sys.argv[1], sys.argv[2]


def isnad_json(path):
    out = subprocess.run([isnad, "query", "--file", path, "seeds/", "-q", "--results", "json"],
                         check=True, capture_output=True).stdout
    return json.loads(out)


def rows(results):
    if "boolean" in results:
        return results["boolean"]
    return collections.Counter(
        tuple(sorted((k, v["type"], v["value"], v.get("xml:lang", ""), v.get("datatype", ""))
                     for k, v in b.items()))
        for b in results["results"]["bindings"])


checked = 0
for path in sorted(glob.glob("examples/queries/*.rq")):
    text = open(path, encoding="utf-8").read()
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    if "CONSTRUCT" in text.upper().split("WHERE")[0]:
        client.setReturnFormat(N3)
        client.setMethod("POST")
        remote = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
        nt = subprocess.run([isnad, "query", "--file", path, "seeds/", "-q", "--format", "nt"],
                            check=True, capture_output=True).stdout.decode()
        local = rdflib.Graph().parse(data=nt, format="nt")
        assert set(remote) == set(local), f"{path}: CONSTRUCT differs"
        assert len(local) > 0, f"{path}: empty"
    else:
        client.setReturnFormat(JSON)
        remote = client.query().convert()
        local = isnad_json(path)
        assert rows(remote) == rows(local), f"{path}: rows differ"
    checked += 1

store = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat="json"))
q = ("SELECT ?place (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/isnad/ontology#Fact> ; "
     "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/isnad/ontology#visits> ; "
     "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?place } GROUP BY ?place ORDER BY ?place")
remote = [(str(r[0]), int(r[1])) for r in store.query(q)]
local_out = subprocess.run([isnad, "query", q, "seeds/", "-q", "--results", "json"],
                           check=True, capture_output=True).stdout
local = [(b["place"]["value"], int(b["n"]["value"])) for b in json.loads(local_out)["results"]["bindings"]]
assert remote == local and remote, (remote, local)
print(f"{checked} example queries agree (SPARQLWrapper), SPARQLStore agrees on {len(remote)} rows")
