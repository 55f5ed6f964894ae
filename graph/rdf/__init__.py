"""A determination as RDF: IRIs, compile, decompile, serialize, and the check.

Owns the mapping between the authoring model and the ontology (docs/rdf-model.md),
N-Triples text without an rdflib store, and ``toulmin check`` (SHACL and HermiT on the
compiled graph). Imports :mod:`toulmin.graph.authoring` and :mod:`toulmin.ontology`.
"""
