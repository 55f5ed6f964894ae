"""The toulmin OWL ontology, its SHACL shapes, and the checks that use them.

Modules: :mod:`~toulmin.ontology.namespace` (the vocabulary as closed namespaces),
:mod:`~toulmin.ontology.validate` (SHACL, closed-world), :mod:`~toulmin.ontology.reasoning`
(OWL consistency with HermiT) and :mod:`~toulmin.ontology.docs` (the reference page).
The bottom layer above :mod:`toulmin.errors`: it imports nothing else of toulmin.
"""
