"""``toulmin import fhir``: Da Vinci PAS bundles -> a case file that loads and checks.

Real bundles from the Inferno PAS test kit (tests/fixtures/fhir/README.md: source and
licence); every bad-bundle case breaks one element of a real bundle and expects the entry
and element path in the message, exit 2 and no file written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers.paths import FIXTURES
from toulmin.cli import main
from toulmin.errors import FhirBundleError
from toulmin.graph.authoring.casefile import load_case
from toulmin.graph.fhir.reader import import_bundles
from toulmin.graph.rdf.check import check_determination

BUNDLES = FIXTURES / "fhir"
REQUEST = BUNDLES / "conformant_pas_bundle_v110.json"
RESPONSE = BUNDLES / "valid_pa_response_bundle.json"
DENIAL = BUNDLES / "valid_pa_response_bundle_denial.json"


def _write(tmp_path: Path, case: dict[str, Any], name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    return path


def test_request_and_response_become_a_case_that_checks(tmp_path: Path) -> None:
    case, report = import_bundles([REQUEST, RESPONSE])
    det = load_case(_write(tmp_path, case))
    assert check_determination(det, owl=False).ok
    (service,) = det.services
    assert (service.code, service.system, service.line) == (
        "3",
        "http://codesystem.x12.org/005010/1365",
        1,
    )
    assert service.decision == "approved"  # review action A1
    assert service.setting == "outpatient"  # place of service 11
    assert det.urgency == "urgent"  # level of service U
    assert det.received == "2005-05-02T11:01:00+05:00"
    assert det.decided == "2005-05-02"  # itemPreAuthIssueDate
    reviewer = next(a for a in det.agents if a.id == det.reviewer)
    assert reviewer.name == "MARYLAND CAPITAL INSURANCE COMPANY"
    assert any("certification type I" in x for x in report.not_kept)
    assert any("AUTH0001" in x for x in report.not_kept)


def test_findings_cite_their_resource_by_full_url_and_path() -> None:
    case, _ = import_bundles([REQUEST])
    (finding,) = case["findings"]
    assert finding["icd10"] == "G89.4"
    assert "http://hl7.org/fhir/sid/icd-10-cm|G89.4" in finding["text"]  # the system IRI kept
    assert finding["cite"]["locator"] == (
        "https://prior-auth.davinci.hl7.org/fhir/Claim/ReferralAuthorizationExample"
        " Claim.diagnosis[0].diagnosisCodeableConcept"
    )


def test_clinical_resources_become_typed_findings_and_documents(tmp_path: Path) -> None:
    bundle = json.loads(REQUEST.read_text())
    base = "https://prior-auth.davinci.hl7.org/fhir/"
    patient = {"reference": "Patient/SubscriberExample"}
    bundle["entry"] += [
        {
            "fullUrl": base + "Observation/mri",
            "resource": {
                "resourceType": "Observation",
                "id": "mri",
                "status": "final",
                "category": [{"coding": [{"code": "imaging"}]}],
                "code": {"coding": [{"system": "http://loinc.org", "code": "24963-0"}]},
                "valueString": "moderate foraminal stenosis",
                "subject": patient,
            },
        },
        {
            "fullUrl": base + "DocumentReference/note",
            "resource": {
                "resourceType": "DocumentReference",
                "id": "note",
                "status": "current",
                "description": "Surgeon's note",
                "content": [{"attachment": {"url": "https://example.org/note.pdf"}}],
                "subject": patient,
            },
        },
    ]
    item = bundle["entry"][0]["resource"]["item"][0]
    del item["locationCodeableConcept"]  # the setting then comes from the encounter
    item["encounter"] = [{"reference": "Encounter/stay"}]
    item["modifier"] = [{"coding": [{"code": "59"}]}]
    bundle["entry"].append(
        {
            "fullUrl": base + "Encounter/stay",
            "resource": {
                "resourceType": "Encounter",
                "id": "stay",
                "status": "planned",
                "class": {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                    "code": "IMP",
                },
            },
        }
    )
    path = tmp_path / "b.json"
    path.write_text(json.dumps(bundle))
    case, report = import_bundles([path])
    assert case["services"][0]["setting"] == "inpatient"
    assert any(x.startswith("modifier 59 of line 1") for x in report.not_kept)
    mri = next(f for f in case["findings"] if f["kind"] == "imaging")
    assert "http://loinc.org|24963-0" in mri["text"]
    assert mri["cite"]["locator"] == base + "Observation/mri Observation.code"
    assert any("moderate foraminal stenosis" in x for x in report.not_kept)
    doc = next(s for s in case["sources"] if s["title"] == "Surgeon's note")
    assert doc["identifier"] == base + "DocumentReference/note"
    assert load_case(_write(tmp_path, case)).findings


def test_a_denial_from_the_test_kit() -> None:
    case, report = import_bundles([REQUEST, DENIAL])
    assert case["services"][0]["decision"] == "denied"
    assert case["decision"]["outcome"] == "denied"
    # the kit's denial names no criterion: none is invented, the report says so
    assert "criteria" not in case["services"][0]
    assert any("criterion of denied line 1" in x for x in report.left_for_reviewer)


def test_what_the_bundle_does_not_say_is_reported_not_invented() -> None:
    case, report = import_bundles([REQUEST])  # no response: no decision
    assert case["services"][0]["decision"] == "pended"
    assert any("decision of line 1" in x for x in report.left_for_reviewer)
    assert "reviewer" not in case["decision"]
    assert any("reviewer" in x for x in report.left_for_reviewer)


def _mutated(tmp_path: Path, source: Path, change: Any) -> Path:
    bundle = json.loads(source.read_text())
    change(bundle)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle))
    return path


def _drop_coverage(b: dict[str, Any]) -> None:
    del b["entry"][3]


def _wrong_url(b: dict[str, Any]) -> None:
    b["entry"][4]["fullUrl"] = "https://prior-auth.davinci.hl7.org/fhir/Patient/Other"


def _no_status(b: dict[str, Any]) -> None:
    del b["entry"][0]["resource"]["status"]


def _wrong_type(b: dict[str, Any]) -> None:
    b["entry"][1]["resource"] = {"resourceType": "Medication", "id": "m"}


def _not_a_bundle(b: dict[str, Any]) -> None:
    b.clear()
    b.update(copy.deepcopy({"resourceType": "Patient", "id": "p"}))


BAD = [
    (
        _drop_coverage,
        "/entry/0/resource/insurance/0/coverage/reference",
        "Coverage/InsuranceExample",
    ),
    (_wrong_url, "/entry/4/fullUrl", "does not match"),
    (_no_status, "/entry/0/resource/status", "required"),
    (_wrong_type, "/entry/1/resource/resourceType", "Medication"),
    (_not_a_bundle, "/resourceType", "expected a Bundle"),
]


@pytest.mark.parametrize(("change", "pointer", "words"), BAD, ids=[b[0].__name__ for b in BAD])
def test_a_bad_bundle_names_entry_and_element_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Any, pointer: str, words: str
) -> None:
    bad = _mutated(tmp_path, REQUEST, change)
    with pytest.raises(FhirBundleError) as err:
        import_bundles([bad])
    assert f"{bad}: {pointer}: " in str(err.value)
    assert words in str(err.value)
    out = tmp_path / "case.yaml"
    assert main(["import", "fhir", str(bad), "-o", str(out)]) == 2
    assert pointer in capsys.readouterr().err
    assert not out.exists()


def test_not_json_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("<Bundle/>")
    with pytest.raises(FhirBundleError, match="not FHIR JSON"):
        import_bundles([path])


def test_the_command_writes_a_case_that_loads(tmp_path: Path) -> None:
    out = tmp_path / "case.yaml"
    assert main(["import", "fhir", str(REQUEST), str(RESPONSE), "-o", str(out)]) == 0
    assert load_case(out).services[0].decision == "approved"


def test_bundle_text_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toulmin.graph.fhir import bundle as bundle_module

    monkeypatch.setattr(bundle_module, "MAX_BYTES", 1000)
    with pytest.raises(FhirBundleError, match="larger than 1000 bytes"):
        import_bundles([REQUEST])
    monkeypatch.undo()
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(FhirBundleError, match="not FHIR"):
        import_bundles([deep])
