"""PAS bundles -> a case-file skeleton (a dict the case reader accepts) and an import report.

Owns the mapping from Da Vinci PAS request bundles (a Claim and what it references) and
response bundles (a ClaimResponse) to the keys of ``docs/case-format.md``: one service line
per Claim item (or ClaimResponse item when only a response is given), the decision per line
from the X12 review action, reviewer, dates and urgency, findings from Conditions,
Observations, Procedures and the Claim's diagnoses (each citing its entry by full URL and
element path), documents as sources. What a bundle does not say is not invented: it is listed
in :attr:`ImportReport.left_for_reviewer`; what it says that the case format cannot hold is
listed in :attr:`ImportReport.not_kept`. May import: ``toulmin.errors``, this package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toulmin.errors import FhirBundleError
from toulmin.graph.fhir.bundle import LoadedBundle, load_bundle
from toulmin.graph.fhir.codes import (
    DECISION_OF_ACTION,
    ENCOUNTER_SETTING,
    EXT,
    LEVEL_OF_SERVICE_URGENCY,
    POS_SETTING,
    PRIORITY_URGENCY,
    TOULMIN_EXT,
)

__all__ = ["ImportReport", "import_bundles"]

_ICD10_SYSTEMS = {"http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10"}
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$")
_MAX_TEXT = 2000


@dataclass
class ImportReport:
    """What an import kept, left for the reviewer, and could not keep.

    Attributes
    ----------
    left_for_reviewer : list of str
        What the bundles do not say and the case file needs (written as placeholders).
    not_kept : list of str
        What the bundles say that the case format has no field for.
    """

    left_for_reviewer: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The report as lines of text.

        Examples
        --------
        >>> print(ImportReport(["decision of line 1"], ["modifier 59 on line 1"]).text())
        left for the reviewer:
          - decision of line 1
        in the bundle, not kept by the case format:
          - modifier 59 on line 1
        """
        lines = ["left for the reviewer:", *(f"  - {x}" for x in self.left_for_reviewer)]
        lines += ["in the bundle, not kept by the case format:"]
        lines += [f"  - {x}" for x in self.not_kept]
        return "\n".join(lines)


def import_bundles(paths: Sequence[str | Path]) -> tuple[dict[str, Any], ImportReport]:
    """Read PAS request and/or response bundles into a case-file dict.

    Parameters
    ----------
    paths : sequence of paths
        At most one request bundle (Claim) and one response bundle (ClaimResponse).

    Returns
    -------
    (dict, ImportReport)
        The case document (``toulmin: 1`` ...) and the report.

    Raises
    ------
    FhirBundleError
        A bundle is not FHIR, is inconsistent, or holds neither a Claim nor a ClaimResponse.
    """
    request: tuple[LoadedBundle, int, str, dict[str, Any]] | None = None
    response: tuple[LoadedBundle, int, str, dict[str, Any]] | None = None
    for path in paths:
        bundle = load_bundle(path)
        claims, responses = bundle.of_type("Claim"), bundle.of_type("ClaimResponse")
        if not claims and not responses:
            raise FhirBundleError(
                bundle.file, "/entry", "neither a Claim nor a ClaimResponse: not a PAS bundle"
            )
        for found, slot in ((claims, "request"), (responses, "response")):
            if not found:
                continue
            if len(found) > 1:
                raise FhirBundleError(
                    bundle.file, f"/entry/{found[1][0]}", f"a second {slot}: import one at a time"
                )
            if (request if slot == "request" else response) is not None:
                raise FhirBundleError(bundle.file, f"/entry/{found[0][0]}", f"a second {slot}")
            if slot == "request":
                request = (bundle, *found[0])
            else:
                response = (bundle, *found[0])
    if request is None and response is None:
        raise FhirBundleError("<none>", "", "give at least one bundle")
    return _Builder(request, response).build()


def _text(value: Any) -> str:
    return " ".join(str(value).split())[:_MAX_TEXT]


def _coding(concept: dict[str, Any] | None) -> dict[str, Any]:
    codings = (concept or {}).get("coding") or [{}]
    return dict(codings[0])


def _concept_text(concept: dict[str, Any] | None) -> str | None:
    if not concept:
        return None
    coding = _coding(concept)
    return concept.get("text") or coding.get("display") or coding.get("code")


