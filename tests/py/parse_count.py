#!/usr/bin/env python3
"""Parse an RDF file with rdflib and pyoxigraph and print both distinct statement counts.

usage: parse_count.py FILE FORMAT   (FORMAT: isnad's name: ttl trig nt nq rdfxml jsonld)
"""
import sys
import rdflib
import pyoxigraph as ox

F = {"nq": (ox.RdfFormat.N_QUADS, "nquads", True), "trig": (ox.RdfFormat.TRIG, "trig", True),
     "nt": (ox.RdfFormat.N_TRIPLES, "nt", False), "ttl": (ox.RdfFormat.TURTLE, "turtle", False),
     "rdfxml": (ox.RdfFormat.RDF_XML, "xml", False), "jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True)}
path, fmt = sys.argv[1], sys.argv[2]
oxf, rlf, quads = F[fmt]
data = open(path, "rb").read()
n_ox = len(set(ox.parse(data, format=oxf)))
ds = rdflib.Dataset()
ds.parse(data=data, format=rlf)
n_rl = len(set(ds.quads((None, None, None, None)))) if quads else len(set(ds.triples((None, None, None))))
print(n_ox, n_rl)
