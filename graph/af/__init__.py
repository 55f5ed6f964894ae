"""Abstract argumentation: frameworks as arrays, Dung semantics, the ICCMA file formats.

The bottom layer: it knows nothing of determinations, RDF or case files, and imports
only :mod:`toulmin.errors` (and numpy). :mod:`toulmin.graph.argument.evaluate`
translates a determination's argument into a framework to use it.
"""
