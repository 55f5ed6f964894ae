"""The derived named graph: evaluation labels and per-determination audit summaries.

Computed data goes to ``d:{det}/derived``, never to the asserted graph. Owns the
evaluation as RDF, the summary facts the auditor queries read, and the derived layer
the loader writes with every case file. Imports :mod:`toulmin.graph.argument` and below.
"""
