"""Evaluation results as RDF, in the determination's *derived* named graph.

Labels, the semantics and proof standard used, and explanations go to the
named graph ``d:{det}/derived`` (:func:`toulmin.graph.rdf.iris.derived_graph_iri`),
never to the asserted graph ``d:{det}/graph``: computed data never overwrites
what was asserted, and SPARQL sees both. The triples written (``d:`` =
``https://w3id.org/toulmin/d/``, ``tlm:`` = ``https://w3id.org/toulmin/ontology#``)::

    GRAPH d:{det}/derived {
      d:{det}/evaluation a tlm:Evaluation ;
          tlm:evaluates d:{det} ;
          tlm:inDetermination d:{det} ;
          tlm:semanticsUsed "grounded" ;              # grounded | complete | preferred | stable
          tlm:explanation "grounded labelling (...)" ; # how the labels were obtained
          tlm:evaluatedAt "..."^^xsd:dateTime .        # only when a timestamp is asked for
      d:{det} tlm:proofStandard d:{det}/proof-standard .
      d:{det}/proof-standard a tlm:ProofStandardSetting ;
          tlm:standardUsed tlm:Preponderance ;         # the determination-level standard used
          tlm:alpha 0.0 ; tlm:beta 0.0 .               # its effective thresholds (gamma when used)
      d:{det}/{s} tlm:proofStandard d:{det}/{s}/proof-standard .   # only for a statement with
      d:{det}/{s}/proof-standard a tlm:ProofStandardSetting ;      #   its own standard in the
          tlm:standardUsed ... ; tlm:alpha ... .                   #   case file, likewise
      d:{det}/{x} tlm:acceptability tlm:In ;           # In | Out | Undecided, for every
          tlm:explanation "in: supported by ..." .     #   statement, inference and conflict
      d:{det}/{s} tlm:proofStandardMet true .          # every statement: its standard is met
    }

The proof-standard settings use the IRIs the compiler gives the case file's
settings, with the same values where the case file states them and the default
thresholds filled in where it does not (scintilla has none), so asserted plus
derived stays consistent with the ontology (``tlm:proofStandard`` and the
thresholds are functional, and an evaluation is neither a determination nor a
statement).

For complete, preferred and stable semantics the label is the skeptical one
(``In``/``Out`` in every labelling, else ``Undecided``) and the evaluation's
explanation says how many labellings there were. Nothing depends on the clock
unless ``timestamp`` is given, so the same case gives the same triples.

:data:`MAIN_CLAIM_NOT_IN` is the auditor query "determinations whose main claim
is not ``in``" over asserted plus derived graphs.

Examples
--------
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.rdf.compile import compile_determination
>>> from toulmin.graph.argument.evaluate import evaluate
>>> from toulmin.graph.store.targets import MemoryTarget
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements:
...   - {id: c, kind: conclusion, text: Necessary., cite: rec}
...   - {id: k, kind: claim, text: Not necessary., cite: rec}
... conflicts: [{id: x, kind: rebut, attacker: k, target: c}]
... ''')
>>> derived = derived_graph(evaluate(det))
>>> derived.identifier
rdflib.term.URIRef('https://w3id.org/toulmin/d/tiny/derived')
>>> read_labels(derived, "tiny")
{'c': 'out', 'k': 'in', 'x': 'in'}
>>> target = MemoryTarget.from_graphs([compile_determination(det), derived])
>>> [(str(r[0]), str(r[2])) for r in target.select(MAIN_CLAIM_NOT_IN).rows]
[('https://w3id.org/toulmin/d/tiny', 'https://w3id.org/toulmin/ontology#Out')]
"""

from __future__ import annotations

from datetime import UTC, datetime

from rdflib import RDF, XSD, Graph, Literal, URIRef

from toulmin.graph.argument.evaluate import Evaluation
from toulmin.graph.authoring.model import ProofStandard
from toulmin.graph.rdf.iris import (
    derived_graph_iri,
    determination_iri,
    determination_namespace,
    local_id_of,
    node_iri,
)
from toulmin.graph.rdf.triples import NamedTriples, plain_literal
from toulmin.graph.rdf.vocabulary import LABEL_TERMS, PROOF_STANDARDS, decimal_literal
from toulmin.ontology.namespace import TLM

__all__ = [
    "LABEL_TERMS",
    "MAIN_CLAIM_NOT_IN",
    "derived_graph",
    "derived_triples",
    "evaluation_iri",
    "read_labels",
]

