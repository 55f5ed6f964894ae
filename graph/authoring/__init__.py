"""The authoring model and the case files written in it.

Owns :mod:`~toulmin.graph.authoring.model` (a determination as immutable Python
values), the YAML reader with line positions, the JSON Schema check the case and
criteria readers share, the case-file reader and validator, the synthetic corpus
writer, and :mod:`~toulmin.graph.authoring.wording` (the English helpers every layer
above uses for messages and explanations). Imports :mod:`toulmin.errors` only: no RDF
here.
"""
