"""AIF in and out: real nodesets round-trip, messy ones fail or warn clearly, and a
toulmin determination survives export and import (property test).

Fixtures: tests/fixtures/aif/README.md records their source and licence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers import argument_strategies as strategies
from tests.helpers.paths import FIXTURES
from toulmin.cli import main
from toulmin.errors import CaseFileError
from toulmin.graph.aif import export_aif, import_aif, load_aif
from toulmin.graph.argument.view import argument_layer

NODESETS = FIXTURES / "aif"
SAMPLE = sorted(NODESETS.glob("*.json"))


def canon(data: dict[str, Any]) -> tuple[Any, ...]:
    """A nodeset up to node and edge order, without the toulmin extension key."""
    body = data.get("AIF", data)

    def norm(xs: list[Any]) -> list[str]:
        return sorted(json.dumps(x, sort_keys=True) for x in xs)

    rest = {k: v for k, v in body.items() if k not in ("nodes", "edges", "toulmin")}
    outer = {k: v for k, v in data.items() if k != "AIF"} if "AIF" in data else None
    return norm(body["nodes"]), norm(body["edges"]), rest, outer


def test_the_sample_is_there() -> None:
    assert len(SAMPLE) >= 27


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.name)
def test_export_of_an_import_is_the_same_nodeset(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    result = load_aif(path)
    assert not result.report.warnings
    exported = export_aif(result.determination)
    assert canon(exported) == canon(original)
    again = import_aif(json.loads(json.dumps(exported)), str(path))
    assert argument_layer(again.determination) == argument_layer(result.determination)


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.name)
def test_every_ra_and_i_node_is_in_the_argument(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    body = data.get("AIF", data)
    det = load_aif(path).determination
    count = {t: sum(n["type"] == t for n in body["nodes"]) for t in ("I", "RA", "CA")}
    assert len(det.statements) == count["I"]
    assert len(det.inferences) == count["RA"]
    assert len(det.conflicts) == count["CA"]


def test_xaif_dialogue_nodes_and_locutions_come_back() -> None:
    path = NODESETS / "papa_xaif_basic.json"
    result = load_aif(path)
    kept = {n["type"] for n in result.sidecar["kept_nodes"]}
    assert kept == {"L", "YA"}
    exported = export_aif(result.determination)
    assert exported["AIF"]["locutions"] == json.loads(path.read_text())["AIF"]["locutions"]
    assert exported["OVA"]["firstname"] == ""
    (conflict,) = result.determination.conflicts
    assert (conflict.kind, conflict.attacker, conflict.target) == ("rebut", "n5", "n4")


def test_a_real_undercut_and_undermining() -> None:
    det = load_aif(NODESETS / "papa_rebut_undercut.json").determination
    texts = {s.id: s.text for s in det.statements}
    kinds = {(c.kind, texts[c.attacker]) for c in det.conflicts}
    assert kinds == {("undercut", "A and B are totally unrelated"), ("undermine", "not B")}
    (inference,) = det.inferences
    assert texts[det.main_claim] == "A" == texts[inference.conclusion]


def _nodeset(nodes: list[Any], edges: list[Any]) -> dict[str, Any]:
    return {"nodes": nodes, "edges": edges}


def _i(nid: Any, text: str = "A statement.") -> dict[str, Any]:
    return {"nodeID": nid, "text": text, "type": "I"}


def _s(nid: Any, kind: str, text: str = "") -> dict[str, Any]:
    return {"nodeID": nid, "text": text or f"Default {kind}", "type": kind}


def _e(a: Any, b: Any) -> dict[str, Any]:
    return {"fromID": a, "toID": b}


ARG = [_i(1, "Conclusion."), _i(2, "Premise."), _s(3, "RA")]
ARG_EDGES = [_e(2, 3), _e(3, 1)]


def test_kinds_of_conflict_follow_the_target() -> None:
    nodes = [*ARG, _i(4, "Against the inference."), _s(5, "CA"), _i(6, "Against the premise.")]
    nodes += [_s(7, "CA"), _i(8, "Against the conclusion."), _s(9, "CA"), _s(10, "PA")]
    edges = [*ARG_EDGES, _e(4, 5), _e(5, 3), _e(6, 7), _e(7, 2), _e(8, 9), _e(9, 1)]
    edges += [_e(1, 10), _e(10, 8)]
    det = import_aif(_nodeset(nodes, edges), "k.json").determination
    kinds = {c.id: (c.kind, c.target) for c in det.conflicts}
    assert kinds == {
        "ca5": ("undercut", "ra3"),
        "ca7": ("undermine", "n2"),
        "ca9": ("rebut", "n1"),
    }
    assert [(p.preferred, p.over) for p in det.preferences] == [("n1", "n8")]


def test_ma_nodes_are_kept_as_rephrase_relations() -> None:
    nodes = [*ARG, _i(4, "The premise, restated."), _s(5, "MA", "Default Rephrase")]
    result = import_aif(_nodeset(nodes, [*ARG_EDGES, _e(2, 5), _e(5, 4)]), "ma.json")
    assert [n["nodeID"] for n in result.sidecar["kept_nodes"]] == [5]
    assert len(result.sidecar["kept_edges"]) == 2
    exported = export_aif(result.determination)
    assert canon(exported) == canon(_nodeset(nodes, [*ARG_EDGES, _e(2, 5), _e(5, 4)]))


def test_scheme_and_escaped_text_round_trip() -> None:
    text = 'He said "no" \\ twice,\nthen left — ünïcode & <b>'
    nodes = [_i("a", text), _i("b"), _s("c", "RA", "Argument From Expert Opinion")]
    data = _nodeset(nodes, [_e("b", "c"), _e("c", "a")])
    result = import_aif(json.loads(json.dumps(data)), "s.json")
    assert result.determination.inferences[0].scheme == "Argument From Expert Opinion"
    assert result.determination.node("na").text == text
    assert canon(export_aif(result.determination)) == canon(data)


def _warnings(data: dict[str, Any]) -> list[str]:
    return [str(w) for w in import_aif(data, "messy.json").report.warnings]


def test_a_dangling_edge_is_a_warning_naming_the_edge_and_node() -> None:
    (warning,) = _warnings(_nodeset(ARG, [*ARG_EDGES, _e(2, 99)]))
    assert warning.startswith("messy.json: /edges/2:")
    assert "no node 99" in warning


def test_an_identical_duplicate_node_is_a_warning() -> None:
    (warning,) = _warnings(_nodeset([*ARG, _i(2, "Premise.")], ARG_EDGES))
    assert "/nodes/2" in warning
    assert "duplicate" in warning


def test_unknown_type_and_ra_without_conclusion_are_warnings() -> None:
    nodes = [*ARG, {"nodeID": 4, "text": "?", "type": "XX"}, _s(5, "RA"), _i(6)]
    warnings = _warnings(_nodeset(nodes, [*ARG_EDGES, _e(6, 5)]))
    assert any("/nodes/4" in w and "unknown node type 'XX'" in w for w in warnings)
    assert any("/nodes/5" in w and "no conclusion" in w for w in warnings)


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        (_nodeset([*ARG, _i(2, "Other text.")], ARG_EDGES), "/nodes/2", "duplicate nodeID"),
        (_nodeset([*ARG, _i(4)], [*ARG_EDGES, _e(3, 4)]), "/nodes/3", "2 conclusions"),
        (_nodeset([{"text": "x", "type": "I"}], []), "/nodes/0", "needs a nodeID"),
        (_nodeset([_i(1), {"nodeID": 2, "text": 5, "type": "I"}], []), "/nodes/2", "string"),
        (_nodeset([_s(1, "RA")], []), "/nodes", "no I-node"),
        ({"vertices": []}, "", "not an AIF nodeset"),
    ],
)
def test_unclear_input_is_an_error_with_file_and_node(data: Any, where: str, what: str) -> None:
    with pytest.raises(CaseFileError) as info:
        import_aif(data, "messy.json")
    message = str(info.value)
    assert message.startswith(f"messy.json: {where}" if where else "messy.json:")
    assert what in message


def test_a_file_that_is_not_json_is_an_error_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [\n  {"nodeID": 1,}\n]}', encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"bad.json:2: not JSON"):
        load_aif(bad)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.determinations())
def test_import_of_an_export_is_the_same_argument_graph(det: Any) -> None:
    assume(det.statements)  # a case file needs at least one statement
    exported = json.loads(json.dumps(export_aif(det)))
    back = import_aif(exported, "generated.json").determination
    assert argument_layer(back) == argument_layer(det)
    assert back.normalized().sources == det.normalized().sources


def test_cli_import_then_evaluate_draw_brief_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = NODESETS / "nodeset141.json"
    assert main(["import", "aif", str(source), "-o", str(tmp_path)]) == 0
    case = tmp_path / "nodeset141.yaml"
    assert (tmp_path / "nodeset141.aif.json").exists()
    assert main(["evaluate", str(case)]) in (0, 1)
    assert "main claim" in capsys.readouterr().out
    assert main(["viz", str(case), "-o", str(tmp_path / "map.html")]) == 0
    main_claim = load_aif(source).determination.main_claim
    assert main_claim in (tmp_path / "map.html").read_text(encoding="utf-8")
    assert main(["brief", str(case), "-o", str(tmp_path / "brief.md")]) == 0
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").strip()
    out = tmp_path / "back.json"
    assert main(["export", "aif", str(case), "-o", str(out)]) == 0
    assert canon(json.loads(out.read_text())) == canon(json.loads(source.read_text()))


def test_cli_import_reports_a_bad_file_and_keeps_going(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_nodeset([*ARG, _i(4)], [*ARG_EDGES, _e(3, 4)])))
    code = main(["import", "aif", str(bad), str(NODESETS / "nodeset35.json"), "-o", str(tmp_path)])
    assert code == 2
    assert "bad.json: /nodes/3" in capsys.readouterr().err
    assert (tmp_path / "nodeset35.yaml").exists()


def test_an_empty_i_node_is_a_warning_and_comes_back_empty() -> None:
    nodes = [_i(1, "Conclusion."), _i(2, " "), _s(3, "RA")]
    data = _nodeset(nodes, ARG_EDGES)
    result = import_aif(data, "empty.json")
    (warning,) = [str(w) for w in result.report.warnings]
    assert "/nodes/2" in warning
    assert "empty text" in warning
    assert result.determination.node("n2").text == "(no text)"
    assert canon(export_aif(result.determination)) == canon(data)


def test_an_edited_statement_is_exported_with_its_new_text() -> None:
    from dataclasses import replace

    result = load_aif(NODESETS / "nodeset35.json")
    det = result.determination
    first = det.statements[0]
    edited = replace(det, statements=(replace(first, text="Reworded."), *det.statements[1:]))
    edited.extra["aif"] = result.sidecar
    nodes = export_aif(edited)["nodes"]
    (node,) = [n for n in nodes if n["nodeID"] == result.sidecar["ids"][first.id]]
    assert node["text"] == "Reworded."
    assert node["timestamp"]  # the original's other keys stay
    assert node["toulmin"]["id"] == first.id


def test_import_and_export_hold_every_format() -> None:
    """``import``/``export`` are one group each, shared by the aif and fhir modules."""
    from toulmin.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["import", "aif", "x.json"]).format == "aif"
    assert parser.parse_args(["import", "fhir", "x.json"]).format == "fhir"
    assert parser.parse_args(["export", "aif", "x.yaml"]).format == "aif"
    assert parser.parse_args(["export", "fhir", "x.yaml", "-o", "r.json"]).format == "fhir"


def test_an_imported_nodeset_can_be_queried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = NODESETS / "papa_rebut_undercut.json"
    assert main(["import", "aif", str(source), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    case = str(tmp_path / "papa_rebut_undercut.yaml")
    main(["query", "unanswered-attacks", case, "--format", "json"])
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert sorted((r["kind"], r["attacker_text"]) for r in rows) == [
        ("Undercut", "A and B are totally unrelated"),
        ("Undermining", "not B"),
    ]


def test_an_edge_warning_names_the_edge_by_its_place_in_the_file() -> None:
    edges = [*ARG_EDGES, _e(2, 3), _e(3, 99)]  # a duplicate, then a dangling edge
    warnings = _warnings(_nodeset(ARG, edges))
    assert any(w.startswith("messy.json: /edges/2:") and "duplicate" in w for w in warnings)
    assert any(w.startswith("messy.json: /edges/3:") and "no node 99" in w for w in warnings)


@pytest.mark.parametrize(
    ("nodes", "edges", "where", "what"),
    [
        ([_i(1), _i(2), _s(3, "CA")], [_e(1, 3), _e(3, 1)], "/nodes/3", "cannot attack itself"),
        (
            [_i(1), _i(2), _s(3, "RA"), _s(4, "RA")],
            [_e(1, 3), _e(3, 2), _e(2, 4), _e(4, 1)],
            "/nodes/",
            "cycle",
        ),
    ],
)
def test_case_rules_are_told_by_aif_node(
    nodes: list[Any], edges: list[Any], where: str, what: str
) -> None:
    with pytest.raises(CaseFileError) as info:
        import_aif(_nodeset(nodes, edges), "rules.json")
    assert str(info.value).startswith(f"rules.json: {where}")
    assert what in str(info.value)


_TYPES = st.sampled_from(["RA", "RA", "RA", "CA", "CA", "PA", "MA", "L", "YA", "TA", "XX"])
_IDS = st.one_of(st.integers(0, 9), st.sampled_from(["3", "a b", "x/1", "7"]))


@st.composite
def messy_nodesets(draw: st.DrawFn) -> dict[str, Any]:
    """Nodesets built around S-nodes, with the odd dangling edge, duplicate or unknown type."""
    ids = draw(st.lists(_IDS, min_size=2, max_size=10, unique_by=str))
    n_i = draw(st.integers(1, max(1, len(ids) // 2)))
    texts = st.sampled_from(["", "A.", 'q"\\', "é\n", "B."])
    types = ["I"] * n_i + [draw(_TYPES) for _ in ids[n_i:]]
    nodes = [{"nodeID": i, "text": draw(texts), "type": t} for i, t in zip(ids, types, strict=True)]
    if draw(st.integers(0, 9)) == 0:
        nodes.append(dict(draw(st.sampled_from(nodes))))  # an identical duplicate
    edges = []
    near = st.one_of(st.sampled_from(ids[:n_i]), st.sampled_from(ids[:n_i]), st.sampled_from(ids))
    for sid in ids[n_i:]:
        for _ in range(draw(st.sampled_from([1, 1, 2, 0, 3]))):
            edges.append({"fromID": draw(near), "toID": sid})
        for _ in range(draw(st.sampled_from([1, 1, 0, 2]))):
            edges.append({"fromID": sid, "toID": draw(near)})
    for _ in range(draw(st.integers(0, 3))):
        edges.append({"fromID": draw(near), "toID": draw(st.one_of(near, _IDS))})
    data: dict[str, Any] = {"nodes": nodes, "edges": edges}
    return {"AIF": data, "text": ""} if draw(st.booleans()) else data


@settings(max_examples=300, deadline=None)
@given(messy_nodesets())
def test_any_nodeset_imports_or_gives_a_clear_error(data: dict[str, Any]) -> None:
    try:
        result = import_aif(data, "fuzz.json")
    except CaseFileError as err:
        refused = err
    else:
        refused = None
    if refused is not None:
        assert all(p.file == "fuzz.json" for p in refused.problems)
        return
    exported = json.loads(json.dumps(export_aif(result.determination)))
    again = import_aif(exported, "fuzz.json")
    assert argument_layer(again.determination) == argument_layer(result.determination)
