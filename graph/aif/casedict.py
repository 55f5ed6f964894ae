"""Model values back to case-file dicts (the YAML shape ``parse_case`` reads).

Owns :func:`item_dict` (one statement, inference, ... as its case-file mapping) and
:func:`shell_dict` (everything of a determination but its argument layer). Imports
only the authoring layer.

Examples
--------
>>> from toulmin.graph.authoring.model import Citation, Statement
>>> item_dict(Statement("c", "claim", "Text.", (Citation("rec", "p. 2"),)))
{'id': 'c', 'kind': 'claim', 'text': 'Text.', 'cite': [{'source': 'rec', 'locator': 'p. 2'}]}
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from toulmin.graph.authoring.model import Citation, Determination, ProofStandard

__all__ = ["ARGUMENT_GROUPS", "item_dict", "shell_dict"]

#: The collections of a determination that make its argument layer.
ARGUMENT_GROUPS: tuple[str, ...] = (
    "findings",
    "statements",
    "assessments",
    "inferences",
    "conflicts",
    "preferences",
)


def _value(value: Any) -> Any:
    if isinstance(value, Citation):
        out = {"source": value.source, "locator": value.locator, "quote": value.quote}
        return {k: v for k, v in out.items() if v is not None}
    if isinstance(value, ProofStandard):
        ps = {"standard": value.standard, "alpha": value.alpha, "beta": value.beta}
        ps["gamma"] = value.gamma
        return {k: v for k, v in ps.items() if v is not None}
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def item_dict(item: Any) -> dict[str, Any]:
    """The case-file mapping of one model item (``None`` and empty lists left out).

    ``cite`` is always written, as ``[]`` when there is none (the schema wants it);
    ``measures`` as a mapping of name to value. A ``False`` that is not the field's default
    (a finding's ``present: false``) is kept.
    """
    out: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name == "cite":
            out["cite"] = _value(value)
        elif value is None or value == () or (value is False and f.default is not None):
            continue
        elif f.name == "measures":
            out["measures"] = {m.name: m.value for m in value}
        else:
            out[f.name] = _value(value)
    return out


def shell_dict(det: Determination) -> dict[str, Any]:
    """The case-file dict of ``det`` without its argument layer.

    >>> from toulmin.graph.authoring.model import Determination
    >>> shell_dict(Determination("d", "T", "pended", "c"))
    {'toulmin': 1, 'id': 'd', 'title': 'T', 'decision': {'outcome': 'pended', 'main_claim': 'c'}}
    """
    out: dict[str, Any] = {"toulmin": 1, "id": det.id, "title": det.title}
    for key in ("question", "summary"):
        if getattr(det, key) is not None:
            out[key] = getattr(det, key)
    if det.illustrative:
        out["illustrative"] = True
    request = {
        "received": det.received,
        "urgency": det.urgency,
        "setting": det.requested_setting,
    }
    request = {k: v for k, v in request.items() if v is not None}
    if request:
        out["request"] = request
    decision: dict[str, Any] = {"outcome": det.outcome, "main_claim": det.main_claim}
    if det.decided is not None:
        decision["decided"] = det.decided
    if det.reviewer is not None:
        decision["reviewer"] = det.reviewer
    if det.policy:
        decision["policy"] = list(det.policy)
    if det.proof_standard is not None:
        decision["proof_standard"] = _value(det.proof_standard)
    out["decision"] = decision
    if det.patient is not None:
        out["patient"] = item_dict(det.patient)
    if det.criteria_set is not None:
        out["criteria_set"] = {"id": det.criteria_set}
        if det.criteria_set_version is not None:
            out["criteria_set"]["version"] = det.criteria_set_version
    for group in ("agents", "sources", "criteria", "services"):
        items = getattr(det, group)
        if items:
            out[group] = [_plain(item_dict(i)) for i in items]
    if det.setting is not None:
        out["setting"] = _plain(item_dict(det.setting))
    return out


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    """Drop the ``cite`` key :func:`item_dict` adds (only statements have one)."""
    d.pop("cite", None)
    return d
