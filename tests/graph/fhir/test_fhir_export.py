"""``toulmin export fhir``: a determination -> a PAS ClaimResponse bundle, and back.

Every example case is exported; the bundle is parsed back by the ``fhir.resources`` R4B
models (the base schema), read by ``toulmin import fhir``, and the reimport gives back the
same service lines, decisions, reasons and the denials' criteria (reference and version).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from fhir.resources.R4B.bundle import Bundle

from tests.helpers.paths import ROOT
from toulmin.cli import main
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.fhir.codes import EXT
from toulmin.graph.fhir.reader import import_bundles
from toulmin.graph.fhir.writer import claim_response_bundle
from toulmin.graph.rdf.check import check_determination
from toulmin.graph.rdf.iris import determination_iri

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _actions(bundle: dict) -> list[str]:
    response = bundle["entry"][0]["resource"]
    out = []
    for item in response["item"]:
        (action,) = item["adjudication"][0]["extension"]
        codes = [p for p in action["extension"] if p["url"] == EXT["review_action_code"]]
        out.append(codes[0]["valueCodeableConcept"]["coding"][0]["code"])
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_export_validates_and_round_trips(path: Path, tmp_path: Path) -> None:
    det = load_case(path)
    bundle = claim_response_bundle(det, now=WHEN)
    parsed = Bundle.model_validate_json(json.dumps(bundle))  # the base R4(B) schema
    assert parsed.entry[0].resource.get_resource_type() == "ClaimResponse"
    out = tmp_path / "response.json"
    out.write_text(json.dumps(bundle))
    case, _ = import_bundles([out])
    case_path = tmp_path / "back.yaml"
    case_path.write_text(yaml.safe_dump(case, sort_keys=False))
    back = load_case(case_path)
    assert check_determination(back, owl=False).ok
    before = [(s.code, s.system, s.decision) for s in det.services]
    after = [(s.code, s.system, s.decision) for s in back.services]
    assert after == before
    criteria = {c.id: c for c in det.criteria}
    sources = {s.id: s for s in det.sources}
    back_criteria = {c.id: c for c in back.criteria}
    for old, new in zip(det.services, back.services, strict=True):
        if old.decision == "approved":
            continue
        if old.reason:
            assert new.reason is not None
            assert new.reason.startswith(old.reason)
        wanted = {
            (criteria[c].ref or c, criteria[c].version or sources[criteria[c].source].version)
            for c in old.criteria
        }
        got = {(back_criteria[c].ref, back_criteria[c].version) for c in new.criteria}
        assert got == wanted


def test_a_denial_names_the_criterion_and_points_to_the_argument() -> None:
    det = load_case(ROOT / "examples" / "l3-l5-tlif-denied.yaml")
    bundle = claim_response_bundle(det, now=WHEN)
    assert _actions(bundle) == ["A3"] * len(det.services)
    response = bundle["entry"][0]["resource"]
    reason = next(
        p["valueCodeableConcept"]
        for p in response["item"][0]["adjudication"][0]["extension"][0]["extension"]
        if p["url"] == "reasonCode"
    )
    coding = reason["coding"][0]
    assert (coding["code"], coding["version"]) == ("LF-4", "illustrative-2025.1")
    assert "criterion LF-4 of Payer lumbar fusion criteria" in reason["text"]
    issue = [e for e in response["item"][0]["extension"] if e["url"] == EXT["issue_date"]]
    assert issue[0]["valueDate"] == det.decided[:10]
    provenance = bundle["entry"][-1]["resource"]
    assert provenance["resourceType"] == "Provenance"
    assert provenance["target"][0]["reference"] == bundle["entry"][0]["fullUrl"]
    whats = [e["what"] for e in provenance["entity"]]
    assert whats[0]["identifier"]["value"] == str(determination_iri(det.id))
    assert any(w.get("identifier", {}).get("value") == "illustrative-2025.1" for w in whats[1:])


def test_an_approval_has_no_reason_and_the_pended_line_is_a4() -> None:
    approved = claim_response_bundle(load_case(ROOT / "examples" / "l4-5-revision.yaml"))
    assert set(_actions(approved)) == {"A1"}
    pended = claim_response_bundle(load_case(ROOT / "examples" / "l4-5-fusion-pended-pt.yaml"))
    assert "A4" in _actions(pended)


def test_the_command_writes_the_bundle(tmp_path: Path) -> None:
    out = tmp_path / "response.json"
    assert main(["export", "fhir", str(EXAMPLES[0]), "-o", str(out)]) == 0
    Bundle.model_validate_json(out.read_text())
