"""The argument: its AIF view and index, evaluation, explanations, trace and flip sets.

Owns what an appeals team asks of one determination: which claims are ``in``, why,
and what would flip them. Imports :mod:`toulmin.graph.rdf`,
:mod:`toulmin.graph.authoring` and :mod:`toulmin.graph.af`.
"""
