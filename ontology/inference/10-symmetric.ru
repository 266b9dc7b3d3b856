# Materialise the four owl:SymmetricProperty core properties of ontology/isnad.ttl both ways,
# inside the named graph of the document that states them (so a document's graph stays
# self-contained and re-building it replaces the inferred triples too).
# `isnad build` loads only the quads whose predicate an update names (here the four VALUES),
# so name predicates explicitly: a predicate variable not bound by VALUES, a negated property
# set or a `*`/`?` path makes it load the whole graph (see src/kg/infer.rs).
PREFIX isn: <https://w3id.org/isnad/ontology#>

INSERT { GRAPH ?g { ?o ?p ?s } }
WHERE {
  VALUES ?p { isn:meetsWith isn:phoneCallWith isn:strategicAllyOf isn:jointExerciseWith }
  GRAPH ?g { ?s ?p ?o }
}
