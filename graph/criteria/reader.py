"""Read, check and write criteria-set files (YAML).

This module owns the criteria file format's reader and writer: YAML with positions
(:mod:`toulmin.graph.authoring.yaml_positions`), the JSON Schema shipped at
``toulmin/schema/criteria.schema.json``, the checks the schema cannot make (unique ids,
known value sets and criteria, a condition or parts on every criterion, codes of the
right form, dates in order), and the conversion to
:class:`~toulmin.graph.criteria.model.CriteriaSet`. Every problem is reported at once,
each with its file, line and path, in a :class:`~toulmin.errors.CriteriaFileError`.

It imports :mod:`toulmin.errors`, the authoring layer's YAML reader and schema check
(:mod:`toulmin.graph.authoring.schema_check`, shared with the case-file reader) and the
other modules of this package.

Examples
--------
>>> text = '''
... toulmin-criteria: 1
... id: demo
... version: "1"
... title: Demo
... criteria:
...   - id: pt
...     ref: A.1
...     text: Six weeks of physical therapy.
...     condition:
...       finding: {of: {treatment: physical-therapy}, with: {duration: {at_least: {weeks: 6}}}}
... '''
>>> cs = parse_criteria_set(text, "demo.yaml")
>>> cs.key, cs.criteria[0].label
('demo@1', 'A.1')
>>> parse_criteria_set(dump_criteria_set(cs), "again.yaml") == cs
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from toulmin.errors import BadInputError, CriteriaFileError, Problem
from toulmin.graph.authoring.schema_check import read_document, schema_problems, shipped_schema
from toulmin.graph.authoring.yaml_positions import PositionedDocument, load_with_positions
from toulmin.graph.criteria.conditions import (
    Condition,
    CriterionCondition,
    FieldTest,
    ValueSet,
    condition_to_data,
    parse_condition,
)
from toulmin.graph.criteria.model import FORMAT_KEY, CriteriaSet, CriterionNode
from toulmin.graph.criteria.values import code_system_iri

__all__ = ["criteria_schema", "dump_criteria_set", "load_criteria_set", "parse_criteria_set"]

DocPath = tuple[str | int, ...]

#: The form of a code in the systems whose form is known.
_CODE_FORMS = {
    code_system_iri("ICD-10-CM"): re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$"),
    code_system_iri("CPT"): re.compile(r"^[0-9]{4}[0-9A-Z]$"),
    code_system_iri("HCPCS"): re.compile(r"^[A-Z][0-9]{4}$"),
}
#: Fields whose value sets are looked up (findings' diagnoses, services' codes).
_CODED_FIELDS = frozenset({"icd10", "code"})
_SCHEMA = "criteria.schema.json"


def criteria_schema() -> dict[str, Any]:
    """The JSON Schema of criteria files (ships in the package).

    >>> criteria_schema()["title"]
    'toulmin criteria set'
    """
    return shipped_schema(_SCHEMA)


def load_criteria_set(path: str | Path) -> CriteriaSet:
    """Read, check and convert one criteria file.

    Raises
    ------
    CriteriaFileError
        With every problem found, each located by file, line and path.
    BadInputError
        When the file cannot be read.
    """
    path = Path(path)
    return parse_criteria_set(read_document(path, "criteria file"), str(path))


def parse_criteria_set(text: str, file: str = "<criteria>") -> CriteriaSet:
    """Check and convert criteria-file text; see :func:`load_criteria_set`."""
    try:
        doc = load_with_positions(text, file)
    except CriteriaFileError:
        raise
    except BadInputError as err:  # the YAML reader speaks of case files
        problems = getattr(err, "problems", [])
        raise CriteriaFileError(
            [
                Problem(
                    p.file, p.line, p.path, p.message.replace("case mapping", "criteria mapping")
                )
                for p in problems
            ]
        ) from None
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), f"a criteria file is a mapping ({FORMAT_KEY}: 1, id: ...)"))
        raise CriteriaFileError(problems)
    problems.extend(_schema_problems(doc))
    if problems:
        raise CriteriaFileError(problems)
    found: list[tuple[str, str]] = []
    built = _build(doc.data, file, found)
    problems.extend(_pointer_problem(doc, path, message) for path, message in found)
    problems.extend(_semantic_problems(doc, built))
    if problems:
        raise CriteriaFileError(problems)
    return built


def dump_criteria_set(cs: CriteriaSet) -> str:
    """The YAML text of a criteria set (:func:`parse_criteria_set` reads it back equal)."""
    return yaml.safe_dump(cs.to_data(), sort_keys=False, allow_unicode=True, width=88)


# --- schema ---------------------------------------------------------------------------


def _schema_problems(doc: PositionedDocument) -> Iterator[Problem]:
    return schema_problems(doc, _SCHEMA, _explain)


def _type_name(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    if value is None:
        return "nothing (null)"
    return names.get(type(value), "mapping" if isinstance(value, dict) else type(value).__name__)


def _explain(error: jsonschema.ValidationError) -> Iterator[tuple[DocPath, str]]:
    path: DocPath = tuple(error.absolute_path)
    instance: Any = error.instance
    schema: Any = error.schema
    expected: Any = error.validator_value
    operators = ", ".join(criteria_schema()["$defs"]["condition"]["properties"])
    is_condition = schema is criteria_schema()["$defs"]["condition"]
    if error.validator == "anyOf":
        yield path, f"{instance!r} is not valid here: {schema.get('description', error.message)}"
    elif error.validator == "required":
        for key in expected:
            if key not in instance:
                yield path, f"missing required key '{key}'"
    elif error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in (k for k in instance if k not in schema.get("properties", {})):
            what = "condition" if is_condition else "key"
            yield (*path, key), f"unknown {what} '{key}' (allowed here: {', '.join(allowed)})"
    elif error.validator in {"maxProperties", "minProperties"} and is_condition:
        given = ", ".join(instance) or "none"
        yield path, f"a condition has exactly one operator ({operators}); given: {given}"
    elif error.validator in {"maxProperties", "minProperties"} and "weeks" in schema.get(
        "properties", {}
    ):
        yield (
            path,
            "a duration has exactly one unit: {days: N}, {weeks: N}, {months: N} or {years: N}",
        )
    elif error.validator == "enum":
        yield path, f"{instance!r} is not one of: {', '.join(str(v) for v in expected)}"
    elif error.validator == "type":
        yield path, f"wrong type: expected {expected}, got {_type_name(instance)}"
    elif error.validator == "pattern":
        description = schema.get("description", f"pattern {expected}")
        yield path, f"{instance!r} is not well formed: {description}"
    elif error.validator == "const":
        yield path, f"expected {expected!r}, got {instance!r}"
    else:
        yield path, error.message


# --- building, with the checks the schema cannot make --------------------------------


def _doc_path(pointer: str) -> DocPath:
    out: list[str | int] = []
    for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
        part = part.replace("~1", "/").replace("~0", "~")
        out.append(int(part) if part.isdigit() else part)
    return tuple(out)


def _pointer_problem(doc: PositionedDocument, pointer: str, message: str) -> Problem:
    return doc.problem(_doc_path(pointer), message)


def _build(data: dict[str, Any], file: str, problems: list[tuple[str, str]]) -> CriteriaSet:
    value_sets = tuple(
        ValueSet(
            name,
            vs["system"],
            tuple(vs.get("codes", ())),
            tuple(vs.get("prefixes", ())),
            vs.get("title"),
        )
        for name, vs in data.get("value_sets", {}).items()
    )
    criteria = tuple(
        _node(c, f"/criteria/{i}", problems, top=True) for i, c in enumerate(data["criteria"])
    )
    return CriteriaSet(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        publisher=data.get("publisher"),
        identifier=data.get("identifier"),
        effective=data.get("effective"),
        retired=data.get("retired"),
        url=data.get("url"),
        licence=data.get("licence"),
        note=data.get("note"),
        retrieved=data.get("retrieved"),
        illustrative=bool(data.get("illustrative", False)),
        unknown=tuple(data.get("unknown", ())),
        value_sets=value_sets,
        criteria=criteria,
        file=file,
    )


def _node(
    data: dict[str, Any], path: str, problems: list[tuple[str, str]], top: bool
) -> CriterionNode:
    def cond(key: str) -> Condition | None:
        if key not in data:
            return None
        return parse_condition(data[key], f"{path}/{key}", problems)

    def children(key: str) -> tuple[CriterionNode, ...]:
        return tuple(
            _node(c, f"{path}/{key}/{i}", problems, top=False)
            for i, c in enumerate(data.get(key, ()))
        )

    if "scope" in data and not top:
        problems.append(
            (f"{path}/scope", "scope is set on a top-level criterion only; its parts share it")
        )
    has_parts, has_condition = "parts" in data, "condition" in data
    if has_parts == has_condition:
        problems.append(
            (
                path,
                "a criterion has either a condition or parts (with combine), not "
                + ("both" if has_parts else "neither"),
            )
        )
    if has_parts and "combine" not in data:
        problems.append((path, "parts need 'combine: all', 'combine: any' or 'combine: at-least'"))
    if "combine" in data and not has_parts:
        problems.append((f"{path}/combine", "combine is for parts, and this criterion has none"))
    if data.get("combine") == "at-least":
        n = data.get("at_least")
        if n is None:
            problems.append((path, "combine: at-least needs 'at_least: N'"))
        elif n > len(data.get("parts", ())):
            problems.append(
                (
                    f"{path}/at_least",
                    f"at least {n} of {len(data.get('parts', ()))} parts can never be met",
                )
            )
    elif "at_least" in data:
        problems.append((f"{path}/at_least", "at_least is for combine: at-least"))
    return CriterionNode(
        id=data["id"],
        text=data.get("text", ""),
        ref=data.get("ref"),
        quote=data.get("quote"),
        locator=data.get("locator"),
        note=data.get("note"),
        scope=data.get("scope", "service"),
        applies=cond("applies"),
        condition=cond("condition"),
        combine=data.get("combine"),
        at_least=data.get("at_least"),
        parts=children("parts"),
        exceptions=children("exceptions"),
        exclusions=children("exclusions"),
        path=path,
    )


def _conditions(cond: Condition | None) -> Iterator[Condition]:
    if cond is None:
        return
    yield cond
    for name in ("parts", "part"):
        child = getattr(cond, name, None)
        if isinstance(child, tuple):
            for c in child:
                yield from _conditions(c)
        elif isinstance(child, Condition):
            yield from _conditions(child)


def _tests(cond: Condition) -> Iterator[tuple[str, FieldTest]]:
    for key in ("of", "with_", "tests", "on"):
        for t in getattr(cond, key, ()):
            yield key.rstrip("_"), t


def _semantic_problems(doc: PositionedDocument, cs: CriteriaSet) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for node in cs.walk():
        if node.id in first:
            where = doc.line(_doc_path(first[node.id]))
            yield _pointer_problem(
                doc, f"{node.path}/id", f"duplicate id '{node.id}': already used at line {where}"
            )
        else:
            first[node.id] = node.path
    sets = {vs.id: vs for vs in cs.value_sets}
    for vs in cs.value_sets:
        form = _CODE_FORMS.get(code_system_iri(vs.system))
        if form is None:
            continue
        for key in ("codes", "prefixes"):
            for i, code in enumerate(getattr(vs, key)):
                if key == "codes" and not form.match(code):
                    yield doc.problem(
                        ("value_sets", vs.id, key, i), f"{code!r} is not a {vs.system} code"
                    )
    refs: dict[str, set[str]] = {}
    for node in cs.walk():
        for cond in (c for top in (node.applies, node.condition) for c in _conditions(top)):
            operator = next(iter(condition_to_data(cond)))
            for key, t in _tests(cond):
                group = "" if key == "tests" else f"/{key}"
                at = f"{cond.path}/{operator}{group}/{t.field}/value_set"
                if t.op == "value_set":
                    if t.value not in sets:
                        known = ", ".join(sorted(sets)) or "none are defined"
                        yield _pointer_problem(
                            doc, at, f"unknown value set '{t.value}' (value_sets: {known})"
                        )
                    if t.field not in _CODED_FIELDS:
                        yield _pointer_problem(
                            doc, at, f"value_set works on icd10 and code, not on '{t.field}'"
                        )
            if isinstance(cond, CriterionCondition):
                if cs.node(cond.id) is None:
                    yield _pointer_problem(
                        doc,
                        f"{cond.path}/criterion/id",
                        f"unknown criterion '{cond.id}': no criterion of this set has this id",
                    )
                refs.setdefault(node.id, set()).add(cond.id)
    for start in refs:
        seen, todo = set(), list(refs[start])
        while todo:
            ident = todo.pop()
            if ident == start:
                target = cs.node(start)
                yield _pointer_problem(
                    doc,
                    target.path if target else "",
                    f"criterion '{start}' depends on itself through criterion conditions",
                )
                break
            if ident not in seen:
                seen.add(ident)
                todo.extend(refs.get(ident, ()))
    for i, key in enumerate(cs.unknown):
        if key != "version" and getattr(cs, key) is not None:
            yield doc.problem(
                ("unknown", i),
                f"'{key}' is given and also listed as unknown: remove one of the two",
            )
    for key in ("effective", "retired", "retrieved"):
        text = getattr(cs, key)
        if text is not None:
            try:
                date.fromisoformat(text)
            except ValueError:
                yield doc.problem((key,), f"{text!r} is not a date of the calendar")
    if cs.effective and cs.retired and cs.retired <= cs.effective:
        yield doc.problem(
            ("retired",), f"retired ({cs.retired}) must come after effective ({cs.effective})"
        )
