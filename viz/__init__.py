"""What a person sees of a determination: the argument map and the appeal brief.

Modules: :mod:`~toulmin.viz.map` (typed nodes and edges, laid out in layers),
:mod:`~toulmin.viz.html` (the map as one offline HTML page), :mod:`~toulmin.viz.page`
(the page in a notebook), :mod:`~toulmin.viz.brief` (the brief) and
:mod:`~toulmin.viz._evaluation` (what both show of an evaluation). Imports
:mod:`toulmin.graph`; nothing below imports it.
"""
