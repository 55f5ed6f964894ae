"""The toulmin vocabulary as closed namespaces: a typo is an error, not a new IRI.

``TLM`` holds every class, property and individual of ``ontology/toulmin.ttl``;
``AIF``, ``OA`` and ``SCHEMA`` are the few external terms toulmin uses. A test
checks that every term here is declared, labelled and defined in the ontology,
and that the ontology declares nothing that is missing here.

Examples
--------
>>> TLM.Statement
rdflib.term.URIRef('https://w3id.org/toulmin/ontology#Statement')
>>> TLM.Statment  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'Statment' not in namespace 'https://w3id.org/toulmin/ontology#'
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["AIF", "DATA", "OA", "SCHEMA", "TLM", "TOULMIN_NS"]

#: The ontology namespace.
TOULMIN_NS = "https://w3id.org/toulmin/ontology#"

#: Base of data IRIs: one determination is ``DATA[det]``, its nodes ``DATA[det/local]``.
DATA = Namespace("https://w3id.org/toulmin/d/")


class TLM(DefinedNamespace):
    """toulmin ontology: argument, evidence, clinical, criteria, determination layers."""

    _fail = True
    _NS = Namespace(TOULMIN_NS)

    # --- argument layer (AIF) -------------------------------------------------------
    Statement: URIRef  # AIF I-node: a proposition that can be supported or attacked
    Conclusion: URIRef  # the determination's main claim, or a service line's claim
    Claim: URIRef  # an intermediate claim (reasoning step, counter-claim, answer)
    CriterionAssessment: URIRef  # "criterion C is met / not met / ... for service S"
    FindingStatement: URIRef  # the record says a clinical finding holds
    GuidelineStatement: URIRef  # what a guideline, study or criteria set says
    Inference: URIRef  # AIF RA-node: premises support a conclusion
    Conflict: URIRef  # AIF CA-node: an attacker attacks a target
    Rebuttal: URIRef  # conflict whose target is a statement that is the conclusion of an inference
    Undercut: URIRef  # conflict whose target is an inference
    Undermining: URIRef  # conflict whose target is a premise (a statement used as premise)
    Preference: URIRef  # AIF PA-node: one node preferred over another
    premise: URIRef  # Inference -> Statement
    conclusion: URIRef  # Inference -> Statement (exactly one)
    scheme: URIRef  # Inference -> literal: argumentation scheme name
    warrant: URIRef  # Inference -> literal: the rule that licenses the step
    attacker: URIRef  # Conflict -> Statement
    target: URIRef  # Conflict -> Statement or Inference
    preferredElement: URIRef  # Preference -> node
    dispreferredElement: URIRef  # Preference -> node
    text: URIRef  # Statement -> literal: the proposition in words
    plainText: URIRef  # Statement -> literal: patient-facing wording
    weight: URIRef  # Statement/Inference -> xsd:decimal in [0, 1]
    localId: URIRef  # any node -> the id used in the case file
    proofStandard: URIRef  # Determination or Statement -> ProofStandardSetting
    inDetermination: URIRef  # any node -> the Determination it belongs to

    # --- evidence layer --------------------------------------------------------------
    Source: URIRef
    CriteriaSet: URIRef
    Guideline: URIRef
    Study: URIRef
    ClinicalDocument: URIRef
    Citation: URIRef  # source + locator + optional quoted span
    citation: URIRef  # Statement -> Citation (sub-property of prov:wasDerivedFrom)
    citedSource: URIRef  # Citation -> Source (sub-property of prov:wasDerivedFrom)
    locator: URIRef  # Citation -> literal (page, section, report name)
    version: URIRef  # Source or Criterion -> literal
    unknownField: URIRef  # Source -> literal naming a field known to be unknown
    sourceNote: URIRef  # Source -> literal: what is known about it and how

    # --- clinical layer --------------------------------------------------------------
    Case: URIRef
    RequestedService: URIRef
    ClinicalFinding: URIRef
    Symptom: URIRef
    ExamFinding: URIRef
    ImagingFinding: URIRef
    TreatmentTrial: URIRef
    SurgicalHistory: URIRef
    Diagnosis: URIRef
    Comorbidity: URIRef
    SurgicalPlan: URIRef
    InpatientIndication: URIRef
    present: URIRef  # ClinicalFinding -> xsd:boolean (false: documented absent)
    findingDate: URIRef  # ClinicalFinding -> xsd:date / xsd:dateTime
    startDate: URIRef  # ClinicalFinding -> xsd:date / xsd:dateTime (a trial's start)
    Measurement: URIRef
    measurement: URIRef  # ClinicalFinding -> Measurement
    measureName: URIRef  # Measurement -> literal, unit in the name (cobb_angle_degrees)
    measureValue: URIRef  # Measurement -> xsd:decimal
    serviceProcedure: URIRef  # RequestedService -> literal: technique in words
    nerveRoot: URIRef  # ExamFinding -> literal ("L5")
    patientAge: URIRef  # Case -> xsd:nonNegativeInteger
    nicotineStatus: URIRef  # Case -> NicotineStatus
    nicotineStatusDate: URIRef  # Case -> xsd:date
    nicotineQuitDate: URIRef  # Case -> xsd:date
    NicotineStatus: URIRef
    MotorGrade: URIRef  # the ordered MRC scale (0/5 .. 5/5 with +/-), by tlm:rank
    MotorGrade0: URIRef
    MotorGrade0Plus: URIRef
    MotorGrade1Minus: URIRef
    MotorGrade1: URIRef
    MotorGrade1Plus: URIRef
    MotorGrade2Minus: URIRef
    MotorGrade2: URIRef
    MotorGrade2Plus: URIRef
    MotorGrade3Minus: URIRef
    MotorGrade3: URIRef
    MotorGrade3Plus: URIRef
    MotorGrade4Minus: URIRef
    MotorGrade4: URIRef
    MotorGrade4Plus: URIRef
    MotorGrade5Minus: URIRef
    MotorGrade5: URIRef
    rank: URIRef  # MotorGrade / Severity -> xsd:nonNegativeInteger: position on its scale
    motorGradeValue: URIRef  # ExamFinding -> MotorGrade (typed form of motorGrade)
    duration: URIRef  # TreatmentTrial -> xsd:dayTimeDuration (typed form of durationWeeks)
    Code: URIRef  # a code as an IRI in its code system
    CodeSystem: URIRef
    coded: URIRef  # RequestedService / Diagnosis -> Code (typed form of the code literal)
    inCodeSystem: URIRef  # Code -> CodeSystem
    NeverNicotine: URIRef
    FormerNicotine: URIRef
    CurrentNicotine: URIRef
    reports: URIRef  # FindingStatement -> ClinicalFinding
    procedureCode: URIRef
    codeSystem: URIRef
    codeDescription: URIRef
    lineNumber: URIRef
    spinalLevel: URIRef  # RequestedService / ImagingFinding / SurgicalHistory -> "L4-5"
    setting: URIRef  # RequestedService / Determination -> Setting
    serviceSpecialty: URIRef  # RequestedService -> literal: specialty the service belongs to
    bodySite: URIRef  # Symptom -> literal
    side: URIRef  # ExamFinding / Symptom -> Side
    muscle: URIRef  # ExamFinding -> literal
    motorGrade: URIRef  # ExamFinding -> literal, MRC scale ("3+/5")
    trend: URIRef  # finding -> literal: progressive, stable, improving
    modality: URIRef  # ImagingFinding -> literal: MRI, CT, X-ray
    severity: URIRef  # ImagingFinding -> Severity
    limitation: URIRef  # ImagingFinding -> literal: what limits the study
    treatmentKind: URIRef  # TreatmentTrial -> literal
    agent: URIRef  # TreatmentTrial -> literal (drug, device)
    durationWeeks: URIRef  # TreatmentTrial -> xsd:decimal
    treatmentOutcome: URIRef  # TreatmentTrial -> literal: failed, partial, successful, unknown
    procedureName: URIRef  # SurgicalHistory -> literal
    icd10Code: URIRef  # Diagnosis -> literal

    # --- criteria layer --------------------------------------------------------------
    Criterion: URIRef
    criterionId: URIRef  # Criterion -> literal id within its criteria set
    criterionText: URIRef  # Criterion -> literal wording (short quote)
    definedIn: URIRef  # Criterion -> Source
    appliesToCode: URIRef  # Criterion -> literal procedure code
    combination: URIRef  # Criterion -> Combination
    atLeast: URIRef  # Criterion -> xsd:integer (with combination AtLeast)
    subCriterion: URIRef  # Criterion -> Criterion
    exception: URIRef  # Criterion -> Criterion that defeats it when met
    minimumWeeks: URIRef  # Criterion -> xsd:decimal threshold
    minimumGrade: URIRef  # Criterion -> literal threshold
    assesses: URIRef  # CriterionAssessment -> Criterion
    forService: URIRef  # CriterionAssessment / ServiceDecision -> RequestedService
    assessmentResult: URIRef  # CriterionAssessment -> AssessmentResult
    Combination: URIRef
    AllOf: URIRef
    AnyOf: URIRef
    AtLeast: URIRef
    AssessmentResult: URIRef
    Met: URIRef
    NotMet: URIRef
    NotApplicable: URIRef
    Insufficient: URIRef

    # --- determination layer ---------------------------------------------------------
    Determination: URIRef
    ServiceDecision: URIRef  # the decision for one service line or for the setting
    SettingDecision: URIRef
    Reviewer: URIRef  # prov:Agent
    specialty: URIRef  # Reviewer -> literal
    agentName: URIRef
    agentRole: URIRef  # agent -> literal: reviewer, requesting-provider, other
    aboutCase: URIRef  # Determination -> Case
    requests: URIRef  # Case -> RequestedService
    question: URIRef  # Determination -> literal
    title: URIRef  # Determination -> literal
    illustrative: URIRef  # Determination -> xsd:boolean
    mainClaim: URIRef  # Determination -> Conclusion
    decision: URIRef  # Determination -> ServiceDecision
    outcome: URIRef  # Determination / ServiceDecision -> Outcome (functional)
    decisionClaim: URIRef  # ServiceDecision -> Statement that argues it
    appliedCriterion: URIRef  # ServiceDecision -> Criterion named for the decision
    decisionReason: URIRef  # ServiceDecision -> literal
    policyApplied: URIRef  # Determination -> Source
    reviewer: URIRef  # Determination -> Reviewer (sub-property of prov:wasAttributedTo)
    requestReceived: URIRef  # Determination -> xsd:dateTime
    decidedAt: URIRef  # Determination -> xsd:dateTime
    urgency: URIRef  # Determination -> Urgency
    criteriaSetId: URIRef  # Determination -> literal: the criteria set file assessed against
    criteriaSetVersion: URIRef  # Determination -> literal: its version
    missingDocumentation: URIRef  # ServiceDecision -> literal: what must be sent
    Outcome: URIRef
    Approved: URIRef
    Denied: URIRef
    PartiallyApproved: URIRef
    Pended: URIRef
    Setting: URIRef
    Inpatient: URIRef
    Outpatient: URIRef
    Ambulatory: URIRef
    Urgency: URIRef
    Urgent: URIRef
    Expedited: URIRef
    Standard: URIRef
    Retrospective: URIRef
    Side: URIRef
    Left: URIRef
    Right: URIRef
    Bilateral: URIRef
    Severity: URIRef
    NoSeverity: URIRef
    Mild: URIRef
    Moderate: URIRef
    Severe: URIRef
    UnknownSeverity: URIRef
    ProofStandard: URIRef
    Preponderance: URIRef
    ClearAndConvincing: URIRef
    BeyondReasonableDoubt: URIRef
    ScintillaOfEvidence: URIRef
    standardUsed: URIRef  # ProofStandardSetting -> ProofStandard
    ProofStandardSetting: URIRef  # a standard with its thresholds
    alpha: URIRef  # minimum weight of the pro side
    beta: URIRef  # minimum margin of pro over con
    gamma: URIRef  # maximum weight of the con side

    # --- derived layer (written to the derived named graph, never to the asserted one) --
    Evaluation: URIRef  # one evaluation run of a determination's argument
    evaluates: URIRef  # Evaluation -> Determination
    semanticsUsed: URIRef  # Evaluation -> literal: grounded, complete, preferred, stable
    evaluatedAt: URIRef  # Evaluation -> xsd:dateTime (omitted for reproducible output)
    acceptability: URIRef  # Statement/Inference/Conflict -> Label
    Label: URIRef
    In: URIRef
    Out: URIRef
    Undecided: URIRef
    explanation: URIRef  # node -> literal: why it has its label
    proofStandardMet: URIRef  # Statement -> xsd:boolean
    Summary: URIRef  # per-determination summary facts computed at load time
    summaryOf: URIRef  # Summary -> Determination

    # --- summary facts (graph/derived/summaries.py; read by queries/*.rq) -- issue 4 -----
    citationGap: URIRef  # Summary -> Statement: uncited, or citing a source with no known title
    unspecificDenial: URIRef  # Summary -> ServiceDecision: denied, no specific versioned criterion
    unsupportedMet: URIRef  # Summary -> CriterionAssessment: 'met' with no finding under it
    unansweredAttack: URIRef  # Summary -> Conflict: attacks the main side, nothing answers it
    thinConclusion: URIRef  # Summary -> Conclusion: every citation under it leads to one source
    soleSource: URIRef  # Conclusion -> Source: that one source (derived graph)
    mainClaimLabel: URIRef  # Summary -> Label: the evaluator's label of the main claim
    versionApplied: URIRef  # CriteriaSet -> literal: a version its criteria were applied at
    turnaroundHours: URIRef  # Summary -> xsd:decimal: hours from request received to decision
    determinationOutcome: URIRef  # Summary -> Outcome: the determination's outcome, repeated
    criteriaSetLabel: URIRef  # CriteriaSet -> literal: its identifier, else its title
    failedTrialWeeks: URIRef  # FindingStatement -> xsd:decimal: weeks of a failed/partial trial
    CriterionTally: URIRef  # (reviewer, criteria set, criterion): one IRI across determinations
    tallyReviewer: URIRef  # CriterionTally -> literal: reviewer name, or "(unnamed)"
    tallyCriteriaSet: URIRef  # CriterionTally -> literal: criteria set identifier, or ""
    tallyCriterion: URIRef  # CriterionTally -> literal: criterion reference, else its wording
    assessedCount: URIRef  # CriterionTally -> xsd:integer: met/not met/insufficient assessments
    notMetCount: URIRef  # CriterionTally -> xsd:integer: of which not met
    MildImagingApproval: URIRef  # an approved line with an imaging finding at most mild
    mildImagingDetermination: URIRef  # MildImagingApproval -> Determination
    mildImagingFinding: URIRef  # MildImagingApproval -> FindingStatement
    mildImagingCode: URIRef  # MildImagingApproval -> literal: the line's procedure code
    mildImagingModality: URIRef  # MildImagingApproval -> literal: the imaging modality
    mildImagingSeverity: URIRef  # MildImagingApproval -> literal: "mild" or "none"
    mildImagingText: URIRef  # MildImagingApproval -> literal: the finding statement's text
    SpecialtyCheck: URIRef  # a denied line whose reviewer specialty is not the line's verbatim
    specialtyCheckDetermination: URIRef  # SpecialtyCheck -> Determination
    specialtyCheckCode: URIRef  # SpecialtyCheck -> literal: the line's procedure code
    specialtyCheckServiceSpecialty: URIRef  # SpecialtyCheck -> literal: the line's specialty
    specialtyCheckReviewer: URIRef  # SpecialtyCheck -> literal: the reviewer's name
    specialtyCheckReviewerSpecialty: URIRef  # SpecialtyCheck -> literal: the reviewer's specialty
    # --- end of summary facts ---------------------------------------------------------------


class AIF(DefinedNamespace):
    """Argument Interchange Format core ontology (the terms toulmin aligns to)."""

    _fail = True
    _NS = Namespace("http://www.arg.dundee.ac.uk/aif#")

    # The node classes are spelled with a hyphen: use ``AIF["I-node"]``.
    Node: URIRef
    Premise: URIRef
    Conclusion: URIRef
    claimText: URIRef
    _extras = ["I-node", "S-node", "RA-node", "CA-node", "PA-node"]  # noqa: RUF012


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (quoted spans)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    TextQuoteSelector: URIRef
    SpecificResource: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef


class SCHEMA(DefinedNamespace):
    """schema.org terms for guideline metadata."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    MedicalGuideline: URIRef
    CreativeWork: URIRef
    MedicalProcedure: URIRef
    MedicalCondition: URIRef


def _resolve_terms(namespace: type[DefinedNamespace]) -> None:
    """Store each declared term as a class attribute, so that ``TLM.x`` is a plain lookup.

    rdflib resolves an annotated-only term through ``__getattr__`` on every access
    (about 0.5 microseconds, and a new ``URIRef`` each time); the compiler touches
    several hundred terms per determination. The values are the same ``URIRef``s
    rdflib would return, and undeclared names still fail as before.
    """
    for name in namespace.__annotations__:
        if not name.startswith("_"):
            type.__setattr__(namespace, name, namespace[name])


for _namespace in (TLM, AIF, OA, SCHEMA):
    _resolve_terms(_namespace)
