"""Synthetic determinations: a realistic, varied, deterministic corpus of case files.

``toulmin synth N --seed S -o DIR`` writes ``N`` case files (YAML, following
``toulmin/schema/case.schema.json``) for measuring and testing the auditor queries
(``queries/*.rq``) and the store. Every file is an *illustrative* determination
(``illustrative: true``): patients, reviewers, plans, criteria sets, guidelines and
studies are invented, and the criteria wording is generic, never quoted from a real
criteria product.

The corpus varies what auditors look at: ten procedure families (spine, joint,
shoulder, injection, imaging, sleep, bariatric), one or two service lines with
settings, a pool of reviewers with specialties, three criteria sets in several
versions, guidelines and studies (one of them "retracted"), counter-arguments with
and without answers, and urgencies with turnaround times. Defects are planted on
purpose at the rates of :data:`DEFECT_RATES`, so that every query of the catalogue
returns rows; the rest follows from the draw (for example how many approvals rest
on mild imaging).

Determinism: case ``i`` is drawn from its own generator seeded with
``f"{seed}:{i}"``, so a file depends only on the seed and its index: the first
100 files of ``synth 1000`` are the files of ``synth 100``.

Examples
--------
>>> case = synth_case(7, seed=1)
>>> case["id"], case["toulmin"], case["illustrative"]
('syn-000007', 1, True)
>>> synth_case(7, seed=1) == case
True
>>> from toulmin.graph.authoring.casefile import parse_case
>>> parse_case(dump_case(case)).id
'syn-000007'
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "DEFECT_RATES",
    "RETRACTED_STUDY",
    "SynthStats",
    "dump_case",
    "synth_case",
    "synth_cases",
    "write_corpus",
]

#: Probability of each planted defect (per case, or per line/attack where stated).
DEFECT_RATES: dict[str, float] = {
    # a statement recorded on purpose with no citation (cite: [])
    "uncited_statement": 0.03,
    # the guideline cited has no known title (unknown: [title])
    "untitled_source": 0.03,
    # a denied line names no criterion (per denied line)
    "denial_without_criterion": 0.12,
    # a denied line names a criterion with neither a reference nor a version (per denied line)
    "denial_unversioned_criterion": 0.08,
    # a criterion assessed as met with no finding under it
    "met_without_finding": 0.04,
    # a counter-argument is raised (per case) ...
    "counter_argument": 0.45,
    # ... and left without an answer (per counter-argument)
    "unanswered": 0.2,
    # the retracted study is cited
    "retracted_study": 0.04,
    # a failed conservative-care trial shorter than the usual 6 weeks
    "short_conservative_care": 0.1,
    # an adverse decision by a reviewer of another specialty (per case with a denial)
    "specialty_mismatch": 0.25,
    # the decision is issued after the allowed time for its urgency
    "late_decision": 0.05,
    # every citation of the argument points to the clinical record only
    "record_only": 0.1,
}

#: Identifier of the study that the synthetic corpus treats as retracted.
RETRACTED_STUDY = "doi:10.5555/syn.study.0007"

_EPOCH = datetime(2025, 1, 2, 8, 0, tzinfo=UTC)

_REVIEWER_SPECIALTIES = (
    "orthopedic surgery", "orthopedic spine surgery", "neurosurgery",
    "physical medicine and rehabilitation", "pain medicine", "sleep medicine",
    "general surgery", "internal medicine", "family medicine", "radiology",
)  # fmt: skip
# fmt: off
_FIRST = (
    "Avery", "Blake", "Casey", "Dana", "Emery", "Frankie", "Gray", "Harper", "Indigo", "Jordan",
    "Kendall", "Logan", "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Taylor",
    "Umi", "Val", "Wren", "Yael",
)
_LAST = (
    "Abara", "Bergstrom", "Castillo", "Dubois", "Eriksen", "Fontaine", "Gupta", "Haddad",
    "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quintero", "Rossi", "Sato", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz",
)
# fmt: on

#: The reviewer pool: (name, specialty); shared by the corpus so reviewers can be compared.
REVIEWERS: tuple[tuple[str, str], ...] = tuple(
    (
        f"Dr. {_FIRST[i]} {_LAST[(i * 7) % len(_LAST)]}",
        _REVIEWER_SPECIALTIES[i % len(_REVIEWER_SPECIALTIES)],
    )
    for i in range(24)
)


@dataclass(frozen=True)
class _Procedure:
    code: str
    description: str
    level: str | None


@dataclass(frozen=True)
class _Scenario:
    key: str
    procedures: tuple[_Procedure, ...]
    specialty: str
    settings: tuple[str, ...]
    icd10: str
    diagnosis: str
    symptom: str
    body_site: str
    exam: tuple[str, str] | None  # muscle, grade
    modality: str | None  # imaging modality; None when imaging is not part of the criteria
    imaging_what: str
    conservative: tuple[str, ...]  # kinds of conservative treatment
    min_weeks: int
    criteria_set: str  # key in _CRITERIA_SETS
    guideline: str  # key in _GUIDELINES
    clinical_criterion: str  # wording of the clinical (non-imaging) criterion


_P = _Procedure
# fmt: off
_SCENARIOS: tuple[_Scenario, ...] = (
    _Scenario(
        "lumbar-fusion",
        (_P("22612", "Posterior or posterolateral lumbar arthrodesis, single interspace", "L4-5"),
         _P("22840", "Posterior non-segmental spinal instrumentation", "L4-5")),
        "orthopedic spine surgery", ("inpatient",), "M43.16", "spondylolisthesis, lumbar region",
        "low back pain radiating to the leg", "lower back and left leg",
        ("extensor hallucis longus", "4/5"), "MRI", "spondylolisthesis with foraminal stenosis",
        ("physical-therapy", "medication", "injection"), 12, "spine", "fusion",
        "Documented instability or spondylolisthesis with neurological symptoms."),
    _Scenario(
        "lumbar-decompression",
        (_P("63047", "Lumbar laminectomy, facetectomy and foraminotomy, single segment", "L4-5"),
         _P("63048", "Laminectomy, each additional lumbar segment", "L5-S1")),
        "neurosurgery", ("inpatient", "outpatient"), "M48.062",
        "spinal stenosis, lumbar region, with neurogenic claudication",
        "neurogenic claudication limiting walking", "both legs", ("tibialis anterior", "4/5"),
        "MRI", "central canal stenosis",
        ("physical-therapy", "medication", "activity-modification"), 6, "spine", "stenosis",
        "Neurogenic claudication or radiculopathy limiting daily activities."),
    _Scenario(
        "revision-decompression",
        (_P("63042", "Re-exploration laminotomy with decompression of nerve root, lumbar", "L4-5"),
         _P("22850", "Removal of posterior non-segmental instrumentation", "L4-5")),
        "orthopedic spine surgery", ("inpatient",), "M54.16", "radiculopathy, lumbar region",
        "recurrent radicular pain after a prior fusion", "right leg",
        ("extensor hallucis longus", "3+/5"), "CT", "foraminal stenosis at the fused level",
        ("medication", "physical-therapy", "bracing"), 6, "spine", "revision",
        "Progressive neurological deficit after prior spinal surgery."),
    _Scenario(
        "disc-herniation",
        (_P("63030", "Laminotomy with discectomy, one lumbar interspace", "L5-S1"),),
        "neurosurgery", ("outpatient", "ambulatory"), "M51.16",
        "intervertebral disc disorder with radiculopathy, lumbar region",
        "radicular pain in the S1 distribution", "left leg", ("gastrocsoleus", "4-/5"),
        "MRI", "disc herniation compressing the S1 nerve root",
        ("physical-therapy", "medication", "injection"), 6, "spine", "stenosis",
        "Radicular pain concordant with imaging."),
    _Scenario(
        "knee-arthroplasty",
        (_P("27447", "Total knee arthroplasty", None),),
        "orthopedic surgery", ("inpatient", "outpatient"), "M17.11",
        "unilateral primary osteoarthritis, right knee", "knee pain limiting walking and stairs",
        "right knee", None, "X-ray", "joint space narrowing with osteophytes",
        ("physical-therapy", "medication", "injection", "bracing"), 12, "joint", "arthroplasty",
        "Pain and functional limitation interfering with daily activities."),
    _Scenario(
        "hip-arthroplasty",
        (_P("27130", "Total hip arthroplasty", None),),
        "orthopedic surgery", ("inpatient", "outpatient"), "M16.11",
        "unilateral primary osteoarthritis, right hip", "hip pain limiting walking", "right hip",
        None, "X-ray", "joint space narrowing",
        ("physical-therapy", "medication", "activity-modification"), 12, "joint", "arthroplasty",
        "Pain and functional limitation interfering with daily activities."),
    _Scenario(
        "rotator-cuff",
        (_P("29827", "Arthroscopic rotator cuff repair", None),),
        "orthopedic surgery", ("ambulatory", "outpatient"), "M75.121",
        "complete rotator cuff tear of right shoulder, not specified as traumatic",
        "shoulder pain and weakness on elevation", "right shoulder", ("supraspinatus", "3/5"),
        "MRI", "full-thickness supraspinatus tear", ("physical-therapy", "medication", "injection"),
        6, "joint", "shoulder", "Weakness and pain on elevation with a full-thickness tear."),
    _Scenario(
        "epidural-injection",
        (_P("62323", "Lumbar epidural injection with imaging guidance", "L4-5"),),
        "pain medicine", ("outpatient", "ambulatory"), "M54.16", "radiculopathy, lumbar region",
        "radicular leg pain", "left leg", None,
        "MRI", "disc protrusion contacting the L5 nerve root",
        ("physical-therapy", "medication"), 4, "spine", "injection",
        "Radicular pain with a concordant level on imaging."),
    _Scenario(
        "lumbar-mri",
        (_P("72148", "MRI of the lumbar spine without contrast", None),),
        "radiology", ("outpatient",), "M54.16", "radiculopathy, lumbar region",
        "low back pain with leg symptoms", "lower back", None, None, "",
        ("physical-therapy", "medication"), 6, "imaging", "imaging",
        "Red-flag symptoms or persistent radiculopathy."),
    _Scenario(
        "sleep-study",
        (_P("95810", "Attended polysomnography", None),),
        "sleep medicine", ("outpatient",), "G47.33", "obstructive sleep apnea",
        "loud snoring with witnessed apneas and daytime sleepiness", "", None, None, "",
        ("positional-therapy",), 4, "sleep", "sleep",
        "High pretest probability of moderate to severe obstructive sleep apnea."),
    _Scenario(
        "bariatric",
        (_P("43644", "Laparoscopic gastric bypass", None),),
        "general surgery", ("inpatient",), "E66.01", "morbid obesity due to excess calories",
        "body mass index above 40 with comorbidities", "", None, None, "", ("supervised-diet",),
        12, "bariatric", "bariatric",
        "Body mass index of 40 or more, or 35 or more with a comorbidity."),
)
_SCENARIO_WEIGHTS = (14, 14, 6, 10, 14, 8, 8, 10, 6, 5, 5)

#: Criteria sets: title, publisher, identifier.
_CRITERIA_SETS: dict[str, tuple[str, str, str]] = {
    "spine": ("Spine Surgery Medical Necessity Criteria", "Northwind Health Plan", "nw-msk-spine"),
    "joint": ("Joint Surgery Medical Necessity Criteria", "Northwind Health Plan", "nw-msk-joint"),
    "imaging": ("Advanced Imaging Utilization Criteria", "Example Imaging Benefit Manager",
                "ex-ibm-img"),
    "sleep": ("Sleep Testing Criteria", "Example Imaging Benefit Manager", "ex-ibm-sleep"),
    "bariatric": ("Bariatric Surgery Medical Policy", "Northwind Health Plan", "nw-bariatric"),
}
_SOCIETY = {
    "spine": "Society of Spine Surgeons (fictional)",
    "joint": "Academy of Joint Surgeons (fictional)",
    "pain": "Society of Pain Physicians (fictional)",
    "radiology": "College of Radiologists (fictional)",
    "sleep": "Academy of Sleep Physicians (fictional)",
    "bariatric": "Society of Bariatric Surgeons (fictional)",
}
#: Guidelines: title, publisher.
_GUIDELINES: dict[str, tuple[str, str]] = {
    "fusion": (
        "Guideline on lumbar fusion for degenerative disease (synthetic)", _SOCIETY["spine"]),
    "stenosis": (
        "Guideline on lumbar spinal stenosis and radiculopathy (synthetic)", _SOCIETY["spine"]),
    "revision": ("Guideline on revision lumbar surgery (synthetic)", _SOCIETY["spine"]),
    "arthroplasty": (
        "Guideline on hip and knee osteoarthritis surgery (synthetic)", _SOCIETY["joint"]),
    "shoulder": ("Guideline on rotator cuff tears (synthetic)", _SOCIETY["joint"]),
    "injection": (
        "Guideline on interventional spine procedures (synthetic)", _SOCIETY["pain"]),
    "imaging": (
        "Appropriateness guideline for low back pain imaging (synthetic)", _SOCIETY["radiology"]),
    "sleep": (
        "Guideline on diagnostic testing for sleep apnea (synthetic)", _SOCIETY["sleep"]),
    "bariatric": (
        "Guideline on metabolic and bariatric surgery (synthetic)", _SOCIETY["bariatric"]),
}
# fmt: on
#: Versions of every criteria set, oldest first; the last one is current.
CRITERIA_VERSIONS: tuple[str, ...] = ("2024.1", "2025.1", "2025.2")
_VERSION_WEIGHTS = (10, 20, 70)
_STUDIES = tuple(
    (
        f"doi:10.5555/syn.study.{i:04d}",
        f"Cohort study {i} of outcomes after elective surgery (synthetic)",
    )
    for i in range(1, 13)
)

_SEVERITY_WEIGHTS = {"none": 6, "mild": 22, "moderate": 40, "severe": 26, "unknown": 6}
_OUTCOME_WEIGHTS = {"approved": 62, "denied": 28, "pended": 10}
_URGENCY_WEIGHTS = {"standard": 70, "urgent": 12, "expedited": 12, "retrospective": 6}
#: Allowed turnaround in hours per urgency (the query defaults; see queries/late-decisions.rq).
_ALLOWED_HOURS = {"urgent": 72, "expedited": 72, "standard": 360, "retrospective": 720}


@dataclass
class SynthStats:
    """Counts of what a corpus holds, planted defects included (for the CLI and tests)."""

    cases: int = 0
    outcomes: dict[str, int] | None = None
    defects: dict[str, int] | None = None

    def add(self, outcome: str, defects: list[str]) -> None:
        """Count one case."""
        self.cases += 1
        self.outcomes = self.outcomes or {}
        self.defects = self.defects or {}
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        for d in defects:
            self.defects[d] = self.defects.get(d, 0) + 1


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Case:
    """Builds one case-file mapping; ``defects`` records what was planted."""

    def __init__(self, index: int, seed: int) -> None:
        self.rng = random.Random(f"{seed}:{index}")
        self.index = index
        self.defects: list[str] = []
        self.findings: list[dict[str, Any]] = []
        self.statements: list[dict[str, Any]] = []
        self.assessments: list[dict[str, Any]] = []
        self.inferences: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []

    def chance(self, key: str) -> bool:
        hit = self.rng.random() < DEFECT_RATES[key]
        return hit

    def build(self) -> dict[str, Any]:
        """Draw one case: its request, lines, reviewer, sources, criteria and argument.

        The draws happen in this order, one random stream per case (``seed:index``).
        """
        rng = self.rng
        sc = rng.choices(_SCENARIOS, weights=_SCENARIO_WEIGHTS)[0]
        self.sc = sc
        record_only = self.chance("record_only")
        if record_only:
            self.defects.append("record_only")
        urgency, received, decided, setting = self.timing()
        procedures, line_outcomes, outcome = self.lines()
        name, specialty = self.reviewer(line_outcomes)
        sources = self.sources(received, record_only)
        criteria = self.criteria_of(procedures)
        severity, trial_ids = self.clinical_findings(procedures)
        services, line_claims = self.service_lines(
            procedures, line_outcomes, setting, severity, trial_ids
        )
        self.main_claim(outcome, line_claims)
        self.counter_argument(line_claims[0], line_outcomes[0], severity, trial_ids)
        if self.chance("uncited_statement"):
            self.defects.append("uncited_statement")
            target = rng.choice(
                [s for s in self.statements if s["kind"] == "claim"] or self.statements
            )
            target["cite"] = []

        more = " and 1 more line" if len(procedures) > 1 else ""
        case: dict[str, Any] = {
            "toulmin": 1,
            "id": f"syn-{self.index:06d}",
            "title": f"{procedures[0].description}{more}, {setting}",
            "illustrative": True,
            "request": {"received": _stamp(received), "urgency": urgency, "setting": setting},
            "decision": {
                "outcome": outcome,
                "main_claim": "c-main",
                "decided": _stamp(decided),
                "reviewer": "reviewer",
                "policy": ["criteria"],
            },
            "agents": [
                {"id": "reviewer", "name": name, "role": "reviewer", "specialty": specialty}
            ],
            "sources": sources,
            "criteria": criteria,
            "services": services,
        }
        if setting == "inpatient" and rng.random() < 0.3:
            setting_outcome = (
                "approved" if outcome == "approved" or rng.random() < 0.6 else "denied"
            )
            case["setting"] = {"requested": "inpatient", "decision": setting_outcome}
        case.update(
            {
                "findings": self.findings,
                "statements": self.statements,
                "assessments": self.assessments,
                "inferences": self.inferences,
            }
        )
        if self.conflicts:
            case["conflicts"] = self.conflicts
        self.outcome = outcome
        return case

    def timing(self) -> tuple[str, datetime, datetime, str]:
        """Urgency, received and decided times (late when planted), and the setting."""
        rng, sc = self.rng, self.sc
        urgency = _pick(rng, _URGENCY_WEIGHTS)
        received = _EPOCH + timedelta(minutes=rng.randrange(0, 330 * 24 * 60))
        allowed = _ALLOWED_HOURS[urgency]
        if self.chance("late_decision"):
            self.defects.append("late_decision")
            hours = allowed + rng.uniform(1, allowed * 0.5)
        else:
            hours = rng.uniform(1, allowed * 0.95)
        decided = received + timedelta(hours=hours)
        setting = rng.choice(sc.settings)
        return urgency, received, decided, setting

    def lines(self) -> tuple[tuple[_Procedure, ...], list[str], str]:
        """The lines' procedures and outcomes, and the determination's outcome."""
        rng, sc = self.rng, self.sc
        n_lines = 2 if len(sc.procedures) > 1 and rng.random() < 0.35 else 1
        procedures = sc.procedures[:n_lines]
        line_outcomes = [_pick(rng, _OUTCOME_WEIGHTS) for _ in procedures]
        if n_lines == 2 and line_outcomes[0] != "approved" and line_outcomes[1] == "approved":
            line_outcomes.reverse()
        if "denied" in line_outcomes and "approved" in line_outcomes:
            outcome = "partially-approved"
        elif "denied" in line_outcomes:
            outcome = "denied"
        elif "pended" in line_outcomes:
            outcome = "pended"
        else:
            outcome = "approved"
        return procedures, line_outcomes, outcome

    def reviewer(self, line_outcomes: list[str]) -> tuple[str, str]:
        """The reviewer: adverse decisions usually go to a peer of the same specialty."""
        rng, sc = self.rng, self.sc
        adverse = "denied" in line_outcomes
        if adverse and not self.chance("specialty_mismatch"):
            pool = [r for r in REVIEWERS if r[1] == sc.specialty]
        else:
            pool = list(REVIEWERS)
        name, specialty = rng.choice(pool)
        if adverse and specialty != sc.specialty:
            self.defects.append("specialty_mismatch")
        return name, specialty

    def sources(self, received: datetime, record_only: bool) -> list[dict[str, Any]]:
        """The record, the criteria set, and perhaps a guideline and a study."""
        rng, sc = self.rng, self.sc
        set_title, publisher, set_ident = _CRITERIA_SETS[sc.criteria_set]
        version = rng.choices(CRITERIA_VERSIONS, weights=_VERSION_WEIGHTS)[0]
        self.version = version
        sources: list[dict[str, Any]] = [
            {
                "id": "record",
                "kind": "clinical-document",
                "title": f"Clinical record submitted with request {self.index}",
                "date": received.date().isoformat(),
                "unknown": ["publisher", "version", "identifier"],
            },
            {
                "id": "criteria",
                "kind": "criteria-set",
                "title": set_title,
                "publisher": publisher,
                "version": version,
                "identifier": set_ident,
            },
        ]
        self.guideline = not record_only and rng.random() < 0.6
        if self.guideline:
            g_title, g_pub = _GUIDELINES[sc.guideline]
            source: dict[str, Any] = {
                "id": "guideline",
                "kind": "guideline",
                "title": g_title,
                "publisher": g_pub,
                "identifier": f"syn-guideline-{sc.guideline}",
            }
            if self.chance("untitled_source"):
                self.defects.append("untitled_source")
                source["title"] = "Guideline cited by the reviewer (title not given)"
                source["unknown"] = ["title", "version", "date"]
            sources.append(source)
        self.study = False
        if not record_only:
            if self.chance("retracted_study"):
                ident, s_title = next(st for st in _STUDIES if st[0] == RETRACTED_STUDY)
                self.defects.append("retracted_study")
                self.study = True
            elif rng.random() < 0.22:
                ident, s_title = rng.choice([st for st in _STUDIES if st[0] != RETRACTED_STUDY])
                self.study = True
        if self.study:
            sources.append(
                {
                    "id": "study",
                    "kind": "study",
                    "title": s_title,
                    "identifier": ident,
                    "date": str(rng.randrange(2012, 2024)),
                }
            )
        return sources

    def criteria_of(self, procedures: Sequence[_Procedure]) -> list[dict[str, Any]]:
        """The scenario's criteria: indication, clinical, conservative care, imaging."""
        sc, version = self.sc, self.version
        codes = [p.code for p in procedures]
        ref = sc.criteria_set.upper()[:3]
        criteria: list[dict[str, Any]] = [
            {
                "id": "crit-indication",
                "source": "criteria",
                "ref": f"{ref}-{sc.key}-1",
                "version": version,
                "text": f"{sc.procedures[0].description} is indicated when all parts are met.",
                "applies_to": codes,
                "combine": "all",
                "parts": ["crit-clinical", "crit-conservative"],
            },
            {
                "id": "crit-clinical",
                "source": "criteria",
                "ref": f"{ref}-{sc.key}-1.1",
                "version": version,
                "text": sc.clinical_criterion,
            },
            {
                "id": "crit-conservative",
                "source": "criteria",
                "ref": f"{ref}-{sc.key}-1.2",
                "version": version,
                "text": f"Failure of at least {sc.min_weeks} weeks of conservative treatment.",
                "min_weeks": sc.min_weeks,
            },
        ]
        if sc.modality:
            criteria[0]["parts"].append("crit-imaging")
            criteria.append(
                {
                    "id": "crit-imaging",
                    "source": "criteria",
                    "ref": f"{ref}-{sc.key}-1.3",
                    "version": version,
                    "text": f"Imaging shows moderate or severe {sc.imaging_what}.",
                }
            )
        self.criteria = criteria
        return criteria

    def clinical_findings(self, procedures: Sequence[_Procedure]) -> tuple[str | None, list[str]]:
        """Findings: diagnosis, symptom, exam, imaging and the conservative trials."""
        rng, sc = self.rng, self.sc
        self.finding(
            "f-diagnosis", "diagnosis", f"Diagnosis: {sc.diagnosis} ({sc.icd10}).", icd10=sc.icd10
        )
        self.finding(
            "f-symptom",
            "symptom",
            f"Persistent {sc.symptom}.",
            **({"body_site": sc.body_site} if sc.body_site else {}),
            trend=rng.choice(("progressive", "stable", "stable", "unknown")),
        )
        if sc.exam:
            muscle, grade = sc.exam
            self.finding(
                "f-exam",
                "exam",
                f"{muscle.capitalize()} strength {grade}.",
                muscle=muscle,
                grade=grade,
                side=rng.choice(("left", "right")),
                cite={"source": "record", "locator": "office note", "quote": f"{muscle} {grade}"},
            )
        severity = None
        if sc.modality:
            severity = _pick(rng, _SEVERITY_WEIGHTS)
            word = {"none": "no", "unknown": "indeterminate"}.get(severity, severity)
            self.finding(
                "f-imaging",
                "imaging",
                f"{sc.modality} shows {word} {sc.imaging_what}.",
                modality=sc.modality,
                severity=severity,
                **({"level": procedures[0].level} if procedures[0].level else {}),
                cite=f"record#{sc.modality} report",
            )
        short = self.chance("short_conservative_care")
        n_trials = rng.choice((1, 1, 2, 2, 3))
        kinds = rng.sample(sc.conservative, min(n_trials, len(sc.conservative)))
        trial_ids = []
        for k, kind in enumerate(kinds):
            weeks: float | None
            if short and k == 0:
                weeks = float(rng.randrange(1, 6))
                self.defects.append("short_conservative_care")
            elif rng.random() < 0.1:
                weeks = None  # duration not documented
            else:
                weeks = float(rng.randrange(sc.min_weeks, sc.min_weeks * 3 + 1))
            extra: dict[str, Any] = {
                "treatment": kind,
                "outcome": rng.choice(("failed", "failed", "partial")),
            }
            if weeks is not None:
                extra["duration_weeks"] = weeks
            fid = f"f-trial-{k + 1}"
            text = f"{kind.replace('-', ' ').capitalize()} did not relieve the symptoms"
            self.finding(
                fid,
                "treatment-trial",
                text + (f" after {weeks:g} weeks." if weeks is not None else "."),
                **extra,
            )
            trial_ids.append(fid)
        return severity, trial_ids

    def service_lines(
        self,
        procedures: Sequence[_Procedure],
        line_outcomes: list[str],
        setting: str,
        severity: str | None,
        trial_ids: list[str],
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Each line with its assessments, its claim and the inference to it."""
        sc = self.sc
        services: list[dict[str, Any]] = []
        line_claims = []
        met_without_finding = self.chance("met_without_finding")
        for n, (proc, line_outcome) in enumerate(zip(procedures, line_outcomes, strict=True), 1):
            sid = f"svc-{proc.code}"
            claim = f"c-{proc.code}"
            service: dict[str, Any] = {
                "id": sid,
                "code": proc.code,
                "system": "CPT",
                "description": proc.description,
                "line": n,
                "setting": setting,
                "specialty": sc.specialty,
                "decision": line_outcome,
                "claim": claim,
            }
            if proc.level:
                service["level"] = proc.level
            met_crits, failed_crit = self.assess(
                sid, proc, line_outcome, severity, trial_ids, met_without_finding and n == 1
            )
            named = self.name_criteria(line_outcome, failed_crit)
            if named is not None:
                service["criteria"] = named
            if line_outcome == "denied":
                service["reason"] = (
                    f"Criterion not met: {self.criterion(failed_crit or 'crit-clinical')['text']}"
                )
            if line_outcome == "pended":
                service["missing_documentation"] = (
                    "Office notes documenting the conservative treatment and its duration."
                )
            services.append(service)
            verb = {"approved": "is", "denied": "is not", "pended": "cannot yet be shown to be"}[
                line_outcome
            ]
            self.statement(
                claim,
                "conclusion",
                f"{proc.description} (CPT {proc.code}) {verb} medically necessary.",
                self.cites("record", "criteria"),
            )
            self.inferences.append(
                {
                    "id": f"i-{proc.code}",
                    "premises": [
                        f"a-{proc.code}-{c}" for c in ([failed_crit] if failed_crit else met_crits)
                    ]
                    or [f"a-{proc.code}-crit-clinical"],
                    "conclusion": claim,
                    "scheme": "argument from criteria",
                }
            )
            line_claims.append(claim)
        return services, line_claims

    def main_claim(self, outcome: str, line_claims: list[str]) -> None:
        """The main claim, supported by the line claims (and the guideline and study)."""
        main_text = {
            "approved": "The requested services are medically necessary.",
            "denied": "The requested services are not medically necessary.",
            "partially-approved": (
                "Some of the requested services are medically necessary; the others are not."
            ),
            "pended": (
                "Medical necessity cannot be decided until the missing documentation is received."
            ),
        }[outcome]
        self.statement(
            "c-main", "conclusion", main_text, self.cites("record", "criteria", "guideline")
        )
        self.inferences.append(
            {
                "id": "i-main",
                "premises": line_claims,
                "conclusion": "c-main",
                "scheme": "conjunction of service-line determinations",
            }
        )
        if self.guideline:
            self.statement(
                "g-guideline",
                "guideline",
                "The guideline supports surgery when criteria-level findings are documented.",
                "guideline",
            )
            self.inferences[-1]["premises"] = [*line_claims, "g-guideline"]
        if self.study:
            self.statement(
                "g-study",
                "guideline",
                "A cohort study reports better outcomes when the indication is documented.",
                "study",
            )
            self.inferences[-1]["premises"] = [*self.inferences[-1]["premises"], "g-study"]

    # -- pieces ----------------------------------------------------------------------------
    def cites(self, *sources: str) -> list[str] | str:
        available = [
            s
            for s in sources
            if s in ("record", "criteria")
            or (s == "guideline" and self.guideline)
            or (s == "study" and self.study)
        ]
        if "record_only" in self.defects:
            return "record"
        return available[0] if len(available) == 1 else available

    def criterion(self, ident: str) -> dict[str, Any]:
        return next(c for c in self.criteria if c["id"] == ident)

    def finding(self, ident: str, kind: str, text: str, cite: Any = None, **fields: Any) -> None:
        self.findings.append(
            {
                "id": ident,
                "kind": kind,
                "text": text,
                "cite": cite or "record#office note",
                **fields,
            }
        )

    def statement(self, ident: str, kind: str, text: str, cite: Any) -> None:
        self.statements.append({"id": ident, "kind": kind, "text": text, "cite": cite})

    def assess(
        self,
        sid: str,
        proc: _Procedure,
        line_outcome: str,
        severity: str | None,
        trial_ids: list[str],
        unsupported: bool,
    ) -> tuple[list[str], str | None]:
        """Assess every part for one line; return the met parts and the failed one (if any)."""
        rng = self.rng
        parts = ["crit-clinical", "crit-conservative"] + (
            ["crit-imaging"] if self.sc.modality else []
        )
        failed = None
        if line_outcome == "denied":
            candidates = ["crit-conservative", "crit-clinical"]
            if severity in ("none", "mild"):
                candidates = ["crit-imaging", "crit-imaging", "crit-conservative"]
            failed = rng.choice(candidates)
        elif line_outcome == "pended":
            failed = "crit-conservative"
        premises = {
            "crit-clinical": [
                f["id"] for f in self.findings if f["kind"] in ("symptom", "exam", "diagnosis")
            ],
            "crit-conservative": trial_ids,
            "crit-imaging": ["f-imaging"],
        }
        met = []
        for part in parts:
            ref = self.criterion(part).get("ref")
            cite = (
                "record"
                if "record_only" in self.defects
                else (f"criteria#{ref}" if ref else "criteria")
            )
            result = "met"
            if part == failed:
                result = "insufficient" if line_outcome == "pended" else "not-met"
            aid = f"a-{proc.code}-{part}"
            words = {
                "met": "is met",
                "not-met": "is not met",
                "insufficient": "cannot be assessed",
            }[result]
            text = f"For CPT {proc.code}: {self.criterion(part)['text'].rstrip('.')} {words}."
            self.assessments.append(
                {
                    "id": aid,
                    "criterion": part,
                    "service": sid,
                    "result": result,
                    "text": text,
                    "cite": cite,
                }
            )
            if result == "met":
                met.append(part)
            if unsupported and result == "met" and part == "crit-clinical":
                self.defects.append("met_without_finding")
                continue  # no inference: nothing in the record is shown to support it
            self.inferences.append(
                {
                    "id": f"i-{aid}",
                    "premises": premises[part],
                    "conclusion": aid,
                    "scheme": "argument from criteria",
                }
            )
        return met, failed

    def name_criteria(self, line_outcome: str, failed: str | None) -> list[str] | None:
        """The criteria a line's decision names; a denial may name none (a planted defect)."""
        if line_outcome != "denied":
            return ["crit-indication"]
        failed = failed or "crit-clinical"
        if self.chance("denial_without_criterion"):
            self.defects.append("denial_without_criterion")
            return None
        if self.chance("denial_unversioned_criterion"):
            # neither a reference within the criteria set nor a version: not specific
            self.defects.append("denial_unspecific_criterion")
            crit = self.criterion(failed)
            crit.pop("version", None)
            crit.pop("ref", None)
        return [failed]

    def counter_argument(
        self, claim: str, line_outcome: str, severity: str | None, trial_ids: list[str]
    ) -> None:
        if not self.chance("counter_argument"):
            return
        rng = self.rng
        if line_outcome == "approved" and severity in ("none", "mild"):
            text = "The service is not medically necessary: imaging shows only mild findings."
            premise, answer = (
                "f-imaging",
                (
                    "Progressive clinical findings outweigh the imaging severity descriptor "
                    "in this case."
                ),
            )
        elif line_outcome == "approved":
            text = "The service is not medically necessary: conservative care was not exhausted."
            premise, answer = (
                trial_ids[0],
                ("The documented treatment trials meet the conservative-care criterion."),
            )
        else:
            text = "The treating provider states that the service is medically necessary."
            premise, answer = (
                "f-symptom",
                (
                    "The provider's statement does not supply the documentation the "
                    "criterion requires."
                ),
            )
        self.statement("c-counter", "claim", text, self.cites("record", "criteria"))
        self.inferences.append(
            {
                "id": "i-counter",
                "premises": [premise],
                "conclusion": "c-counter",
                "scheme": "argument from criteria",
            }
        )
        self.conflicts.append(
            {"id": "x-counter", "kind": "rebut", "attacker": "c-counter", "target": claim}
        )
        if self.chance("unanswered"):
            self.defects.append("unanswered_attack")
            return
        self.statement("c-answer", "claim", answer, self.cites("record", "guideline"))
        kind = rng.choice(("undercut", "rebut"))
        target = "i-counter" if kind == "undercut" else "c-counter"
        self.conflicts.append(
            {"id": "x-answer", "kind": kind, "attacker": "c-answer", "target": target}
        )


def synth_case(index: int, seed: int = 0) -> dict[str, Any]:
    """The ``index``-th synthetic case file of the corpus for ``seed``, as a mapping.

    >>> synth_case(1, seed=3)["decision"]["main_claim"]
    'c-main'
    """
    return _Case(index, seed).build()


def _synth_with_defects(index: int, seed: int) -> tuple[dict[str, Any], str, list[str]]:
    case = _Case(index, seed)
    data = case.build()
    return data, case.outcome, case.defects


def synth_cases(n: int, seed: int = 0, start: int = 1) -> Iterator[dict[str, Any]]:
    """Case files ``start`` .. ``start + n - 1`` of the corpus for ``seed``.

    >>> [c["id"] for c in synth_cases(2, seed=0)]
    ['syn-000001', 'syn-000002']
    """
    for i in range(start, start + n):
        yield synth_case(i, seed)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML dumper (C-accelerated when available) that never writes anchors."""

    def ignore_aliases(self, _data: Any) -> bool:
        return True


def dump_case(case: dict[str, Any]) -> str:
    r"""The case as YAML text, keys in case-file order.

    >>> dump_case({"toulmin": 1, "id": "x"})
    'toulmin: 1\nid: x\n'
    """
    text: str = yaml.dump(case, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def write_corpus(n: int, seed: int, out: str | Path) -> SynthStats:
    """Write ``n`` case files ``syn-NNNNNN.yaml`` into ``out``; return what they hold.

    Parameters
    ----------
    n : int
        Number of determinations.
    seed : int
        The seed: the same seed gives the same files.
    out : path
        Directory, created when missing; existing files of the same names are replaced.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     stats = write_corpus(3, 0, d)
    ...     sorted(p.name for p in Path(d).iterdir())
    ['syn-000001.yaml', 'syn-000002.yaml', 'syn-000003.yaml']
    >>> stats.cases
    3
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stats = SynthStats()
    for i in range(1, n + 1):
        data, outcome, defects = _synth_with_defects(i, seed)
        (out / f"{data['id']}.yaml").write_text(dump_case(data), encoding="utf-8")
        stats.add(outcome, defects)
    return stats
