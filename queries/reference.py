"""The reference version of a named query, generated from the audit rules it reads.

A named query that reads summary facts (``#+ summaries:``) reads them in ``GRAPH ?dg
{ ... }`` blocks of triple patterns over summary properties. Its reference version is
the same query with each such triple pattern ``?a tlm:P ?b`` replaced by the audit
rule that states ``tlm:P`` (:data:`toulmin.graph.derived.summaries.RULES`), written as
SPARQL over the asserted named graphs::

    { SELECT DISTINCT ?dg (?r_s AS ?a) (?r_o AS ?b)
      WHERE { <the rule's patterns, each in GRAPH ?dg> FILTER (BOUND(?r_s) && BOUND(?r_o)) } }

so ``?dg`` is the determination's asserted graph instead of its derived one, and every
other part of the query (joins, parameters, columns, order) is the named query's own.
The loader evaluates the same rules in Python; the tests compare the two versions, and
the runner falls back to the reference on a store without summaries. A query whose
summary facts no rule states (``conclusion-not-in``: the evaluator's label) keeps a
hand-written ``NAME.full.rq``.

Imports :mod:`toulmin.graph.derived.summaries` and :mod:`toulmin.graph.derived.rules`.

Examples
--------
>>> text = '''PREFIX tlm: <https://w3id.org/toulmin/ontology#>
... SELECT ?x WHERE { GRAPH ?dg { ?x tlm:unsupportedMet ?a } }'''
>>> full = reference_text(text)
>>> "GRAPH ?dg { ?r_assessment tlm:assessmentResult tlm:Met }" in full
True
>>> reference_text("SELECT ?x WHERE { GRAPH ?g { ?x a ?y } }") is None
True
"""

from __future__ import annotations

import re
from functools import cache

from toulmin.errors import QueryError
from toulmin.graph.derived.rules import Rule, Var, term_sparql, where_sparql
from toulmin.graph.derived.summaries import RULES

__all__ = ["reference_text", "rule_predicates"]

_PREFIX = "r_"
_TLM = "https://w3id.org/toulmin/ontology#"
_BLOCK = re.compile(r"GRAPH\s+(\?\w+)\s*\{([^{}]*)\}")
_TRIPLE = re.compile(r"\s*(\?\w+)\s+tlm:(\w+)\s+(\?\w+)\s*\.?")
_NEEDED_PREFIXES = {
    "tlm": "https://w3id.org/toulmin/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


@cache
def rule_predicates() -> dict[str, tuple[Rule, Var, Var]]:
    """Each summary property a rule states (local name), with the rule and its template ends."""
    out: dict[str, tuple[Rule, Var, Var]] = {}
    for rule in RULES:
        for s, p, o in rule.template:
            if not (isinstance(s, Var) and isinstance(o, Var)) or not str(p).startswith(_TLM):
                continue
            local = str(p)[len(_TLM) :]
            if local in out:
                raise QueryError(f"two rules state tlm:{local}: {out[local][0].name}; {rule.name}")
            out[local] = (rule, s, o)
    return out


def _fact(graph: str, subject: str, local: str, obj: str) -> str:
    rule, s, o = rule_predicates()[local]
    inner = where_sparql(rule.where, graph, _PREFIX)
    ends = f"{term_sparql(s, _PREFIX)} AS {subject}", f"{term_sparql(o, _PREFIX)} AS {obj}"
    bound = f"BOUND({term_sparql(s, _PREFIX)}) && BOUND({term_sparql(o, _PREFIX)})"
    body = "\n      ".join([*inner.splitlines(), f"FILTER ({bound})"])
    return (
        f"{{ SELECT DISTINCT {graph} ({ends[0]}) ({ends[1]})  # tlm:{local}: {rule.name}\n"
        f"    WHERE {{\n      {body}\n    }} }}"
    )


def _replace(match: re.Match[str]) -> str:
    graph, body = match.group(1), match.group(2)
    known = rule_predicates()
    locals_ = re.findall(r"tlm:(\w+)", body)
    if not any(name in known for name in locals_):
        return match.group(0)
    facts = []
    rest = body
    for triple in _TRIPLE.finditer(body):
        facts.append(triple.groups())
        rest = rest.replace(triple.group(0), "", 1)
    if rest.strip() or any(local not in known for _, local, _ in facts):
        raise QueryError(
            f"GRAPH {graph} {{{body}}}: a block that reads summary facts must hold only "
            "triple patterns ?a tlm:P ?b over properties the audit rules state"
        )
    return "\n  ".join(_fact(graph, a, local, b) for a, local, b in facts)


def reference_text(text: str, name: str = "") -> str | None:
    """The reference version of query ``text``, or ``None`` when it reads no rule's facts.

    The ``#+`` header is left out (a reference takes its header from the named query).

    Raises
    ------
    QueryError
        When a block that reads summary facts holds anything else, or reads a
        summary property that no rule states.
    """
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#+"))
    generated = _BLOCK.sub(_replace, body)
    if generated == body:
        return None
    prefixes = "".join(
        f"PREFIX {p}: <{iri}>\n"
        for p, iri in _NEEDED_PREFIXES.items()
        if not re.search(rf"PREFIX\s+{p}:\s*<{re.escape(iri)}>", body)
    )
    what = f"{name}.rq" if name else "the named query"
    note = (
        f"# Reference version of {what}, generated (toulmin.queries.reference): its summary\n"
        "# reads replaced by the audit rules that state them (graph/derived/summaries.py),\n"
        "# computed from the asserted graphs alone.\n"
    )
    return note + prefixes + generated.lstrip("\n")
