# Materialise the four owl:SymmetricProperty core properties of ontology/isnad.ttl both ways,
# inside the named graph of the document that states them (so a document's graph stays
# self-contained and re-building it replaces the inferred triples too).
PREFIX isn: <https://w3id.org/isnad/ontology#>

INSERT { GRAPH ?g { ?o ?p ?s } }
WHERE {
  VALUES ?p { isn:meetsWith isn:phoneCallWith isn:strategicAllyOf isn:jointExerciseWith }
  GRAPH ?g { ?s ?p ?o }
}