#: SELECT ?determination ?claim ?label: every evaluated determination whose main claim
#: is not ``tlm:In`` (out or undecided), over the asserted and derived named graphs.
MAIN_CLAIM_NOT_IN = """\
PREFIX tlm: <https://w3id.org/toulmin/ontology#>
SELECT ?determination ?claim ?label ?semantics WHERE {
  GRAPH ?asserted { ?determination a tlm:Determination ; tlm:mainClaim ?claim . }
  GRAPH ?derived {
    ?evaluation a tlm:Evaluation ; tlm:evaluates ?determination ; tlm:semanticsUsed ?semantics .
    ?claim tlm:acceptability ?label .
  }
  FILTER (?label != tlm:In)
}
ORDER BY ?determination
"""


def evaluation_iri(det: str) -> URIRef:
    """The IRI of a determination's evaluation node: ``d:{det}/evaluation``."""
    return node_iri(det, "evaluation")


def _setting(g: NamedTriples, owner: URIRef, node: URIRef, standard: ProofStandard) -> None:
    g.add((owner, TLM.proofStandard, node))
    g.add((node, RDF.type, TLM.ProofStandardSetting))
    g.add((node, TLM.standardUsed, PROOF_STANDARDS[standard.standard]))
    for name in ("alpha", "beta", "gamma"):
        value = getattr(standard, name)
        if value is not None:
            g.add((node, TLM[name], decimal_literal(value)))


#: ``tlm:proofStandardMet`` values (literals are immutable, so one of each serves all).
_MET, _NOT_MET = Literal(True), Literal(False)


def derived_triples(ev: Evaluation, *, timestamp: datetime | str | None = None) -> NamedTriples:
    """The triples of :func:`derived_graph`, without rdflib's store (what the loader uses)."""
    det = ev.determination
    g = NamedTriples(derived_graph_iri(det))
    e = evaluation_iri(det)
    d = determination_iri(det)
    g.add((e, RDF.type, TLM.Evaluation))
    g.add((e, TLM.evaluates, d))
    g.add((e, TLM.inDetermination, d))
    g.add((e, TLM.semanticsUsed, plain_literal(ev.semantics)))
    g.add((e, TLM.explanation, plain_literal(ev.note)))
    if timestamp is not None:
        when = datetime.now(UTC).replace(microsecond=0) if timestamp == "now" else timestamp
        value = when.isoformat() if isinstance(when, datetime) else str(when)
        g.add((e, TLM.evaluatedAt, Literal(value, datatype=XSD.dateTime)))
    _setting(g, d, node_iri(det, "proof-standard"), ev.standard)
    st = ev.structure
    for s in st.statements:
        if st.has_own_standard(s):
            _setting(g, node_iri(det, s), node_iri(det, s, "proof-standard"), ev.standards[s])
    for node, label in ev.labels.items():
        s = node_iri(det, node)
        g.add((s, TLM.acceptability, LABEL_TERMS[label]))
        g.add((s, TLM.explanation, plain_literal(ev.reasons[node].text)))
        if ev.kinds[node] == "statement":
            g.add((s, TLM.proofStandardMet, _MET if label == "in" else _NOT_MET))
    return g


def derived_graph(ev: Evaluation, *, timestamp: datetime | str | None = None) -> Graph:
    """The derived named graph of an evaluation (pattern in the module docstring).

    Parameters
    ----------
    ev : Evaluation
    timestamp : datetime or str, optional
        Written as ``tlm:evaluatedAt`` when given (``"now"`` for the current UTC
        time); omitted by default so that output is reproducible.
    """
    det = ev.determination
    g = Graph(identifier=derived_graph_iri(det))
    g.bind("tlm", str(TLM))
    g.bind("d", determination_namespace(det))
    return derived_triples(ev, timestamp=timestamp).to_graph(into=g)


def read_labels(graph: Graph, det: str) -> dict[str, str]:
    """The labels written in a derived graph, by local id (sorted).

    ``graph`` may also be a union of graphs (e.g. a :class:`rdflib.Dataset` default
    graph); only nodes of ``det`` are read.
    """
    names = {v: k for k, v in LABEL_TERMS.items()}
    prefix = str(node_iri(det, ""))
    out: dict[str, str] = {}
    for s, o in graph.subject_objects(TLM.acceptability):
        if str(s).startswith(prefix) and o in names:
            out[local_id_of(str(s), det)] = names[o]  # type: ignore[index]
    return dict(sorted(out.items()))
