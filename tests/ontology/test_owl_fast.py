"""``check`` without a Java process per case: the cached verdict, the model check, HermiT.

The ontology's own consistency is HermiT's verdict, cached per ontology and reasoner
version (toulmin.ontology.cache); a determination is shown consistent by a model built
in Python (toulmin.ontology.owl_model) or else goes to HermiT. What matters is that
nothing changes: every "consistent" of the model check is confirmed by HermiT here, the
contradictory fixtures are still found inconsistent, and ``check`` reports the same
findings with the cache cold, warm and bypassed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from tests.helpers import shape_cases
from toulmin.errors import MissingToolError
from toulmin.graph.rdf.check import check_determination
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.read import read_determination
from toulmin.ontology import reasoning
from toulmin.ontology.cache import CACHE_DIR_ENV, NO_CACHE_ENV, cache_dir
from toulmin.ontology.hermit import hermit_classpath, run_hermit
from toulmin.ontology.namespace import TLM
from toulmin.ontology.owl_model import compile_schema, has_model
from toulmin.ontology.reasoning import (
    OWL2_DATATYPES,
    check_consistency,
    find_java,
    ontology_consistency,
)
from toulmin.ontology.validate import shared_ontology

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BASE = "https://w3id.org/toulmin/d/valid-min/"
DEC = XSD.decimal


def n(local: str) -> URIRef:
    return URIRef(BASE + local)


def valid() -> Graph:
    return Graph().parse(shape_cases.FIXTURE, format="turtle")


def with_triples(*triples: tuple[URIRef, URIRef, URIRef | Literal]) -> Graph:
    g = valid()
    for triple in triples:
        g.add(triple)
    return g


#: edits aimed at the OWL axioms (SHACL's edits are in test_shapes.CASES)
OWL_EDITS: dict[str, Graph] = {
    "two-outcomes": with_triples((n("svc-63042/decision"), TLM.outcome, TLM.Denied)),
    "two-disjoint-kinds": with_triples((n("c-main"), RDF.type, TLM.Claim)),
    "outcome-not-an-outcome": with_triples((n("svc-63042/decision"), TLM.outcome, TLM.Met)),
    # a second value of the functional tlm:outcome: "maybe" is then tlm:Approved itself
    "outcome-by-another-name": with_triples((n("svc-63042/decision"), TLM.outcome, n("maybe"))),
    "an-outcome-of-its-own": with_triples((n("maybe"), RDF.type, TLM.Outcome)),
    "weight-above-one": with_triples(
        (n("c-mild"), TLM.weight, Literal("1.5", datatype=XSD.decimal))
    ),
    "localid-language": with_triples((n("c-mild"), TLM.localId, Literal("c", lang="en"))),
    "a-class-axiom": with_triples((TLM.Claim, RDFS.subClassOf, TLM.Source)),
    "undeclared-property": with_triples((n("c-mild"), URIRef("urn:x:p"), n("c-main"))),
    "same-as": with_triples((n("c-mild"), OWL.sameAs, n("c-main"))),
    "premise-is-conclusion": with_triples((n("i-mild"), TLM.premise, n("c-mild"))),
    "undercut-on-statement": with_triples((n("x-artifact"), TLM.target, n("c-mild"))),
}


@pytest.fixture(scope="module")
def java() -> str:
    try:
        return find_java()
    except MissingToolError as error:
        if IN_CI:
            pytest.fail(f"{error} (CI=true: nothing may be skipped)")
        pytest.skip(f"HermiT needs Java: {error}")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    return folder


# --- the model check alone (no Java) --------------------------------------------------


def test_the_fragment_covers_the_whole_ontology() -> None:
    # were an axiom outside it added, every case would go to HermiT again (slow, not wrong)
    assert compile_schema(shared_ontology()) is not None


def test_an_axiom_outside_the_fragment_turns_the_model_check_off() -> None:
    ontology = Graph()
    for triple in shared_ontology():
        ontology.add(triple)
    ontology.add((TLM.premise, RDF.type, OWL.TransitiveProperty))
    assert compile_schema(ontology) is None


def readable(graph: Graph) -> Graph:
    """``graph`` without the literals HermiT cannot read, as check gives it the reasoner
    (a typed duration, ``xsd:dayTimeDuration``, is not an OWL 2 datatype)."""
    out = Graph()
    for s, p, o in graph:
        if not (isinstance(o, Literal) and o.datatype is not None) or o.datatype in OWL2_DATATYPES:
            out.add((s, p, o))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_has_a_model(path: Path) -> None:
    schema = compile_schema(shared_ontology())
    assert schema is not None
    graph = readable(compile_determination(read_determination(path, None)))
    assert has_model(schema, shared_ontology(), graph)


@pytest.mark.parametrize(
    "name",
    [
        "two-outcomes",
        "two-disjoint-kinds",
        "outcome-not-an-outcome",
        "an-outcome-of-its-own",
        "weight-above-one",
        "localid-language",
        "a-class-axiom",
        "undeclared-property",
        "same-as",
        "undercut-on-statement",
    ],
)
def test_what_the_model_check_cannot_show_is_left_to_hermit(name: str) -> None:
    schema = compile_schema(shared_ontology())
    assert schema is not None
    assert not has_model(schema, shared_ontology(), OWL_EDITS[name])


# --- every "consistent" of the model check is HermiT's too ----------------------------


def test_hermit_confirms_every_graph_the_model_check_passes(java: str, tmp_path: Path) -> None:
    schema = compile_schema(shared_ontology())
    assert schema is not None
    graphs = {"valid": valid(), **OWL_EDITS}
    graphs |= {case.id: shape_cases.edited(valid(), case) for case in shape_cases.CASES}
    graphs |= {
        p.stem: readable(compile_determination(read_determination(p, None))) for p in EXAMPLES
    }
    passed = {name for name, g in graphs.items() if has_model(schema, shared_ontology(), g)}
    assert len(passed) > 40
    assert len(graphs) - len(passed) > 10
    # one JVM for them all: HermiT's command line takes several ontologies in turn
    files = []
    for name in sorted(passed):
        merged, _skipped, _ill = reasoning._split_literals(reasoning._merge(graphs[name]))
        path = tmp_path / f"{name}.nt"
        merged.serialize(path, format="nt", encoding="utf-8")
        files.append(path.as_uri())
    classpath = os.pathsep.join(hermit_classpath())
    command = [java, "-Xmx2000M", "-cp", classpath, "org.semanticweb.HermiT.cli.CommandLine"]
    done = subprocess.run([*command, "-k", *files], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("is satisfiable") == len(files), done.stdout


def test_the_contradictory_fixtures_are_still_inconsistent(java: str, cache: Path) -> None:
    for name in ("two-outcomes", "two-disjoint-kinds", "outcome-not-an-outcome"):
        report = check_consistency(OWL_EDITS[name], java=java)
        assert not report.consistent, name
        assert report.method == "HermiT"
        assert "Inconsistent ontology" in report.explanation
        assert report.hints
        hermit = check_consistency(OWL_EDITS[name], java=java, reasoner="hermit")
        assert (report.explanation, report.hints, report.skipped) == (
            hermit.explanation,
            hermit.hints,
            hermit.skipped,
        )


# --- the cached verdict on the ontology -----------------------------------------------


def test_the_verdict_is_cached_and_read_back(java: str, cache: Path) -> None:
    cold = ontology_consistency(java=java)
    assert cold.consistent
    assert cold.method == "HermiT"
    (record,) = cache.glob("owl-consistency-*.json")
    assert json.loads(record.read_text())["consistent"] is True
    warm = ontology_consistency(java=java)
    assert warm == cold
    assert warm.method == "cached HermiT"
    assert check_consistency(java=java) == cold


def test_a_changed_ontology_is_reasoned_over_again(
    java: str, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ontology_consistency(java=java)
    changed = tmp_path / "toulmin.ttl"
    changed.write_bytes(reasoning.ONTOLOGY_PATH.read_bytes() + b"\n# an edit\n")
    monkeypatch.setattr(reasoning, "ONTOLOGY_PATH", changed)
    assert ontology_consistency(java=java).method == "HermiT"
    assert len(list(cache.glob("owl-consistency-*.json"))) == 2


def test_a_cached_inconsistency_leaves_every_case_to_hermit(java: str, cache: Path) -> None:
    ontology_consistency(java=java)
    (record,) = cache.glob("owl-consistency-*.json")
    verdict = json.loads(record.read_text())
    verdict |= {"consistent": False, "explanation": "Inconsistent ontology"}
    record.write_text(json.dumps(verdict))
    assert not ontology_consistency(java=java).consistent
    report = check_consistency(valid(), java=java)
    assert report.method == "HermiT"
    assert report.consistent


def test_no_cache_reads_and_writes_nothing(
    java: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    assert ontology_consistency(java=java).method == "HermiT"
    assert ontology_consistency(java=java).method == "HermiT"
    assert not cache.exists()


def test_an_unreadable_record_is_ignored(java: str, cache: Path) -> None:
    ontology_consistency(java=java)
    (record,) = cache.glob("owl-consistency-*.json")
    record.write_text("{not json")
    assert ontology_consistency(java=java).method == "HermiT"
    assert json.loads(record.read_text())["consistent"] is True  # written again


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "toulmin"
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"


# --- check: the same findings, cold, warm and with HermiT on every case ---------------


def findings(path: Path, reasoner: str) -> tuple[object, ...]:
    report = check_determination(read_determination(path, None), reasoner=reasoner)
    return (report.ok, report.summary(), tuple(report.lines()))


def test_check_finds_the_same_cold_warm_and_with_hermit(java: str, cache: Path) -> None:
    paths = [*EXAMPLES, shape_cases.FIXTURE]
    cold = [findings(p, "auto") for p in paths[:1]]  # the first one fills the cache
    assert list(cache.glob("owl-consistency-*.json"))
    warm = [findings(p, "auto") for p in paths]
    hermit = [findings(p, "hermit") for p in paths]
    assert cold == warm[:1]
    assert warm == hermit
    assert all(ok for ok, _summary, _lines in warm)


# --- HermiT's own process: no shared state --------------------------------------------


def test_hermit_runs_in_threads_do_not_meet(java: str) -> None:
    graphs = {"good": valid(), "bad": OWL_EDITS["two-outcomes"]}

    def verdict(name: str) -> tuple[object, ...]:
        report = check_consistency(graphs[name], java=java, reasoner="hermit")
        return (report.consistent, report.explanation, report.hints, report.skipped)

    serial = {name: verdict(name) for name in graphs}
    results: dict[str, tuple[object, ...]] = {}

    def run(name: str) -> None:
        results[name] = verdict(name)

    threads = [threading.Thread(target=run, args=(name,)) for name in graphs for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == serial
    assert serial["good"][0] is True
    assert serial["bad"][0] is False


def test_hermit_is_run_without_importing_owlready2(java: str, cache: Path) -> None:
    code = (
        "import sys\n"
        "from toulmin.ontology.reasoning import check_consistency\n"
        "assert check_consistency(reasoner='hermit').consistent\n"
        "print('owlready2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_graph_hermit_cannot_read_is_bad_input(java: str) -> None:
    from toulmin.errors import BadInputError

    with pytest.raises(BadInputError, match="HermiT could not reason"):
        run_hermit(b"this is not N-Triples\n", java, 120)


@pytest.mark.parametrize(
    "module",
    [
        "toulmin.ontology.owl_model",
        "toulmin.ontology.cache",
        "toulmin.ontology.hermit",
        "toulmin.ontology.reasoning",
        "toulmin.ontology.validate",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize(
    ("literal", "readable"),
    [
        (Literal("0.8", datatype=DEC), True),
        (Literal("NaN", datatype=DEC), False),  # rdflib reads it; XML Schema has no such decimal
        (Literal("5", datatype=XSD.integer), True),
        (Literal("12", datatype=XSD.byte), False),  # not read: bounds of its own
        (Literal("2025-11-20T09:00:00Z", datatype=XSD.dateTime), True),
        (Literal("2025-13-45T00:00:00", datatype=XSD.dateTime), False),
        (Literal("true", datatype=XSD.boolean), True),
        (Literal("1.0", datatype=XSD.double), False),
        (Literal("plain"), True),
        (Literal("Die Stenose", lang="de"), True),
        (Literal("a\x01b"), False),  # not an XML character: outside xsd:string
    ],
)
def test_only_literals_of_known_lexical_forms_are_read(literal: Literal, readable: bool) -> None:
    from toulmin.ontology.owl_model import _well_formed

    assert _well_formed(literal) is readable
