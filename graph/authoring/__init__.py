"""The authoring model and the case files written in it.

Owns :mod:`~toulmin.graph.authoring.model` (a determination as immutable Python
values), the YAML reader with line positions, the case-file reader and validator,
and the synthetic corpus writer. Imports :mod:`toulmin.errors` only: no RDF here.
"""
