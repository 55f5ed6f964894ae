"""OWL consistency with HermiT (toulmin.ontology.reasoning).

HermiT starts a JVM (1-2 s a run), so each graph is reasoned over once: the reports are
module-scoped fixtures shared by the assertions. Tests marked ``java`` need a Java
runtime: without one they are skipped, except with CI=true where they fail.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from rdflib import OWL, RDF, XSD, Dataset, Graph, Literal, URIRef

from tests.helpers.paths import FIXTURES
from toulmin.errors import MissingToolError
from toulmin.ontology.namespace import TLM
from toulmin.ontology.reasoning import (
    ConsistencyReport,
    _diagnose,
    _merge,
    check_consistency,
    find_java,
)
from toulmin.ontology.validate import load_ontology

FIXTURE = FIXTURES / "rdf" / "valid-min.ttl"
DET = URIRef("https://w3id.org/toulmin/d/valid-min")
BASE = "https://w3id.org/toulmin/d/valid-min/"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
INSTALL = "install a Java runtime: make java or apt-get install -y default-jre-headless"


def n(local: str) -> URIRef:
    return URIRef(BASE + local)


def valid_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module")
def java() -> str:
    try:
        return find_java()
    except MissingToolError as error:
        if IN_CI:
            pytest.fail(f"{error} (CI=true: nothing may be skipped)")
        pytest.skip(f"HermiT needs Java: {INSTALL}")


@pytest.fixture(scope="module")
def ontology_report(java: str) -> ConsistencyReport:
    return check_consistency(java=java)


@pytest.fixture(scope="module")
def valid_report(java: str) -> ConsistencyReport:
    g = valid_graph()
    # the compiler writes a date without a time as xsd:date, outside the OWL 2 datatype map
    g.remove((DET, TLM.requestReceived, None))
    g.add((DET, TLM.requestReceived, Literal("2025-11-20", datatype=XSD.date)))
    g.add((n("c-mild"), TLM.plainText, Literal("Die Stenose ist leicht.", lang="de")))
    return check_consistency(g, java=java)


@pytest.fixture(scope="module")
def two_outcomes_report(java: str) -> ConsistencyReport:
    g = valid_graph()
    g.add((n("svc-63042/decision"), TLM.outcome, TLM.Denied))  # and tlm:Approved
    return check_consistency(g, java=java)


@pytest.fixture(scope="module")
def disjoint_kinds_report(java: str) -> ConsistencyReport:
    g = valid_graph()
    g.add((n("c-main"), RDF.type, TLM.Claim))  # already a tlm:Conclusion
    return check_consistency(g, java=java)


@pytest.mark.java
def test_ontology_alone_is_consistent(ontology_report: ConsistencyReport, java: str) -> None:
    assert ontology_report.consistent
    assert ontology_report.explanation == ""
    assert ontology_report.hints == ()
    assert ontology_report.command[0] == java
    assert "org.semanticweb.HermiT.cli.CommandLine" in ontology_report.command
    assert str(ontology_report) == "consistent (HermiT)"


@pytest.mark.java
def test_valid_fixture_with_its_literals_is_consistent(valid_report: ConsistencyReport) -> None:
    # xsd:dateTime, xsd:decimal, xsd:integer, xsd:boolean, language tags go to HermiT;
    # the xsd:date is left out and reported
    assert valid_report.consistent, valid_report
    assert valid_report.skipped == (f'<{DET}> <{TLM.requestReceived}> "2025-11-20"^^<{XSD.date}>',)


@pytest.mark.java
def test_two_outcomes_of_one_decision_are_inconsistent(
    two_outcomes_report: ConsistencyReport,
) -> None:
    report = two_outcomes_report
    assert not report.consistent
    assert "Inconsistent ontology" in report.explanation
    assert any(
        str(n("svc-63042/decision")) in hint
        and "tlm:outcome" in hint
        and "tlm:Approved" in hint
        and "tlm:Denied" in hint
        for hint in report.hints
    ), report.hints
    assert str(report).startswith("inconsistent (HermiT: ")


@pytest.mark.java
def test_a_node_of_two_disjoint_kinds_is_inconsistent(
    disjoint_kinds_report: ConsistencyReport,
) -> None:
    report = disjoint_kinds_report
    assert not report.consistent
    assert any(
        "c-main" in hint and "tlm:Claim" in hint and "tlm:Conclusion" in hint
        for hint in report.hints
    ), report.hints


@pytest.mark.java
def test_ill_typed_literal_is_inconsistent(java: str) -> None:
    g = valid_graph()
    g.remove((n("c-63042"), TLM.weight, None))
    g.add((n("c-63042"), TLM.weight, Literal("high", datatype=XSD.decimal)))
    report = check_consistency(g, java=java)
    assert not report.consistent
    assert any("ill-typed" in hint and '"high"' in hint for hint in report.hints)


@pytest.mark.java
def test_no_temporary_files_are_left(
    two_outcomes_report: ConsistencyReport, tmp_path: Path
) -> None:
    # owlready2 leaves its input behind on inconsistency; ours goes to a removed folder
    hermit_input = two_outcomes_report.command[-1].removeprefix("file:///")
    assert not Path("/" + hermit_input.lstrip("/")).exists()


# --- finding Java (no Java needed) ---------------------------------------------------


def test_explicit_java_that_does_not_exist() -> None:
    with pytest.raises(MissingToolError, match="make java"):
        find_java("/nonexistent/bin/java")


def test_no_java_anywhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingToolError) as caught:
        find_java()
    assert "make java" in str(caught.value)
    assert "apt-get install -y default-jre-headless" in str(caught.value)
    assert caught.value.exit_code == 2
    with pytest.raises(MissingToolError):
        check_consistency(Graph())


def test_java_home_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "jdk" / "bin" / "java"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_java() == str(fake)


# --- the diagnosis behind the hints (no Java needed) ----------------------------------


def _hints(*triples: tuple[URIRef, URIRef, URIRef | Literal]) -> list[str]:
    g = load_ontology()
    for triple in valid_graph():
        g.add(triple)
    for triple in triples:
        g.add(triple)
    return _diagnose(g)


def test_diagnosis_of_the_valid_fixture_is_empty() -> None:
    assert _hints() == []


def test_diagnosis_of_a_property_outside_its_union_domain() -> None:
    [hint] = _hints((n("f-weakness/finding"), TLM.spinalLevel, Literal("L4-5")))
    assert "tlm:ExamFinding" in hint
    assert "tlm:spinalLevel" in hint
    assert "tlm:ImagingFinding or tlm:RequestedService or tlm:SurgicalHistory" in hint


def test_diagnosis_of_values_outside_their_range() -> None:
    hints = _hints(
        (n("c-mild"), TLM.weight, Literal("1.5", datatype=XSD.decimal)),
        (n("svc-22849/decision"), TLM.outcome, TLM.Met),
    )
    assert any("c-mild" in h and "1.5" in h and "outside its range" in h for h in hints)
    assert any("tlm:Met is used as a tlm:Outcome" in h for h in hints)


def test_diagnosis_of_an_undercut_on_a_statement() -> None:
    hints = _hints((n("x-artifact"), TLM.target, n("c-mild")))
    assert any("c-mild" in h and "tlm:Inference" in h and "tlm:Statement" in h for h in hints), (
        hints
    )


def test_diagnosis_of_circular_inference() -> None:
    hints = _hints((n("i-mild"), TLM.premise, n("c-mild")))
    assert any("tlm:premise" in h and "tlm:conclusion" in h for h in hints), hints


def test_every_graph_of_a_dataset_is_reasoned_over() -> None:
    ds = Dataset()
    named = ds.graph(URIRef(BASE + "graph"))
    for triple in valid_graph():
        named.add(triple)
    named.add((DET, OWL.imports, URIRef("https://example.org/remote")))
    merged = _merge(ds)
    assert (n("c-main"), RDF.type, TLM.Conclusion) in merged
    assert (None, OWL.imports, None) not in merged
