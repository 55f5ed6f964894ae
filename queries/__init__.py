"""The auditor query catalogue: named SPARQL queries over a store of determinations.

Modules: :mod:`~toulmin.queries.catalogue` (the ``*.rq`` files and their headers),
:mod:`~toulmin.queries.reference` (reference twins of summary queries),
:mod:`~toulmin.queries.runner` (parameters as bound values, running, exit codes) and
:mod:`~toulmin.queries.rows` (results as Python rows). Imports :mod:`toulmin.graph`.
"""
