"""The authoring model: a determination as plain, immutable Python values.

A case file (YAML) is read into a :class:`Determination`; the compiler turns it
into RDF, and :func:`toulmin.graph.rdf.decompile.decompile` reads it back. Field names
follow the case-file keys (``docs/case-format.md``); ids are local to the file.

Examples
--------
>>> c = Citation.parse("record#MRI report")
>>> c
Citation(source='record', locator='MRI report', quote=None)
>>> str(c)
'record#MRI report'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from rdflib import XSD
from rdflib import Literal as RDFLiteral

__all__ = [
    "FINDING_DETAIL_FIELDS",
    "Agent",
    "Assessment",
    "Citation",
    "Conflict",
    "Criterion",
    "Determination",
    "Finding",
    "Inference",
    "Measure",
    "Patient",
    "Preference",
    "ProofStandard",
    "Service",
    "SettingDecision",
    "Source",
    "Statement",
    "canonical_datetime",
    "detail_fields",
    "finding_details",
]

ConflictKind = Literal["rebut", "undercut", "undermine"]


def canonical_datetime(value: str) -> str:
    """The canonical lexical form RDF tools give an xsd:date or xsd:dateTime.

    Case files keep it, so that a value read back from any RDF serialization equals
    the one written.

    >>> canonical_datetime("2025-11-20T09:30:00Z")
    '2025-11-20T09:30:00+00:00'
    >>> canonical_datetime("2025-11-20")
    '2025-11-20'
    """
    datatype = XSD.dateTime if "T" in value else XSD.date
    return str(RDFLiteral(value, datatype=datatype))


@dataclass(frozen=True)
class Citation:
    """A pointer from a statement to a source: ``source#locator`` plus an optional quote."""

    source: str
    locator: str | None = None
    quote: str | None = None

    @classmethod
    def parse(cls, text: str, quote: str | None = None) -> Citation:
        """Parse ``'source'`` or ``'source#locator'``."""
        source, sep, locator = text.partition("#")
        return cls(source, locator if sep else None, quote)

    def __str__(self) -> str:
        return self.source if self.locator is None else f"{self.source}#{self.locator}"


@dataclass(frozen=True)
class ProofStandard:
    """A proof standard with its Carneades thresholds.

    ``alpha``: minimum weight of the best pro argument; ``beta``: minimum margin of
    pro over con; ``gamma``: maximum weight of the best con argument.
    """

    standard: str = "preponderance"
    alpha: float | None = None
    beta: float | None = None
    gamma: float | None = None


@dataclass(frozen=True)
class Agent:
    """A reviewer or a requesting provider."""

    id: str
    name: str | None = None
    role: str | None = None
    specialty: str | None = None


@dataclass(frozen=True)
class Source:
    """A criteria set, guideline, study or clinical document.

    ``unknown`` lists the fields known to be unknown; they are recorded, never invented.
    """

    id: str
    kind: str
    title: str
    publisher: str | None = None
    version: str | None = None
    date: str | None = None
    identifier: str | None = None
    unknown: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Criterion:
    """A payer or guideline criterion, possibly composed of parts."""

    id: str
    source: str
    text: str
    ref: str | None = None
    version: str | None = None
    applies_to: tuple[str, ...] = ()
    combine: str | None = None
    at_least: int | None = None
    parts: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    min_weeks: float | None = None
    min_grade: str | None = None


@dataclass(frozen=True)
class Service:
    """One requested service line and its decision."""

    id: str
    code: str
    decision: str
    system: str = "CPT"
    description: str | None = None
    line: int | None = None
    level: str | None = None
    setting: str | None = None
    specialty: str | None = None
    side: str | None = None
    procedure: str | None = None
    claim: str | None = None
    criteria: tuple[str, ...] = ()
    reason: str | None = None
    missing_documentation: str | None = None


@dataclass(frozen=True)
class SettingDecision:
    """The decision on the requested setting (inpatient, outpatient, ambulatory)."""

    requested: str
    decision: str
    claim: str | None = None
    criteria: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class Statement:
    """A proposition: a conclusion, an intermediate claim, or what a guideline says."""

    id: str
    kind: str
    text: str
    cite: tuple[Citation, ...] = ()
    plain: str | None = None
    weight: float | None = None
    proof_standard: ProofStandard | None = None


@dataclass(frozen=True)
class Measure:
    """A numeric measurement of a finding, named with its unit (``cobb_angle_degrees``)."""

    name: str
    value: float


@dataclass(frozen=True)
class Patient:
    """What the case file says about the patient (``None``: not stated).

    ``nicotine`` is ``never``, ``former`` or ``current``; ``nicotine_as_of`` the date
    the status was documented, ``nicotine_quit`` the date a former user stopped.
    """

    age: int | None = None
    nicotine: str | None = None
    nicotine_as_of: str | None = None
    nicotine_quit: str | None = None


@dataclass(frozen=True)
class Finding:
    """A clinical finding from the record, with its structured values.

    ``present=False`` records a documented absence ("no scoliosis"); ``None`` (not
    stated) and ``True`` both mean documented present. ``date`` is when the finding was
    made (for a trial, when it ended) and ``start`` when a trial began; ``measures``
    are sorted by name.
    """

    id: str
    kind: str
    text: str
    cite: tuple[Citation, ...] = ()
    plain: str | None = None
    weight: float | None = None
    body_site: str | None = None
    side: str | None = None
    muscle: str | None = None
    grade: str | None = None
    trend: str | None = None
    modality: str | None = None
    level: str | None = None
    severity: str | None = None
    limitation: str | None = None
    treatment: str | None = None
    agent: str | None = None
    duration_weeks: float | None = None
    outcome: str | None = None
    procedure: str | None = None
    icd10: str | None = None
    root: str | None = None
    present: bool | None = None
    date: str | None = None
    start: str | None = None
    measures: tuple[Measure, ...] = ()


