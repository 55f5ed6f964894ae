"""The rule language's two readings agree: Python's evaluator and Oxigraph on its SPARQL.

Random small graphs over a few nodes and predicates, and one rule per construct of the
language (paths, OPTIONAL, FILTER with errors, NOT EXISTS, BIND, VALUES, grouped counts);
:func:`construct` must state exactly what Oxigraph's ``CONSTRUCT`` does. The audit rules
themselves are checked the same way on real determinations in tests/graph/derived/test_load_path.py.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from toulmin.errors import QueryError
from toulmin.graph.derived.rules import (
    Alt,
    And,
    Bind,
    Bound,
    Coalesce,
    Count,
    Eq,
    Exists,
    Filter,
    Group,
    If,
    In,
    Inv,
    Ne,
    Not,
    NotExists,
    OneOrMore,
    Optional,
    Or,
    Rule,
    Seq,
    T,
    TripleIndex,
    Values,
    Var,
    ZeroOrMore,
    ZeroOrOne,
    construct,
    construct_sparql,
)
from toulmin.graph.store.targets import from_oxigraph
from toulmin.queries.catalogue import main as catalogue_main
from toulmin.queries.reference import reference_text

NODES = [URIRef(f"urn:n{i}") for i in range(5)]
P, Q, R = URIRef("urn:p"), URIRef("urn:q"), URIRef("urn:r")
WORDS = [Literal("a"), Literal("b")]
OUT = URIRef("urn:out")
x, y, z, w, n = (Var(v) for v in ("x", "y", "z", "w", "n"))

RULES = [
    Rule("plain", (T(x, P, y),), ((x, OUT, y),)),
    Rule("inverse, sequence", (T(x, Seq(P, Inv(Q)), y),), ((x, OUT, y),)),
    Rule("alternative", (T(x, R, w), T(x, Alt(P, Q), y)), ((x, OUT, y),)),
    Rule("one or more", (T(x, R, w), T(x, OneOrMore(P), y)), ((x, OUT, y),)),
    Rule("zero or more", (T(x, R, w), T(x, ZeroOrMore(Seq(Inv(P), Q)), y)), ((x, OUT, y),)),
    Rule("zero or one", (T(x, R, w), T(x, ZeroOrOne(P), y)), ((x, OUT, y),)),
    Rule("optional", (T(x, R, w), Optional(T(x, P, y))), ((x, OUT, y), (x, R, w))),
    Rule(
        "nested optional",
        (T(x, R, w), Optional(T(x, P, y), Optional(T(y, Q, z)))),
        ((x, OUT, z), (x, OUT, y)),
    ),
    Rule("not exists", (T(x, P, y), NotExists(T(y, Q, z))), ((x, OUT, y),)),
    Rule(
        "or with an error",
        (T(x, R, w), Optional(T(x, P, y)), Filter(Or(Eq(y, NODES[0]), Eq(w, WORDS[0])))),
        ((x, OUT, w),),
    ),
    Rule(
        "and with an error",
        (T(x, R, w), Optional(T(x, P, y)), Filter(Not(And(Bound(y), Ne(w, WORDS[0]))))),
        ((x, OUT, w),),
    ),
    Rule(
        "exists in a filter",
        (T(x, P, y), Filter(Or(Not(Exists(T(y, Q, z))), Exists(T(y, R, WORDS[1]))))),
        ((x, OUT, y),),
    ),
    Rule(
        "bind, coalesce, if, in",
        (
            T(x, R, w),
            Optional(T(x, P, y)),
            Bind(Coalesce(y, Literal("none")), z),
            Bind(If(In(w, (WORDS[0],)), Literal("first"), Literal("other")), n),
        ),
        ((x, OUT, z), (x, Q, n)),
    ),
    Rule("values", (Values(y, (NODES[1], NODES[2])), T(x, P, y)), ((x, OUT, y),)),
    Rule(
        "grouped counts",
        (
            Group(
                (x,),
                (T(x, P, y), Optional(T(y, R, w))),
                counts=(
                    ("n", Count(y, distinct=True)),
                    ("all", Count(y)),
                    ("words", Count(total=If(Bound(w), Literal(1), Literal(0)))),
                ),
                samples=(("one", y),),
                having=Ne(n, Literal(2)),
            ),
        ),
        ((x, OUT, n), (x, Q, Var("all")), (x, R, Var("words"))),
    ),
]

triples = st.sets(
    st.one_of(
        st.tuples(st.sampled_from(NODES), st.sampled_from([P, Q]), st.sampled_from(NODES)),
        st.tuples(st.sampled_from(NODES), st.just(R), st.sampled_from(WORDS)),
    ),
    max_size=14,
)


def _oxigraph(rule: Rule, graph: set) -> set:  # type: ignore[type-arg]
    store = ox.Store()
    name = ox.NamedNode("urn:g")
    for s, p, o in graph:
        obj = ox.Literal(str(o)) if isinstance(o, Literal) else ox.NamedNode(str(o))
        store.add(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), obj, name))
    return {
        (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
        for t in store.query(construct_sparql(rule))  # type: ignore[union-attr]
    }


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
@settings(max_examples=60, deadline=None)
@given(graph=triples)
def test_python_reading_is_oxigraphs(rule: Rule, graph: set) -> None:  # type: ignore[type-arg]
    assert set(construct([rule], TripleIndex(graph))) == _oxigraph(rule, graph)


def test_a_summary_block_must_hold_only_rule_facts() -> None:
    text = "SELECT ?x WHERE { GRAPH ?dg { ?x tlm:unsupportedMet ?a . ?x tlm:text ?t } }"
    with pytest.raises(QueryError, match="only"):
        reference_text(text)


def test_the_catalogue_prints_a_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalogue_main(["--reference", "thin-support"]) == 0
    text = capsys.readouterr().out
    assert "tlm:soleSource" in text
    assert "HAVING ((COUNT(DISTINCT ?r_src)" in text
    assert catalogue_main(["--reference", "trace"]) == 2
