"""A determination -> a Da Vinci PAS ClaimResponse bundle (FHIR R4 JSON).

Owns the export: one ClaimResponse item per service line, with the X12 review action,
the denial reason as a coded reason (the criterion's source as the system, its reference as
the code, its version as the coding version) and as text naming the criterion, the decision
date, and a Provenance that points from the response to the argument (the determination's
IRI and the criteria set versions). What the case file does not hold (patient, claim type,
authorization numbers) is written as a display-only reference or text, never invented.
The bundle is checked by parsing it with the ``fhir.resources`` R4B models before it is
returned. May import: ``toulmin.graph.authoring``, ``toulmin.graph.rdf``, this package.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from toulmin.graph.authoring.model import Criterion, Determination, Service, Source
from toulmin.graph.fhir.codes import (
    ACTION_DISPLAY,
    ACTION_OF_DECISION,
    ACTION_SYSTEM,
    EXT,
    TOULMIN_EXT,
)
from toulmin.graph.rdf.iris import determination_iri, node_iri

__all__ = ["claim_response_bundle", "reason_text"]

_UNKNOWN = "not recorded in the case file"


def _urn(det: Determination, *parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join([det.id, *parts])))


def _source_system(det: Determination, source: Source) -> str:
    return source.identifier or str(node_iri(det.id, source.id))


def reason_text(reason: str | None, criterion: Criterion, source: Source | None) -> str:
    """The denial reason as text that names the criterion's source, reference and version.

    Idempotent: a reason that already names the criterion is returned as it is.

    Examples
    --------
    >>> c = Criterion(id="lf-1-3", source="pf", text="6 weeks of PT.", ref="LF-1.3", version="v1")
    >>> s = Source(id="pf", kind="criteria-set", title="Payer fusion criteria")
    >>> reason_text("No PT notes.", c, s)
    'No PT notes. (criterion LF-1.3 of Payer fusion criteria, version v1)'
    >>> reason_text(reason_text("No PT notes.", c, s), c, s) == reason_text("No PT notes.", c, s)
    True
    """
    version = criterion.version or (source.version if source else None) or "unknown"
    title = source.title if source else criterion.source
    named = f"criterion {criterion.ref or criterion.id} of {title}, version {version}"
    if reason and named in reason:
        return reason
    return f"{reason} ({named})" if reason else f"Not met: {named}: {criterion.text}"


def _reasons(det: Determination, service: Service) -> list[dict[str, Any]]:
    sources = {s.id: s for s in det.sources}
    criteria = {c.id: c for c in det.criteria}
    out = []
    for cid in service.criteria:
        criterion = criteria[cid]
        source = sources.get(criterion.source)
        coding: dict[str, Any] = {
            "system": _source_system(det, source)
            if source
            else str(node_iri(det.id, criterion.source)),
            "code": criterion.ref or criterion.id,
            "display": criterion.text,
        }
        version = criterion.version or (source.version if source else None)
        if version:
            coding["version"] = version
        out.append({"coding": [coding], "text": reason_text(service.reason, criterion, source)})
    if not out and service.reason:
        out.append({"text": service.reason})
    return out


def _item(det: Determination, service: Service, sequence: int) -> dict[str, Any]:
    action = ACTION_OF_DECISION[service.decision]
    parts: list[dict[str, Any]] = [
        {
            "url": EXT["review_action_code"],
            "valueCodeableConcept": {
                "coding": [
                    {"system": ACTION_SYSTEM, "code": action, "display": ACTION_DISPLAY[action]}
                ]
            },
        }
    ]
    if service.decision != "approved":
        parts += [{"url": "reasonCode", "valueCodeableConcept": r} for r in _reasons(det, service)]
    requested: dict[str, Any] = {"system": service.system, "code": service.code}
    if service.description:
        requested["display"] = service.description
    extensions: list[dict[str, Any]] = [
        {"url": TOULMIN_EXT, "valueCodeableConcept": {"coding": [requested]}}
    ]
    if det.decided:
        extensions.append({"url": EXT["issue_date"], "valueDate": det.decided[:10]})
    return {
        "extension": extensions,
        "itemSequence": sequence,
        "adjudication": [
            {
                "extension": [{"url": EXT["review_action"], "extension": parts}],
                "category": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/adjudication",
                            "code": "submitted",
                        }
                    ]
                },
            }
        ],
    }


def _criteria_sets(det: Determination) -> list[Source]:
    used = {c.source for c in det.criteria} | set(det.policy)
    return [s for s in det.sources if s.id in used and s.kind in ("criteria-set", "guideline")]


def claim_response_bundle(det: Determination, *, now: datetime | None = None) -> dict[str, Any]:
    """The PAS response bundle of a determination, as FHIR R4 JSON.

    Parameters
    ----------
    det : Determination
        The determination (its service lines carry the decisions).
    now : datetime, optional
        When the Provenance is recorded (and the response created, when the case has no
        decision date); default: the current time, UTC.

    Returns
    -------
    dict
        A ``collection`` Bundle: the ClaimResponse first, the reviewer's Organization when
        the case names one, then the Provenance.
    """
    now = now or datetime.now(UTC)
    stamp = now.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    response_url = _urn(det, "ClaimResponse")
    entries: list[dict[str, Any]] = []
    reviewer = next((a for a in det.agents if a.id == det.reviewer), None)
    insurer: dict[str, Any] = {"display": f"reviewer {_UNKNOWN}"}
    if reviewer is not None:
        org_url = _urn(det, "Organization", reviewer.id)
        insurer = {"reference": org_url, "display": reviewer.name or reviewer.id}
        org = {
            "resourceType": "Organization",
            "id": reviewer.id,
            "name": reviewer.name or reviewer.id,
        }
        entries.append({"fullUrl": org_url, "resource": org})
    sequences, items = set(), []
    for index, service in enumerate(det.services):
        sequence = service.line if service.line and service.line not in sequences else index + 1
        while sequence in sequences:
            sequence += 1
        sequences.add(sequence)
        items.append(_item(det, service, sequence))
    response = {
        "resourceType": "ClaimResponse",
        "id": det.id,
        "meta": {
            "profile": [
                "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claimresponse"
            ]
        },
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": str(determination_iri(det.id))}],
        "status": "active",
        "type": {"text": f"claim type {_UNKNOWN}"},
        "use": "preauthorization",
        "patient": {"display": f"patient {_UNKNOWN}"},
        "created": det.decided or stamp,
        "insurer": insurer,
        "outcome": "complete",
        "disposition": f"{det.outcome}: {det.title}"[:1000],
        "item": items,
    }
    entities = [
        {
            "role": "source",
            "what": {
                "identifier": {
                    "system": "urn:ietf:rfc:3986",
                    "value": str(determination_iri(det.id)),
                },
                "display": f"toulmin determination {det.id}",
            },
        }
    ]
    for source in _criteria_sets(det):
        what: dict[str, Any] = {"display": f"{source.title}, version {source.version or 'unknown'}"}
        if source.version:
            what["identifier"] = {"system": _source_system(det, source), "value": source.version}
        entities.append({"role": "source", "what": what})
    provenance = {
        "resourceType": "Provenance",
        "id": f"{det.id}-provenance",
        "target": [{"reference": response_url}],
        "recorded": stamp,
        "agent": [{"who": insurer}],
        "entity": entities,
    }
    bundle = {
        "resourceType": "Bundle",
        "meta": {
            "profile": [
                "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-pas-response-bundle"
            ]
        },
        "identifier": {"system": "urn:ietf:rfc:3986", "value": _urn(det, "Bundle")},
        "type": "collection",
        "timestamp": stamp,
        "entry": [
            {"fullUrl": response_url, "resource": response},
            *entries,
            {"fullUrl": _urn(det, "Provenance"), "resource": provenance},
        ],
    }
    _check(bundle)
    return bundle


def _check(bundle: dict[str, Any]) -> None:
    """Parse the bundle with the FHIR R4(B) models: a bug here must not reach a payer."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)
