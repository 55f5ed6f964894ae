"""Property: random valid case files compile, and what RDF gives back equals what was written.

authoring (YAML text) -> model -> RDF -> model: nothing of the argument is lost.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toulmin.graph.authoring.casefile import parse_case
from toulmin.graph.rdf.compile import compile_determination
from toulmin.graph.rdf.decompile import decompile
from toulmin.graph.rdf.serialize import serialize

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
)
WEIGHT = st.floats(min_value=0, max_value=1, allow_nan=False)
DATETIME = st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat() + "Z")
DATE = st.one_of(st.dates().map(lambda d: d.isoformat()), DATETIME)
MEASURES = st.dictionaries(
    st.sampled_from(["cobb_angle_degrees", "sva_cm", "bmi", "translation_mm"]),
    st.one_of(
        st.integers(-100, 400),
        st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
)
SIDES = st.sampled_from(["left", "right", "bilateral"])
#: Fields any finding may carry, whatever its kind.
FINDING_COMMON: dict[str, st.SearchStrategy[Any]] = {
    "present": st.booleans(),
    "date": DATE,
    "start": DATE,
    "measures": MEASURES,
}

FINDING_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "symptom": st.fixed_dictionaries(
        {}, optional={"body_site": TEXT, "side": st.sampled_from(["left", "right", "bilateral"])}
    ),
    "exam": st.fixed_dictionaries(
        {},
        optional={
            "muscle": TEXT,
            "side": st.sampled_from(["left", "right"]),
            "grade": st.sampled_from(["0/5", "3+/5", "4-/5", "5/5"]),
            "trend": st.sampled_from(["progressive", "stable", "improving", "unknown"]),
            "root": st.sampled_from(["L3", "L4", "L5", "S1", "C6"]),
        },
    ),
    "imaging": st.fixed_dictionaries(
        {},
        optional={
            "modality": st.sampled_from(["MRI", "CT", "X-ray"]),
            "level": st.sampled_from(["L3-4", "L4-5", "L5-S1"]),
            "severity": st.sampled_from(["none", "mild", "moderate", "severe", "unknown"]),
            "limitation": TEXT,
        },
    ),
    "treatment-trial": st.fixed_dictionaries(
        {},
        optional={
            "treatment": st.sampled_from(["medication", "physical-therapy", "bracing"]),
            "agent": TEXT,
            "duration_weeks": st.floats(min_value=0, max_value=520, allow_nan=False),
            "outcome": st.sampled_from(["failed", "partial", "successful", "unknown"]),
        },
    ),
    "surgical-history": st.fixed_dictionaries({}, optional={"procedure": TEXT, "level": TEXT}),
    "diagnosis": st.fixed_dictionaries(
        {}, optional={"icd10": st.sampled_from(["M48.062", "M54.16", "G57.30"])}
    ),
    "comorbidity": st.fixed_dictionaries(
        {}, optional={"severity": st.sampled_from(["mild", "moderate", "severe"])}
    ),
    "surgical-plan": st.fixed_dictionaries(
        {}, optional={"procedure": TEXT, "level": st.sampled_from(["L3-4", "L4-5"])}
    ),
    "inpatient-indication": st.just({}),
    "other": st.just({}),
}


@st.composite
def citations(draw: st.DrawFn, sources: list[str]) -> Any:
    def one() -> Any:
        source = draw(st.sampled_from(sources))
        style = draw(st.integers(0, 2))
        if style == 0:
            return source
        if style == 1:
            return f"{source}#{draw(TEXT.filter(lambda t: t.strip() == t and t))}"
        entry: dict[str, str] = {"source": source}
        if draw(st.booleans()):
            entry["locator"] = draw(TEXT)
        if draw(st.booleans()):
            entry["quote"] = draw(TEXT)
        return entry

    n = draw(st.integers(0, 3))
    if n == 1 and draw(st.booleans()):
        return one()
    return [one() for _ in range(n)]


def optional(
    draw: st.DrawFn, item: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]
) -> None:
    if draw(st.booleans()):
        item[key] = draw(strategy)


@st.composite
def case_documents(draw: st.DrawFn) -> dict[str, Any]:
    n_sources = draw(st.integers(1, 3))
    sources = [f"src{i}" for i in range(n_sources)]
    doc: dict[str, Any] = {
        "toulmin": 1,
        "id": "det-" + draw(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True)),
        "title": draw(TEXT),
    }
    optional(draw, doc, "question", TEXT)
    optional(draw, doc, "illustrative", st.booleans())
    optional(draw, doc, "summary", TEXT)
    doc["sources"] = []
    for s in sources:
        src: dict[str, Any] = {
            "id": s,
            "kind": draw(
                st.sampled_from(["criteria-set", "guideline", "study", "clinical-document"])
            ),
            "title": draw(TEXT),
        }
        for key in ("publisher", "version", "date", "identifier", "note"):
            optional(draw, src, key, TEXT)
        optional(
            draw,
            src,
            "unknown",
            st.lists(
                st.sampled_from(["title", "publisher", "version", "date", "identifier"]),
                unique=True,
            ),
        )
        doc["sources"].append(src)
    agents = [{"id": "rev", "role": "reviewer", "specialty": draw(TEXT)}]
    if draw(st.booleans()):
        agents.append({"id": "prov", "role": "requesting-provider", "name": draw(TEXT)})
    doc["agents"] = agents

    n_criteria = draw(st.integers(0, 3))
    criteria = [f"crit{i}" for i in range(n_criteria)]
    doc["criteria"] = []
    for i, c in enumerate(criteria):
        crit: dict[str, Any] = {
            "id": c,
            "source": draw(st.sampled_from(sources)),
            "text": draw(TEXT),
        }
        optional(draw, crit, "version", TEXT)
        optional(draw, crit, "ref", TEXT)
        optional(
            draw,
            crit,
            "applies_to",
            st.lists(st.sampled_from(["22850", "63042", "22849"]), unique=True),
        )
        optional(draw, crit, "min_weeks", st.floats(min_value=0, max_value=52, allow_nan=False))
        optional(draw, crit, "min_grade", st.sampled_from(["4/5", "3/5"]))
        later = criteria[i + 1 :]
        if later and draw(st.booleans()):
            crit["combine"] = "at-least"
            crit["at_least"] = draw(st.integers(1, 3))
            crit["parts"] = draw(st.lists(st.sampled_from(later), min_size=1, unique=True))
        doc["criteria"].append(crit)

    # every I-node gets a position; an inference's premises come after its conclusion -> no cycle
    n_findings = draw(st.integers(0, 4))
    n_statements = draw(st.integers(1, 5))
    services = [f"svc{i}" for i in range(draw(st.integers(1, 2)))]
    n_assessments = draw(st.integers(0, 2)) if criteria else 0
    findings = [f"f{i}" for i in range(n_findings)]
    statements = [f"c{i}" for i in range(n_statements)]
    assessments = [f"a{i}" for i in range(n_assessments)]
    inodes = statements + assessments + findings

    doc["statements"] = []
    for i, s in enumerate(statements):
        item: dict[str, Any] = {
            "id": s,
            "kind": "conclusion"
            if i == 0
            else draw(st.sampled_from(["claim", "guideline", "conclusion"])),
            "text": draw(TEXT),
            "cite": draw(citations(sources)),
        }
        optional(draw, item, "weight", WEIGHT)
        optional(draw, item, "plain", TEXT)
        optional(
            draw,
            item,
            "proof_standard",
            st.one_of(
                st.sampled_from(
                    [
                        "scintilla",
                        "preponderance",
                        "clear-and-convincing",
                        "beyond-reasonable-doubt",
                    ]
                ),
                st.fixed_dictionaries(
                    {"standard": st.just("clear-and-convincing")},
                    optional={"alpha": WEIGHT, "beta": WEIGHT, "gamma": WEIGHT},
                ),
            ),
        )
        doc["statements"].append(item)
    doc["findings"] = []
    for f in findings:
        kind = draw(st.sampled_from(sorted(FINDING_FIELDS)))
        item = {
            "id": f,
            "kind": kind,
            "text": draw(TEXT),
            "cite": draw(citations(sources)),
            **draw(FINDING_FIELDS[kind]),
        }
        optional(draw, item, "weight", WEIGHT)
        for key, strategy in FINDING_COMMON.items():
            optional(draw, item, key, strategy)
        doc["findings"].append(item)
    doc["assessments"] = [
        {
            "id": a,
            "criterion": draw(st.sampled_from(criteria)),
            "service": draw(st.sampled_from(services)),
            "result": draw(st.sampled_from(["met", "not-met", "not-applicable", "insufficient"])),
            "text": draw(TEXT),
            "cite": draw(citations(sources)),
        }
        for a in assessments
    ]
    doc["services"] = []
    for i, s in enumerate(services):
        svc: dict[str, Any] = {
            "id": s,
            "code": draw(st.sampled_from(["22850", "63042", "22849", "22630"])),
            "decision": draw(st.sampled_from(["approved", "denied", "pended"])),
            "line": i + 1,
        }
        for key in ("description", "level", "specialty", "reason", "missing_documentation"):
            optional(draw, svc, key, TEXT)
        optional(draw, svc, "setting", st.sampled_from(["inpatient", "outpatient", "ambulatory"]))
        optional(draw, svc, "side", SIDES)
        optional(draw, svc, "procedure", TEXT)
        optional(draw, svc, "claim", st.sampled_from(inodes))
        if criteria:
            optional(draw, svc, "criteria", st.lists(st.sampled_from(criteria), unique=True))
        doc["services"].append(svc)
    if draw(st.booleans()):
        doc["setting"] = {
            "requested": draw(st.sampled_from(["inpatient", "outpatient"])),
            "decision": draw(st.sampled_from(["approved", "denied"])),
            "claim": draw(st.sampled_from(inodes)),
        }

    doc["inferences"] = []
    for k in range(draw(st.integers(0, 5))):
        pos = draw(st.integers(0, len(inodes) - 2)) if len(inodes) > 1 else None
        if pos is None:
            break
        premises = draw(
            st.lists(st.sampled_from(inodes[pos + 1 :]), min_size=1, max_size=3, unique=True)
        )
        inf: dict[str, Any] = {"id": f"i{k}", "premises": premises, "conclusion": inodes[pos]}
        optional(draw, inf, "scheme", TEXT)
        optional(draw, inf, "warrant", TEXT)
        optional(draw, inf, "weight", WEIGHT)
        doc["inferences"].append(inf)
    premise_ids = sorted({p for inf in doc["inferences"] for p in inf["premises"]})
    doc["conflicts"] = []
    for k in range(draw(st.integers(0, 4))):
        attacker = draw(st.sampled_from(inodes))
        kinds = (
            ["rebut"]
            + (["undercut"] if doc["inferences"] else [])
            + (["undermine"] if [p for p in premise_ids if p != attacker] else [])
        )
        kind = draw(st.sampled_from(kinds))
        if kind == "undercut":
            target = draw(st.sampled_from([i["id"] for i in doc["inferences"]]))
        elif kind == "undermine":
            target = draw(st.sampled_from([p for p in premise_ids if p != attacker]))
        else:
            others = [n for n in inodes if n != attacker]
            if not others:
                continue
            target = draw(st.sampled_from(others))
        doc["conflicts"].append(
            {"id": f"x{k}", "kind": kind, "attacker": attacker, "target": target}
        )
    if len(doc["inferences"]) >= 2 and draw(st.booleans()):
        doc["preferences"] = [
            {
                "id": "p0",
                "preferred": doc["inferences"][0]["id"],
                "over": doc["inferences"][1]["id"],
            }
        ]

    request: dict[str, Any] = {}
    optional(draw, request, "received", DATETIME)
    optional(
        draw,
        request,
        "urgency",
        st.sampled_from(["urgent", "expedited", "standard", "retrospective"]),
    )
    optional(draw, request, "setting", st.sampled_from(["inpatient", "outpatient", "ambulatory"]))
    if request:
        doc["request"] = request
    decision: dict[str, Any] = {
        "outcome": draw(st.sampled_from(["approved", "denied", "partially-approved", "pended"])),
        "main_claim": statements[0],
        "reviewer": "rev",
    }
    optional(draw, decision, "decided", DATETIME)
    optional(draw, decision, "policy", st.lists(st.sampled_from(sources), unique=True))
    optional(
        draw,
        decision,
        "proof_standard",
        st.sampled_from(["preponderance", "beyond-reasonable-doubt"]),
    )
    doc["decision"] = decision
    patient: dict[str, Any] = {}
    optional(draw, patient, "age", st.integers(0, 150))
    optional(draw, patient, "nicotine", st.sampled_from(["never", "former", "current"]))
    optional(draw, patient, "nicotine_as_of", DATE)
    optional(draw, patient, "nicotine_quit", DATE)
    if patient or draw(st.booleans()):
        doc["patient"] = patient  # {} too: a patient the file says nothing about
    if draw(st.booleans()):
        doc["criteria_set"] = {"id": draw(st.sampled_from(["payer-fusion", "mcg.spine"]))}
        optional(draw, doc["criteria_set"], "version", TEXT)
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_documents())
def test_case_file_round_trips_through_rdf(doc: dict[str, Any]) -> None:
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    det = parse_case(text, "generated.yaml")
    graph = compile_determination(det)
    assert decompile(graph) == det.normalized()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_documents())
def test_round_trip_survives_serialization(doc: dict[str, Any]) -> None:
    """Through N-Quads text too: what a store or another tool would read back."""
    from rdflib import Dataset

    det = parse_case(yaml.safe_dump(doc, allow_unicode=True), "generated.yaml")
    graph = compile_determination(det)
    ds = Dataset()
    ds.parse(data=serialize([graph], "nquads"), format="nquads")
    assert decompile(ds.graph(graph.identifier)) == det.normalized()