#: Structured fields a finding may carry, in case-file spelling (its fields after those
#: every statement has).
FINDING_DETAIL_FIELDS: tuple[str, ...] = tuple(
    f.name
    for f in fields(Finding)
    if f.name not in {"id", "kind", "text", "cite", "plain", "weight"}
)


def finding_details(finding: Finding) -> dict[str, Any]:
    """The structured values a finding states, as plain data (``measures`` as a mapping).

    >>> finding_details(Finding("f", "exam", "EHL 3+/5.", grade="3+/5",
    ...                         measures=(Measure("cobb_angle_degrees", 12.0),)))
    {'grade': '3+/5', 'measures': {'cobb_angle_degrees': 12.0}}
    """
    out: dict[str, Any] = {}
    for name in FINDING_DETAIL_FIELDS:
        value = getattr(finding, name)
        if name == "measures":
            if value:
                out[name] = {m.name: m.value for m in value}
        elif value is not None:
            out[name] = value
    return out


def detail_fields(details: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`finding_details`: keyword arguments of :class:`Finding`.

    >>> detail_fields({"measures": {"sva_cm": 6.0}})
    {'measures': (Measure(name='sva_cm', value=6.0),)}
    """
    out = dict(details)
    if "measures" in out:
        out["measures"] = tuple(Measure(k, float(v)) for k, v in sorted(out["measures"].items()))
    return out


@dataclass(frozen=True)
class Assessment:
    """``criterion`` is met / not-met / not-applicable / insufficient for ``service``."""

    id: str
    criterion: str
    service: str
    result: str
    text: str
    cite: tuple[Citation, ...] = ()
    plain: str | None = None
    weight: float | None = None


@dataclass(frozen=True)
class Inference:
    """Premises support a conclusion (AIF RA-node)."""

    id: str
    premises: tuple[str, ...]
    conclusion: str
    scheme: str | None = None
    warrant: str | None = None
    weight: float | None = None


@dataclass(frozen=True)
class Conflict:
    """An attacker attacks a target (AIF CA-node): rebut, undercut or undermine."""

    id: str
    kind: str
    attacker: str
    target: str


@dataclass(frozen=True)
class Preference:
    """One node is preferred over another (AIF PA-node)."""

    id: str
    preferred: str
    over: str


@dataclass(frozen=True)
class Determination:
    """A whole determination: the unit that compiles to one named graph."""

    id: str
    title: str
    outcome: str
    main_claim: str
    question: str | None = None
    illustrative: bool = False
    summary: str | None = None
    received: str | None = None
    urgency: str | None = None
    requested_setting: str | None = None
    criteria_set: str | None = None
    criteria_set_version: str | None = None
    patient: Patient | None = None
    decided: str | None = None
    reviewer: str | None = None
    policy: tuple[str, ...] = ()
    proof_standard: ProofStandard | None = None
    agents: tuple[Agent, ...] = ()
    sources: tuple[Source, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    services: tuple[Service, ...] = ()
    setting: SettingDecision | None = None
    findings: tuple[Finding, ...] = ()
    statements: tuple[Statement, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    inferences: tuple[Inference, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    preferences: tuple[Preference, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def _repr_html_(self) -> str:
        """A short HTML summary in Jupyter (:mod:`toulmin.graph.authoring.display`)."""
        from toulmin.graph.authoring.display import determination_html

        return determination_html(self)

    # -- lookups ---------------------------------------------------------------------
    def all_statements(self) -> tuple[Finding | Statement | Assessment, ...]:
        """Every AIF I-node: findings, statements and assessments, in file order."""
        return (*self.findings, *self.statements, *self.assessments)

    def node(self, local_id: str) -> Any:
        """The element with this local id, or ``None``."""
        for group in _ID_GROUPS:
            for item in getattr(self, group):
                if item.id == local_id:
                    return item
        return None

    def normalized(self) -> Determination:
        """A copy with every collection sorted by id (RDF keeps no order).

        Citation order is kept (it is part of the citation IRIs); premises, parts,
        criteria lists and policies are sorted.
        """

        def sort_ids(items: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple(sorted((_normalize_item(i) for i in items), key=lambda i: i.id))

        changes: dict[str, Any] = {g: sort_ids(getattr(self, g)) for g in _ID_GROUPS}
        changes["policy"] = tuple(sorted(self.policy))
        if self.setting is not None:
            changes["setting"] = replace(
                self.setting, criteria=tuple(sorted(self.setting.criteria))
            )
        return replace(self, **changes)


_ID_GROUPS: tuple[str, ...] = (
    "agents",
    "sources",
    "criteria",
    "services",
    "findings",
    "statements",
    "assessments",
    "inferences",
    "conflicts",
    "preferences",
)

_SORTED_TUPLE_FIELDS = frozenset(
    {"premises", "parts", "exceptions", "criteria", "applies_to", "unknown"}
)


_SORTED_FIELDS_OF: dict[type, tuple[str, ...]] = {}


def _sorted_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold id lists kept sorted (looked up once per class)."""
    names = _SORTED_FIELDS_OF.get(cls)
    if names is None:
        names = tuple(f.name for f in fields(cls) if f.name in _SORTED_TUPLE_FIELDS)
        _SORTED_FIELDS_OF[cls] = names
    return names


def _normalize_item(item: Any) -> Any:
    """``item`` with its id lists sorted (a copy only when one was out of order)."""
    changes = {}
    for name in _sorted_fields(type(item)):
        value = getattr(item, name)
        ordered = tuple(sorted(value))
        if ordered != value:
            changes[name] = ordered
    return replace(item, **changes) if changes else item
