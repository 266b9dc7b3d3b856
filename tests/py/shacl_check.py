#!/usr/bin/env python3
"""Validate an isnad graph (N-Quads, union of the graphs) against ontology/shapes.ttl with pySHACL.

usage: shacl_check.py GRAPH.nq SHAPES.ttl [--break-offsets]
Prints "conforms" or "violations N" and exits 0 when the graph conforms, 1 when it does not.
--break-offsets removes every nif:beginIndex and nif:endIndex first (a graph that must be rejected).
"""
import sys
import rdflib
from pyshacl import validate

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
path, shapes = sys.argv[1], sys.argv[2]
broken = "--break-offsets" in sys.argv[3:]
ds = rdflib.Dataset()
ds.parse(path, format="nquads")
g = rdflib.Graph()
for s, p, o, _ in ds.quads((None, None, None, None)):
    if broken and str(p) in (NIF + "beginIndex", NIF + "endIndex"):
        continue
    g.add((s, p, o))
conforms, report, text = validate(g, shacl_graph=rdflib.Graph().parse(shapes, format="turtle"), inference="none")
if conforms:
    print("conforms")
    sys.exit(0)
n = len(list(report.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
print(f"violations {n}")
print("\n".join(text.splitlines()[:12]), file=sys.stderr)
sys.exit(1)