def _ext(element: dict[str, Any], url: str) -> dict[str, Any] | None:
    for ext in element.get("extension") or []:
        if ext.get("url") == url:
            return dict(ext)
    return None


def _local_id(text: str, prefix: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-.") or "x"
    return f"{prefix}{cleaned}"[:120]


def _date(value: Any) -> str | None:
    return value if isinstance(value, str) and _DATETIME.match(value) else None


def _service_concept(item: dict[str, Any]) -> Any:
    """An item's procedure: ``productOrService``, else the PAS or toulmin extension's."""
    concept = item.get("productOrService")
    if concept is None:
        ext = _ext(item, EXT["authorized_detail"])
        for part in (ext or {}).get("extension") or []:
            if part.get("url") == "productOrServiceCode":
                concept = part.get("valueCodeableConcept")
    if concept is None:
        ext = _ext(item, TOULMIN_EXT)
        concept = (ext or {}).get("valueCodeableConcept")
    return concept


class _Builder:
    def __init__(
        self,
        request: tuple[LoadedBundle, int, str, dict[str, Any]] | None,
        response: tuple[LoadedBundle, int, str, dict[str, Any]] | None,
    ) -> None:
        self.request, self.response = request, response
        self.report = ImportReport()
        self.sources: list[dict[str, Any]] = []
        self.agents: list[dict[str, Any]] = []
        self.criteria: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []
        self.statements: list[dict[str, Any]] = []
        self.ids: set[str] = set()

    def _new_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    # -- the parts ---------------------------------------------------------------------
    def _bundle_source(self, bundle: LoadedBundle, role: str) -> str:
        sid = self._new_id(f"{role}-bundle")
        identifier = bundle.data.get("identifier", {}).get("value") or bundle.data.get("id")
        source: dict[str, Any] = {
            "id": sid,
            "kind": "clinical-document",
            "title": f"PAS {role} bundle {identifier or Path(bundle.file).name}",
            "note": f"Imported from {Path(bundle.file).name} by toulmin import fhir.",
        }
        if bundle.data.get("timestamp"):
            source["date"] = str(bundle.data["timestamp"])
        self.sources.append(source)
        return sid

    def _agent(self, bundle: LoadedBundle, ref: dict[str, Any] | None, at: str, role: str) -> str:
        if not ref or "reference" not in ref:
            return ""
        found = bundle.resolve(ref["reference"], at)
        if found is None:
            return ""
        _, resource = found
        aid = _local_id(f"{resource['resourceType']}-{resource.get('id', '')}", "")
        if aid in self.ids:
            return aid
        self.ids.add(aid)
        name = resource.get("name")
        if isinstance(name, list) and name:
            name = " ".join([*name[0].get("given", []), name[0].get("family", "")]).strip()
        agent = {"id": aid, "role": role}
        if name:
            agent["name"] = _text(name)
        self.agents.append(agent)
        return aid

    def _findings(self, bundle: LoadedBundle, source: str, claim_url: str) -> None:
        kinds = {"Condition": "diagnosis", "Procedure": "surgical-history"}
        for _index, url, resource in bundle.entries():
            rtype = resource["resourceType"]
            if rtype in ("Condition", "Observation", "Procedure"):
                self._finding(source, url, rtype, resource, kinds.get(rtype))
            elif rtype in ("DocumentReference", "QuestionnaireResponse"):
                title = (
                    resource.get("description")
                    or _concept_text(resource.get("type"))
                    or f"{rtype} {resource.get('id', '')}"
                )
                doc = {
                    "id": self._new_id(_local_id(resource.get("id", rtype), "doc-")),
                    "kind": "clinical-document",
                    "title": _text(title),
                    "identifier": url,
                }
                when = _date(resource.get("date") or resource.get("authored"))
                if when:
                    doc["date"] = when
                self.sources.append(doc)
        claim = bundle.by_url[claim_url][1]
        for i, dx in enumerate(claim.get("diagnosis") or []):
            concept = dx.get("diagnosisCodeableConcept")
            if concept:
                self._coded_finding(
                    source,
                    f"{claim_url} Claim.diagnosis[{i}].diagnosisCodeableConcept",
                    concept,
                    "diagnosis",
                    "Diagnosis on the request",
                )

    def _finding(
        self, source: str, url: str, rtype: str, resource: dict[str, Any], kind: str | None
    ) -> None:
        if kind is None:  # Observation: by category
            cats = {_coding(c).get("code") for c in resource.get("category") or []}
            kind = "imaging" if "imaging" in cats else "exam" if "exam" in cats else "other"
        value = None
        for key in ("valueQuantity", "valueString", "valueBoolean", "valueInteger"):
            if key in resource:
                raw = resource[key]
                value = (
                    f"{raw.get('value')} {raw.get('unit') or raw.get('code') or ''}".strip()
                    if isinstance(raw, dict)
                    else str(raw)
                )
                break
        if "valueCodeableConcept" in resource:
            value = _concept_text(resource["valueCodeableConcept"])
        if value is not None:
            self.report.not_kept.append(f"typed value {value!r} of {url} (findings have no value)")
        self._coded_finding(
            source, f"{url} {rtype}.code", resource.get("code"), kind, rtype, value=value
        )

    def _coded_finding(
        self,
        source: str,
        locator: str,
        concept: dict[str, Any] | None,
        kind: str,
        label: str,
        value: str | None = None,
    ) -> None:
        coding = _coding(concept)
        code, system = coding.get("code"), coding.get("system")
        words = _concept_text(concept) or "uncoded"
        text = f"{label}: {words}"
        if code:
            text += f" ({system or 'no system'}|{code})"
        if value is not None:
            text += f" = {value}"
        finding: dict[str, Any] = {
            "id": self._new_id(_local_id(str(code or label), "f-")),
            "kind": kind,
            "text": _text(text),
            "cite": {"source": source, "locator": locator},
        }
        if kind == "diagnosis" and system in _ICD10_SYSTEMS and _ICD10.match(str(code)):
            finding["icd10"] = code
        if kind == "surgical-history" and words != "uncoded":
            finding["procedure"] = _text(words)
        self.findings.append(finding)

    # -- service lines -----------------------------------------------------------------
    def _service(self, item: dict[str, Any], line: int, where: str) -> dict[str, Any]:
        """The case-file service line of one Claim (or ClaimResponse) item."""
        coding = _coding(_service_concept(item))
        service: dict[str, Any] = {"id": self._new_id(f"svc-{line}"), "line": line}
        if coding.get("code"):
            service["code"] = str(coding["code"])
        else:
            service["code"] = "unknown"
            self.report.left_for_reviewer.append(f"the procedure code of line {line} ({where})")
        if coding.get("system"):
            service["system"] = str(coding["system"])
        if coding.get("display"):
            service["description"] = _text(coding["display"])
        for i, mod in enumerate(item.get("modifier") or []):
            self.report.not_kept.append(
                f"modifier {_coding(mod).get('code')} of line {line} ({where}/modifier/{i})"
            )
        if item.get("bodySite"):
            service["level"] = _text(_concept_text(item["bodySite"]))
        setting = self._setting(item, line)
        if setting:
            service["setting"] = setting
        cert = _ext(item, EXT["certification_type"])
        if cert:
            code = _coding(cert.get("valueCodeableConcept")).get("code")
            self.report.not_kept.append(f"certification type {code} of line {line}")
        auth = _ext(item, EXT["authorization_number"])
        if auth:
            self.report.not_kept.append(
                f"authorization number {auth.get('valueString')} of line {line}"
            )
        return service

    def _setting(self, item: dict[str, Any], line: int) -> str | None:
        """The item's setting: from its place of service, else from its encounter's class."""
        pos = _coding(item.get("locationCodeableConcept")).get("code")
        if pos in POS_SETTING:
            return POS_SETTING[pos]
        if pos:
            self.report.not_kept.append(f"place of service {pos} of line {line}: no setting")
        elif self.request:
            for ref in item.get("encounter") or []:
                found = self.request[0].resolve(str(ref.get("reference", "")), self.request[2])
                kind = (found[1].get("class") or {}).get("code") if found else None
                if kind in ENCOUNTER_SETTING:
                    return ENCOUNTER_SETTING[kind]
        return None

    def _decide(self, service: dict[str, Any], item: dict[str, Any], source: str, at: str) -> None:
        line = service["line"]
        for a, adj in enumerate(item.get("adjudication") or []):
            action = _ext(adj, EXT["review_action"])
            if action is None:
                continue
            code, reasons, number = None, [], None
            for part in action.get("extension") or []:
                if part.get("url") == EXT["review_action_code"]:
                    code = _coding(part.get("valueCodeableConcept")).get("code")
                elif part.get("url") == "reasonCode":
                    reasons.append(part.get("valueCodeableConcept") or {})
                elif part.get("url") == "number":
                    number = part.get("valueString")
            if code not in DECISION_OF_ACTION:
                self.report.left_for_reviewer.append(
                    f"the decision of line {line}: review action {code!r} has no case decision"
                )
                continue
            service["decision"] = DECISION_OF_ACTION[code]
            if code in ("A2", "A6"):
                self.report.not_kept.append(f"line {line} was certified partially or modified")
            if number:
                self.report.not_kept.append(f"authorization number {number} of line {line}")
            texts = []
            for reason in reasons:
                coding = _coding(reason)
                if coding.get("version") and coding.get("system") and coding.get("code"):
                    service.setdefault("criteria", []).append(self._criterion(coding))
                if reason.get("text") or coding.get("display"):
                    texts.append(_text(reason.get("text") or coding.get("display")))
            if texts:
                service["reason"] = "; ".join(texts)
            if service["decision"] == "denied" and not service.get("criteria"):
                self.report.left_for_reviewer.append(
                    f"the criterion of denied line {line}: the response names no versioned "
                    "criterion (toulmin check reports the denial until one is added)"
                )
            locator = f"{at} ClaimResponse.item(itemSequence={line}).adjudication[{a}]"
            claim_id = self._new_id(f"c-{service['id']}")
            self.statements.append(
                {
                    "id": claim_id,
                    "kind": "conclusion",
                    "text": f"Line {line} ({service['code']}) is {service['decision']}.",
                    "cite": {"source": source, "locator": locator},
                }
            )
            service["claim"] = claim_id
            return
        service["decision"] = "pended"
        self.report.left_for_reviewer.append(
            f"the decision of line {line}: no review action in the bundles (written as pended)"
        )

    def _criterion(self, coding: dict[str, Any]) -> str:
        system, version = str(coding["system"]), str(coding["version"])
        sid = next(
            (s["id"] for s in self.sources if s.get("identifier") == system),
            None,
        )
        if sid is None:
            sid = self._new_id(_local_id(system.rsplit("/", 1)[-1], "criteria-"))
            self.sources.append(
                {
                    "id": sid,
                    "kind": "criteria-set",
                    "title": self._criteria_title(system),
                    "identifier": system,
                    "version": version,
                    "note": "Known from the coded denial reason of the response only.",
                }
            )
        for known in self.criteria:
            if (known["source"], known["ref"], known["version"]) == (sid, coding["code"], version):
                return str(known["id"])
        cid = self._new_id(_local_id(str(coding["code"]), "crit-"))
        self.criteria.append(
            {
                "id": cid,
                "source": sid,
                "ref": str(coding["code"]),
                "version": version,
                "text": _text(coding.get("display") or coding["code"]),
            }
        )
        return cid

    def _criteria_title(self, system: str) -> str:
        """The title a response's Provenance gives a criteria set, else its system."""
        if self.response:
            for _, _, prov in self.response[0].of_type("Provenance"):
                for entity in prov.get("entity") or []:
                    what = entity.get("what") or {}
                    if (what.get("identifier") or {}).get("system") == system and what.get(
                        "display"
                    ):
                        return _text(str(what["display"]).rsplit(", version ", 1)[0])
        return f"Criteria set {system}"

    # -- the whole ---------------------------------------------------------------------
    def build(self) -> tuple[dict[str, Any], ImportReport]:
        """The case-file skeleton of the bundles, and what was not kept or left to a reviewer."""
        case: dict[str, Any] = {"toulmin": 1}
        request_source = response_source = None
        claim: dict[str, Any] = {}
        claim_response: dict[str, Any] = {}
        claim_url = response_url = ""
        if self.request:
            bundle, _, claim_url, claim = self.request
            request_source = self._bundle_source(bundle, "request")
        if self.response:
            rbundle, _, response_url, claim_response = self.response
            response_source = self._bundle_source(rbundle, "response")
        main = claim or claim_response
        case["id"] = _local_id(str(main.get("id", "case")), "pas-")
        case["title"] = f"Imported from FHIR PAS: {main['resourceType']}/{main.get('id', '')}"
        if not claim:
            self.report.left_for_reviewer.append("the request (no Claim bundle given)")
        elif request := self._request(claim, claim_url, str(request_source)):
            case["request"] = request
        services = self._services(
            claim.get("item") or [], claim_response, claim_url or response_url, response_source
        )
        if not services:
            where = self.request[0].file if self.request else "<response>"
            raise FhirBundleError(where, "/entry/0/resource/item", "no items: nothing to review")
        decision = self._decision(services, response_source or request_source, claim_response)
        case["decision"] = decision
        if self.agents:
            case["agents"] = self.agents
        case["sources"] = self.sources
        if self.criteria:
            case["criteria"] = self.criteria
        case["services"] = services
        if self.findings:
            case["findings"] = self.findings
        case["statements"] = self.statements
        self.report.left_for_reviewer.append(
            "the argument: assessments, inferences and conflicts from the findings to each line"
        )
        return case, self.report

    def _request(self, claim: dict[str, Any], claim_url: str, source: str) -> dict[str, Any]:
        """The case file's ``request`` from the Claim; its agents and findings on the way."""
        request: dict[str, Any] = {}
        if _date(claim.get("created")):
            request["received"] = claim["created"]
        level = _ext(claim, EXT["level_of_service"])
        code = _coding((level or {}).get("valueCodeableConcept")).get("code")
        urgency = LEVEL_OF_SERVICE_URGENCY.get(str(code))
        if urgency is None:
            prio = _coding(claim.get("priority")).get("code")
            urgency = PRIORITY_URGENCY.get(str(prio))
        if urgency:
            request["urgency"] = urgency
        else:
            self.report.left_for_reviewer.append("the urgency of the request")
        assert self.request is not None
        self._agent(self.request[0], claim.get("provider"), claim_url, "requesting-provider")
        for team in claim.get("careTeam") or []:
            self._agent(self.request[0], team.get("provider"), claim_url, "requesting-provider")
        self._findings(self.request[0], source, claim_url)
        return request

    def _services(
        self,
        items: list[dict[str, Any]],
        claim_response: dict[str, Any],
        items_url: str,
        response_source: Any,
    ) -> list[dict[str, Any]]:
        """The service lines: the Claim's items (else the response's), each with its decision."""
        responses = {}
        if self.response:
            responses = {it.get("itemSequence"): it for it in claim_response.get("item") or []}
            if not items:
                items = list(responses.values())
        services = []
        for i, item in enumerate(items):
            line = int(item.get("sequence") or item.get("itemSequence") or i + 1)
            service = self._service(item, line, f"{items_url} item[{i}]")
            reply = responses.get(line)
            if reply is not None and self.response:
                self._decide(service, reply, str(response_source), self.response[2])
            else:
                service["decision"] = "pended"
                self.report.left_for_reviewer.append(
                    f"the decision of line {line}: no response item (written as pended)"
                )
            services.append(service)
        return services

    def _decision(
        self, services: list[dict[str, Any]], source: Any, response: dict[str, Any]
    ) -> dict[str, Any]:
        decisions = {s["decision"] for s in services}
        outcome = (
            "pended"
            if "pended" in decisions
            else next(iter(decisions))
            if len(decisions) == 1
            else "partially-approved"
        )
        main = self._new_id("c-main")
        self.statements.insert(
            0,
            {
                "id": main,
                "kind": "conclusion",
                "text": f"The prior-authorization request is {outcome}.",
                "cite": {
                    "source": str(source),
                    "locator": f"{self.response[2]} ClaimResponse.outcome",
                }
                if self.response
                else {
                    "source": str(source),
                    "locator": f"{self.request[2] if self.request else ''} Claim",
                },
            },
        )
        decision: dict[str, Any] = {"outcome": outcome, "main_claim": main}
        if self.response:
            bundle, _, url, _ = self.response
            issued = [
                (_ext(it, EXT["issue_date"]) or {}).get("valueDate")
                for it in response.get("item") or []
            ]
            decided = next((d for d in issued if _date(d)), None) or _date(response.get("created"))
            if decided:
                decision["decided"] = decided
            reviewer = self._agent(bundle, response.get("insurer"), url, "reviewer")
            if reviewer:
                decision["reviewer"] = reviewer
            else:
                self.report.left_for_reviewer.append("the reviewer")
        else:
            self.report.left_for_reviewer.append("the decision date and the reviewer")
        return decision
