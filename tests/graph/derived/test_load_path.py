"""The loader's fast path writes what an independent construction gives.

The loader compiles without rdflib's store (:func:`compile_triples`,
:func:`derived_layer`), writes N-Triples with its own serialiser (:func:`ntriples`)
and streams new determinations into ``Store.bulk_load``. The summary facts of the
derived layer (the audit rules, evaluated in Python) are checked against Oxigraph
running the same rules as SPARQL ``CONSTRUCT`` queries over the asserted graph; the
N-Triples text against rdflib's and Oxigraph's parsers; a loaded store against the
same graphs written by rdflib's N-Quads serialiser. On the examples, on a synthetic
corpus, and on text that is hard to escape.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from toulmin.graph.argument.evaluate import evaluate
from toulmin.graph.authoring import yaml_positions
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.authoring.model import Determination
from toulmin.graph.authoring.synth import write_corpus
from toulmin.graph.derived.evaluation import derived_triples
from toulmin.graph.derived.layer import derived_graphs, derived_layer
from toulmin.graph.derived.rules import construct_sparql
from toulmin.graph.derived.summaries import RULES, summary_iri
from toulmin.graph.rdf.compile import compile_determination, compile_triples, to_dataset
from toulmin.graph.rdf.iris import derived_graph_iri, graph_iri
from toulmin.graph.rdf.triples import NamedTriples, ntriples, plain_literal
from toulmin.graph.store.admin import export
from toulmin.graph.store.disk import open_store
from toulmin.graph.store.load import load
from toulmin.graph.store.targets import from_oxigraph, graph_to_quads
from toulmin.ontology.namespace import TLM

HARD_TEXT = 'Quote " backslash \\ tab \t new\nline, <img src=x onerror=alert(1)> é 𝄞 \u2028 end'


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes; U+2028 escaped too, YAML breaks on it)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028")


HARD_CASE = f"""
toulmin: 1
id: hard-text
title: {_yaml_string(HARD_TEXT)}
decision: {{outcome: approved, main_claim: c}}
sources: [{{id: rec, kind: clinical-document, title: "Record \\"2025\\"", version: "1.0\\n"}}]
services: [{{id: s, code: "22850", decision: approved, claim: c}}]
statements:
  - id: c
    kind: conclusion
    text: {_yaml_string(HARD_TEXT)}
    cite: {{source: rec, quote: "a\\\\b\\"c"}}
"""


def _rdflib_path(det: Determination) -> list[Graph]:
    """The asserted and derived graphs as rdflib graphs (written by rdflib's serialisers)."""
    return [compile_determination(det), *derived_graphs(det)]


def _fast_path(det: Determination) -> list[NamedTriples]:
    asserted = compile_triples(det)
    return [asserted, *derived_layer(det, asserted)]


def _oxigraph_summary(asserted: Graph) -> set:  # type: ignore[type-arg]
    """The audit rules' facts as Oxigraph's SPARQL engine computes them (the oracle)."""
    store = ox.Store()
    store.extend(graph_to_quads(asserted))
    facts = set()
    for rule in RULES:
        for t in store.query(construct_sparql(rule)):  # type: ignore[union-attr]
            facts.add(
                (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
            )
    return facts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("synth")
    write_corpus(40, 11, folder)
    return sorted(folder.glob("*.yaml"))


@pytest.fixture(scope="module")
def determinations(examples_dir: Path, corpus: list[Path]) -> list[Determination]:
    files = sorted(examples_dir.glob("*.yaml")) + corpus
    return [load_case(f) for f in files] + [parse_case(HARD_CASE)]


def test_summary_facts_are_what_oxigraph_constructs(determinations: list[Determination]) -> None:
    """The Python reading of every audit rule against Oxigraph's reading of its SPARQL."""
    for det in determinations:
        asserted, derived = _fast_path(det)
        assert [asserted.identifier, derived.identifier] == [
            graph_iri(det.id),
            derived_graph_iri(det.id),
        ]
        evaluation = evaluate(det)
        labels = set(derived_triples(evaluation))
        label = (summary_iri(det.id), TLM.mainClaimLabel, TLM[evaluation.main_label.title()])
        expected = _oxigraph_summary(compile_determination(det))
        assert len(expected) >= 3, det.id  # at least the summary node, its determination, outcome
        # Oxigraph writes decimals canonically (36.5), the rules as the compiler does (36.50)
        assert _canonical(set(derived) - labels - {label}) == _canonical(expected), det.id
        assert label in derived
        assert labels <= set(derived)


def _canonical(triples: set) -> set:  # type: ignore[type-arg]
    """Decimals by value (``Decimal("10.0") == Decimal("10")``), every other term as it is."""
    return {
        (s, p, o.toPython() if isinstance(o, Literal) and o.datatype == XSD.decimal else o)
        for s, p, o in triples
    }


def test_ntriples_text_reads_back_as_the_same_graph(determinations: list[Determination]) -> None:
    for det in determinations:
        for graph in _fast_path(det):
            text = ntriples(graph)
            assert text.endswith(" .\n")
            assert text.count("\n") == len(graph)
            assert set(Graph().parse(data=text, format="nt")) == set(graph), det.id


def test_hard_text_survives_the_store(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hard.yaml").write_text(HARD_CASE, encoding="utf-8")
    report = load([tmp_path / "in"], tmp_path / "s", bulk=True, progress=False)
    assert report.failed == 0
    assert report.loaded == 1
    out = io.BytesIO()
    export(open_store(tmp_path / "s"), out)
    stored = Dataset().parse(data=out.getvalue(), format="nquads")
    text = URIRef("https://w3id.org/toulmin/ontology#text")
    objects = {o for _, p, o, _ in stored.quads() if p == text}
    assert Literal(HARD_TEXT) in objects
    assert Literal("1.0\n") in {o for _, _, o, _ in stored.quads()}


@pytest.mark.parametrize("bulk", [True, False])
def test_a_loaded_store_holds_what_the_rdflib_path_compiles(
    tmp_path: Path, corpus: list[Path], bulk: bool
) -> None:
    report = load(corpus, tmp_path / "s", extra_graphs=derived_layer, bulk=bulk, progress=False)
    assert (report.loaded, report.failed, report.bulk) == (len(corpus), 0, bulk)
    graphs = [g for det in map(load_case, corpus) for g in _rdflib_path(det)]
    assert report.quads == sum(len(g) for g in graphs)
    # the same graphs through rdflib's N-Quads and Oxigraph's parser (which stores
    # decimals canonically, as it did with any loader)
    reference = ox.Store()
    reference.load(to_dataset(graphs).serialize(format="nquads").encode(), ox.RdfFormat.N_QUADS)
    expected, out = io.BytesIO(), io.BytesIO()
    reference.dump(expected, ox.RdfFormat.N_QUADS)
    export(open_store(tmp_path / "s"), out)
    assert set(out.getvalue().splitlines()) == set(expected.getvalue().splitlines())
    assert len(set(out.getvalue().splitlines())) == report.quads


@given(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from([None, "en", "de-CH"]),
    st.sampled_from([None, XSD.string, URIRef("urn:example:datatype")]),
)
def test_any_literal_is_written_as_oxigraph_reads_it(
    text: str, language: str | None, datatype: URIRef | None
) -> None:
    literal = Literal(text, lang=language) if language else Literal(text, datatype=datatype)
    g = NamedTriples(URIRef("urn:g"), [(URIRef("urn:s"), URIRef("urn:p"), literal)])
    (triple,) = ox.parse(ntriples(g), format=ox.RdfFormat.N_TRIPLES)
    assert triple.object.value == text
    assert (triple.object.language or None) == (language and language.lower())
    if not language:
        assert triple.object.datatype.value == str(datatype or XSD.string)


@pytest.mark.parametrize(
    ("triple", "why"),
    [
        ((URIRef("urn:has space"), URIRef("urn:p"), Literal("x")), "Invalid IRI code point"),
        (
            (URIRef("urn:s"), URIRef("urn:p"), Literal("x", lang="abcdefghijk")),
            "subtag may be eight characters",
        ),
        (
            (URIRef("urn:s"), URIRef("urn:p"), Literal("lone \udc80 surrogate")),
            "surrogates not allowed",
        ),
    ],
)
def test_invalid_terms_are_refused_before_any_store_sees_them(triple: tuple, why: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError, match=why):
        ntriples(NamedTriples(URIRef("urn:g"), [triple]))


# -- the worker's shortcuts, each against what it replaces -----------------------------------
@given(st.text())
def test_plain_literal_is_rdflibs_literal(text: str) -> None:
    fast, slow = plain_literal(text), Literal(text)
    assert type(fast) is Literal
    assert [getattr(fast, slot) for slot in Literal.__slots__] == [
        getattr(slow, slot) for slot in Literal.__slots__
    ]
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert fast.n3() == slow.n3()


RESOLVER_SAMPLES = [
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "False",
    "y",
    "n",
    "0",
    "-0",
    "+12",
    "0x1f",
    "0o17",
    "017",
    "0b101",
    "1_000",
    "190:20:30",
    "1e3",
    "-1.5E-3",
    ".5",
    ".inf",
    "-.Inf",
    ".NaN",
    "2025-08-18",
    "2025-08-18T11:08:00Z",
    "2025-8-1 1:02:03.5",
    "<<",
    "=",
    "text",
    "t",
    "63047",
    "'12'",
    '"yes"',
    "M48.02",
    "-item",
    "[a, 1]",
    "{k: v}",
]


@pytest.mark.parametrize("value", RESOLVER_SAMPLES)
def test_the_fast_resolver_tags_as_pyyaml_does(value: str) -> None:
    text = f"key: {value}\nlist:\n  - {value}\n"
    ours = yaml.compose(text, Loader=yaml_positions._COMPOSER)
    theirs = yaml.compose(text, Loader=yaml_positions._BASE)
    assert yaml_positions._COMPOSER is not yaml_positions._BASE  # the fast one is in use
    assert _tags(ours) == _tags(theirs)


@given(st.text(), st.booleans(), st.booleans())
def test_the_fast_resolver_answers_as_pyyamls_resolver(
    value: str, plain: bool, plain_in_flow: bool
) -> None:
    implicit = (plain, plain_in_flow)
    resolver = yaml.resolver.Resolver()
    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        assert yaml_positions._resolve(None, kind, value, implicit) == resolver.resolve(
            kind, value, implicit
        )


def _tags(node: yaml.Node) -> list[tuple[str, object]]:
    if isinstance(node, yaml.ScalarNode):
        return [(node.tag, node.value)]
    items = (
        node.value
        if isinstance(node, yaml.SequenceNode)
        else [part for pair in node.value for part in pair]
    )
    return [(node.tag, None), *(t for item in items for t in _tags(item))]


def test_workers_collect_garbage_less_often() -> None:
    import gc

    from toulmin.graph.store.pool import WORKER_GC_THRESHOLD, Pool

    pool = Pool(2, 100, None)
    try:
        assert pool.executor is not None
        threshold = pool.executor.submit(gc.get_threshold).result()
        frozen = pool.executor.submit(gc.get_freeze_count).result()
    finally:
        pool.close()
    assert threshold == (WORKER_GC_THRESHOLD, 20, 100) != gc.get_threshold()
    assert frozen > 0
