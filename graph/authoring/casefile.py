"""Read and validate a case file (YAML) into a determination.

The result is a :class:`~toulmin.graph.authoring.model.Determination`.

Validation lists every problem at once, each with the file, the line and the path
inside the document: YAML syntax, duplicate keys, the JSON Schema
(``toulmin/schema/case.schema.json``), and the references between ids (unknown id,
wrong kind of id, duplicate id, a support cycle). Before any of it, the limits of
:mod:`~toulmin.graph.authoring.limits` (size, entries, string length, depth, aliases).

Every value that becomes an IRI or a typed literal is checked here, where it is read:
ids (the schema's ``id`` pattern), dates and date-times (a real calendar value, the
whole string; :func:`~toulmin.graph.authoring.lexical.is_datetime`), numbers (finite),
grades and codes (patterns). Patterns are read as JSON Schema means them (``$`` is the
end of the string, not "before a final newline" as Python's ``re`` has it).

Examples
--------
>>> text = '''
... toulmin: 1
... id: tiny
... title: A tiny determination
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... '''
>>> det = parse_case(text, "tiny.yaml")
>>> det.statements[0].cite
(Citation(source='rec', locator=None, quote=None),)
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toulmin.errors import BadInputError, CaseFileError, Problem
from toulmin.graph.authoring.limits import CaseLimits, case_limits
from toulmin.graph.authoring.model import (
    Agent,
    Assessment,
    Citation,
    Conflict,
    Criterion,
    Determination,
    Finding,
    Inference,
    Measure,
    Patient,
    Preference,
    ProofStandard,
    Service,
    SettingDecision,
    Source,
    Statement,
    canonical_datetime,
)
from toulmin.graph.authoring.schema_check import schema_problems, shipped_schema
from toulmin.graph.authoring.wording import with_article
from toulmin.graph.authoring.yaml_positions import (
    PositionedDocument,
    load_with_positions,
    too_big,
)

if TYPE_CHECKING:  # jsonschema explains invalid files; networkx, support cycles: both rare
    import jsonschema

__all__ = ["RESERVED_IDS", "case_schema", "load_case", "parse_case"]

DocPath = tuple[str | int, ...]

#: Groups of elements that carry an id, with what each id names.
_GROUPS: dict[str, str] = {
    "agents": "agent",
    "sources": "source",
    "criteria": "criterion",
    "services": "service",
    "findings": "finding",
    "statements": "statement",
    "assessments": "assessment",
    "inferences": "inference",
    "conflicts": "conflict",
    "preferences": "preference",
}
_STATEMENT_KINDS = frozenset({"finding", "statement", "assessment"})
#: Ids the compiler uses for nodes of its own (docs/rdf-model.md): not for elements.
RESERVED_IDS = frozenset({"case", "graph", "derived", "proof-standard", "setting"})
_SCHEMA = "case.schema.json"


def case_schema() -> dict[str, Any]:
    """The JSON Schema of case files (ships in the package).

    >>> case_schema()["title"]
    'toulmin case file'
    """
    return shipped_schema(_SCHEMA)


def load_case(path: str | Path, limits: CaseLimits | None = None) -> Determination:
    """Read, validate and convert one case file.

    The file must be a regular file no bigger than ``limits.max_bytes`` (see
    :mod:`~toulmin.graph.authoring.limits`): its size is checked before it is read, and
    no more than the limit is ever read (a device or a pipe is refused, never waited on).

    Raises
    ------
    CaseFileError
        With every problem found, each located by file, line and path; or the one
        limit the file goes past.
    BadInputError
        When the file cannot be read.
    """
    path = Path(path)
    limits = limits or case_limits()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise BadInputError(f"{path}: not a regular file; a case file is read from a file")
        if info.st_size > limits.max_bytes:
            raise CaseFileError([Problem(str(path), None, "", too_big(info.st_size, limits))])
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise BadInputError(f"{path}: cannot read the case file: {err}") from None
    return parse_case(text, str(path), limits)


def parse_case(text: str, file: str = "<case>", limits: CaseLimits | None = None) -> Determination:
    """Validate and convert case-file text; see :func:`load_case`."""
    doc = load_with_positions(text, file, limits)
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "a case file is a mapping (toulmin: 1, id: ..., ...)"))
        raise CaseFileError(problems)
    problems.extend(_schema_problems(doc))
    if problems:  # reference checks assume the shape is right
        raise CaseFileError(problems)
    problems.extend(_reference_problems(doc))
    if problems:
        raise CaseFileError(problems)
    return _build(doc.data)


# --- schema ---------------------------------------------------------------------------


def _schema_problems(doc: PositionedDocument) -> Iterator[Problem]:
    return schema_problems(doc, _SCHEMA, _explain)


def _explain(error: jsonschema.ValidationError) -> Iterator[tuple[DocPath, str]]:
    import jsonschema.exceptions

    path: DocPath = tuple(error.absolute_path)
    instance: Any = error.instance
    schema: Any = error.schema
    expected: Any = error.validator_value
    if error.validator == "oneOf" and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if (path and path[-1] == "cite") or (len(path) > 1 and path[-2] == "cite"):
            yield (
                path,
                (
                    "a citation is 'source-id', 'source-id#locator', "
                    "or {source: ..., locator: ..., quote: ...}"
                ),
            )
            return
        if path and path[-1] == "proof_standard":
            yield (
                path,
                (
                    "a proof standard is one of scintilla, preponderance, clear-and-convincing, "
                    "beyond-reasonable-doubt, or {standard: ..., alpha: ..., beta: ..., gamma: ...}"
                ),
            )
            return
        yield from _explain(best)
        return
    if error.validator == "required":
        missing = [k for k in expected if k not in instance]
        for key in missing:
            if key == "cite":
                yield (
                    path,
                    (
                        "missing citation: add 'cite: SOURCE-ID[#locator]' "
                        "(or 'cite: []' to record on purpose that this statement has none; "
                        "toulmin check will report it)"
                    ),
                )
            else:
                yield path, f"missing required key '{key}'"
        return
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in instance if k not in schema.get("properties", {})]
        for key in extra:
            yield (*path, key), f"unknown key '{key}' (allowed here: {', '.join(allowed)})"
        return
    if error.validator == "enum":
        options = ", ".join(str(v) for v in expected)
        yield path, f"{instance!r} is not one of: {options}"
        return
    if error.validator == "type":
        yield (
            path,
            f"wrong type: expected {expected}, got {_type_name(instance)}",
        )
        return
    if error.validator == "pattern":
        description = schema.get("description", f"pattern {expected}")
        yield path, f"{instance!r} is not well formed: {description}"
        return
    if error.validator == "format":
        description = schema.get("description", f"format {expected}")
        yield path, f"{instance!r} is not well formed: {description}"
        return
    if error.validator == "maxLength":
        yield path, f"too long ({len(instance):,} characters): at most {expected:,} here"
        return
    if error.validator == "const":
        yield path, f"expected {expected!r}, got {instance!r}"
        return
    yield path, error.message


def _type_name(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    if value is None:
        return "nothing (null)"
    return names.get(type(value), "mapping" if isinstance(value, dict) else type(value).__name__)


# --- references -----------------------------------------------------------------------


def _reference_problems(doc: PositionedDocument) -> Iterator[Problem]:
    data: dict[str, Any] = doc.data
    kinds: dict[str, str] = {}
    first: dict[str, DocPath] = {}
    for group, kind in _GROUPS.items():
        for i, item in enumerate(data.get(group, [])):
            ident = item["id"]
            if ident in RESERVED_IDS:
                yield doc.problem(
                    (group, i, "id"),
                    f"'{ident}' is reserved for a node toulmin makes itself; choose another id",
                )
                continue
            if ident in kinds:
                where = first[ident]
                yield doc.problem(
                    (group, i, "id"),
                    f"duplicate id '{ident}': already used by the {kinds[ident]} at line "
                    f"{doc.line(where)}; ids must be unique in a case file",
                )
                continue
            kinds[ident] = kind
            first[ident] = (group, i, "id")

    def expect(path: DocPath, ident: str, wanted: Iterable[str], what: str) -> Iterator[Problem]:
        wanted = set(wanted)
        if ident not in kinds:
            yield doc.problem(path, f"unknown id '{ident}': no {what} has this id")
        elif kinds[ident] not in wanted:
            yield doc.problem(
                path,
                f"'{ident}' is {with_article(kinds[ident])}, "
                f"but {with_article(what)} is expected here",
            )

    statement = "statement, finding or assessment"
    decision = data["decision"]
    yield from expect(
        ("decision", "main_claim"), decision["main_claim"], _STATEMENT_KINDS, statement
    )
    if "reviewer" in decision:
        yield from expect(("decision", "reviewer"), decision["reviewer"], {"agent"}, "agent")
    for i, ident in enumerate(decision.get("policy", [])):
        yield from expect(("decision", "policy", i), ident, {"source"}, "source")

    for i, crit in enumerate(data.get("criteria", [])):
        yield from expect(("criteria", i, "source"), crit["source"], {"source"}, "source")
        for key in ("parts", "exceptions"):
            for j, ident in enumerate(crit.get(key, [])):
                yield from expect(("criteria", i, key, j), ident, {"criterion"}, "criterion")
        if crit.get("combine") == "at-least" and "at_least" not in crit:
            yield doc.problem(("criteria", i), "combine: at-least needs 'at_least: N'")

    for i, svc in enumerate(data["services"]):
        if "claim" in svc:
            yield from expect(("services", i, "claim"), svc["claim"], _STATEMENT_KINDS, statement)
        for j, ident in enumerate(svc.get("criteria", [])):
            yield from expect(("services", i, "criteria", j), ident, {"criterion"}, "criterion")
    setting = data.get("setting")
    if setting:
        if "claim" in setting:
            yield from expect(("setting", "claim"), setting["claim"], _STATEMENT_KINDS, statement)
        for j, ident in enumerate(setting.get("criteria", [])):
            yield from expect(("setting", "criteria", j), ident, {"criterion"}, "criterion")

    for group in ("findings", "statements", "assessments"):
        for i, item in enumerate(data.get(group, [])):
            for j, cite_path, cite in _citations(item.get("cite")):
                source = cite.partition("#")[0] if isinstance(cite, str) else cite["source"]
                path: DocPath = (group, i, "cite", *cite_path)
                if isinstance(cite, dict):
                    path = (*path, "source")
                _ = j
                yield from expect(path, source, {"source"}, "source")
    for i, item in enumerate(data.get("assessments", [])):
        yield from expect(
            ("assessments", i, "criterion"), item["criterion"], {"criterion"}, "criterion"
        )
        yield from expect(("assessments", i, "service"), item["service"], {"service"}, "service")

    premises_of: set[str] = set()
    for i, inf in enumerate(data.get("inferences", [])):
        for j, ident in enumerate(inf["premises"]):
            premises_of.add(ident)
            yield from expect(("inferences", i, "premises", j), ident, _STATEMENT_KINDS, statement)
        yield from expect(
            ("inferences", i, "conclusion"), inf["conclusion"], _STATEMENT_KINDS, statement
        )
        if inf["conclusion"] in inf["premises"]:
            yield doc.problem(
                ("inferences", i, "conclusion"),
                f"'{inf['conclusion']}' is both a premise and the conclusion of this inference",
            )

    for i, con in enumerate(data.get("conflicts", [])):
        yield from expect(
            ("conflicts", i, "attacker"), con["attacker"], _STATEMENT_KINDS, statement
        )
        target = con["target"]
        if con["kind"] == "undercut":
            yield from expect(
                ("conflicts", i, "target"),
                target,
                {"inference"},
                "inference (an undercut attacks an inference)",
            )
        else:
            yield from expect(("conflicts", i, "target"), target, _STATEMENT_KINDS, statement)
            if (
                con["kind"] == "undermine"
                and kinds.get(target) in _STATEMENT_KINDS
                and target not in premises_of
            ):
                yield doc.problem(
                    ("conflicts", i, "target"),
                    f"an undermining attacks a premise, but '{target}' is not a premise of any "
                    "inference: use kind: rebut",
                )
        if con["attacker"] == target:
            yield doc.problem(("conflicts", i, "target"), "a statement cannot attack itself")

    for i, pref in enumerate(data.get("preferences", [])):
        for key in ("preferred", "over"):
            yield from expect(
                ("preferences", i, key),
                pref[key],
                {*_STATEMENT_KINDS, "inference"},
                "statement or inference",
            )

    yield from _cycle_problems(doc, kinds)


def _citations(cite: Any) -> Iterator[tuple[int, DocPath, Any]]:
    if cite is None:
        return
    if isinstance(cite, list):
        for j, c in enumerate(cite):
            yield j, (j,), c
    else:
        yield 0, (), cite


def _acyclic(edges: Iterable[tuple[str, str]]) -> bool:
    """Whether a directed graph has no cycle (Kahn: every node can be taken off in turn)."""
    successors: dict[str, list[str]] = {}
    indegree: dict[str, int] = {}
    for a, b in edges:
        successors.setdefault(a, []).append(b)
        indegree.setdefault(a, 0)
        indegree[b] = indegree.get(b, 0) + 1
    ready = [node for node, degree in indegree.items() if degree == 0]
    taken = 0
    while ready:
        node = ready.pop()
        taken += 1
        for after in successors.get(node, ()):
            indegree[after] -= 1
            if indegree[after] == 0:
                ready.append(after)
    return taken == len(indegree)


def _cycle_problems(doc: PositionedDocument, kinds: dict[str, str]) -> Iterator[Problem]:
    where: dict[tuple[str, str], int] = {}
    for i, inf in enumerate(doc.data.get("inferences", [])):
        for premise in inf["premises"]:
            if premise in kinds:
                where.setdefault((premise, inf["conclusion"]), i)
    if _acyclic(where):
        return  # the usual case, without importing networkx
    import networkx as nx

    support = nx.DiGraph()
    for premise, conclusion in where:  # the same edges in the same order as before
        support.add_edge(premise, conclusion)
    reported: set[frozenset[str]] = set()
    for component in nx.strongly_connected_components(support):
        if len(component) < 2 or frozenset(component) in reported:
            continue
        reported.add(frozenset(component))
        cycle = nx.find_cycle(support.subgraph(component))
        chain = " -> ".join([cycle[0][0], *(edge[1] for edge in cycle)])
        index = min(where[(a, b)] for a, b in cycle)
        yield doc.problem(
            ("inferences", index),
            f"support cycle: {chain}; a statement cannot (indirectly) support itself",
        )


# --- building the model -----------------------------------------------------------------


def _cites(value: Any) -> tuple[Citation, ...]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Citation.parse(item))
        else:
            out.append(Citation(item["source"], item.get("locator"), item.get("quote")))
    return tuple(out)


def _proof_standard(value: Any) -> ProofStandard | None:
    if value is None:
        return None
    if isinstance(value, str):
        return ProofStandard(value)
    return ProofStandard(
        value["standard"], value.get("alpha"), value.get("beta"), value.get("gamma")
    )


def _floats(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: float(item[k]) for k in keys if item.get(k) is not None}


def _plain(item: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in skip}


def _tuples(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: tuple(item[k]) for k in keys if k in item}


def _when(value: str | None) -> str | None:
    return None if value is None else canonical_datetime(value)


def _patient(value: dict[str, Any] | None) -> Patient | None:
    if value is None:
        return None
    dates = {k: _when(value.get(k)) for k in ("nicotine_as_of", "nicotine_quit")}
    patient = Patient(value.get("age"), value.get("nicotine"), **dates)
    return None if patient == Patient() else patient  # RDF has nothing to say for {}


def _finding(f: dict[str, Any]) -> Finding:
    measures: dict[str, float] = f.get("measures", {})
    dates: dict[str, str | None] = {k: _when(f[k]) for k in ("date", "start") if k in f}
    return Finding(
        **{
            **_plain(f, "cite", "duration_weeks", "weight", "measures", "date", "start"),
            "cite": _cites(f["cite"]),
            **_floats(f, "duration_weeks", "weight"),
            **dates,
            "measures": tuple(Measure(k, float(measures[k])) for k in sorted(measures)),
        }
    )


def _build(data: dict[str, Any]) -> Determination:
    decision = data["decision"]
    request = data.get("request", {})
    setting = data.get("setting")
    criteria_set = data.get("criteria_set", {})
    return Determination(
        id=data["id"],
        title=data["title"],
        outcome=decision["outcome"],
        main_claim=decision["main_claim"],
        question=data.get("question"),
        illustrative=bool(data.get("illustrative", False)),
        summary=data.get("summary"),
        received=_when(request.get("received")),
        urgency=request.get("urgency"),
        requested_setting=request.get("setting"),
        criteria_set=criteria_set.get("id"),
        criteria_set_version=criteria_set.get("version"),
        patient=_patient(data.get("patient")),
        decided=_when(decision.get("decided")),
        reviewer=decision.get("reviewer"),
        policy=tuple(decision.get("policy", ())),
        proof_standard=_proof_standard(decision.get("proof_standard")),
        agents=tuple(Agent(**a) for a in data.get("agents", [])),
        sources=tuple(
            Source(**{**_plain(s, "unknown"), **_tuples(s, "unknown")}) for s in data["sources"]
        ),
        criteria=tuple(
            Criterion(
                **{
                    **_plain(c, "applies_to", "parts", "exceptions", "min_weeks"),
                    **_tuples(c, "applies_to", "parts", "exceptions"),
                    **_floats(c, "min_weeks"),
                }
            )
            for c in data.get("criteria", [])
        ),
        services=tuple(
            Service(**{**_plain(s, "criteria"), **_tuples(s, "criteria")}) for s in data["services"]
        ),
        setting=(
            SettingDecision(**{**_plain(setting, "criteria"), **_tuples(setting, "criteria")})
            if setting
            else None
        ),
        findings=tuple(_finding(f) for f in data.get("findings", [])),
        statements=tuple(
            Statement(
                **{
                    **_plain(s, "cite", "weight", "proof_standard"),
                    "cite": _cites(s["cite"]),
                    "proof_standard": _proof_standard(s.get("proof_standard")),
                    **_floats(s, "weight"),
                }
            )
            for s in data["statements"]
        ),
        assessments=tuple(
            Assessment(
                **{**_plain(a, "cite", "weight"), "cite": _cites(a["cite"]), **_floats(a, "weight")}
            )
            for a in data.get("assessments", [])
        ),
        inferences=tuple(
            Inference(
                **{
                    **_plain(i, "premises", "weight"),
                    "premises": tuple(i["premises"]),
                    **_floats(i, "weight"),
                }
            )
            for i in data.get("inferences", [])
        ),
        conflicts=tuple(Conflict(**c) for c in data.get("conflicts", [])),
        preferences=tuple(Preference(**p) for p in data.get("preferences", [])),
    )
