"""Criteria that compute: criteria sets as versioned documents, and their evaluation.

A criteria set (a payer's medical policy, a coverage determination, a guideline) is a
YAML file (``docs/criteria-format.md``, schema ``toulmin/schema/criteria.schema.json``)
holding a tree of criteria, each with its reference in the source, its wording, an
applicability condition and a condition: a typed predicate over structured facts
(motor grades, severities, durations, counts, documented presence and absence, levels,
sides, code value sets, age, nicotine status). :func:`assess` evaluates one against a
determination's facts with three-valued (Kleene) logic: met, not-met or insufficient,
plus not-applicable.

This layer sits on :mod:`toulmin.graph.authoring` and imports nothing above it::

    truth       Kleene values and connectives
    values      motor grades, severities, durations, spinal levels, code systems
    facts       the facts view (the engine's input)
    conditions  the condition language: reading, writing, evaluating
    model       criteria sets and criterion nodes
    reader      criteria files: YAML + JSON Schema + checks, every problem at once
    library     the search path and lookup by id@version
    adapter     Determination -> facts
    assess      results per criterion per service line and for the setting
"""

from toulmin.graph.criteria.assess import Result, assess, assess_facts
from toulmin.graph.criteria.library import find_criteria_set, search_path
from toulmin.graph.criteria.model import CriteriaSet, CriterionNode
from toulmin.graph.criteria.reader import (
    dump_criteria_set,
    load_criteria_set,
    parse_criteria_set,
)
from toulmin.graph.criteria.truth import Truth

__all__ = [
    "CriteriaSet",
    "CriterionNode",
    "Result",
    "Truth",
    "assess",
    "assess_facts",
    "dump_criteria_set",
    "find_criteria_set",
    "load_criteria_set",
    "parse_criteria_set",
    "search_path",
]
