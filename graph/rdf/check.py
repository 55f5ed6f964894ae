"""``toulmin check``: closed-world rules (SHACL) and OWL consistency (HermiT) together.

Examples
--------
>>> report = CheckReport(violations=[], consistent=True)
>>> report.ok, report.summary()
(True, '0 SHACL violations, OWL consistent')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toulmin.graph.authoring.model import Determination
from toulmin.graph.rdf.compile import compile_determination
from toulmin.ontology.reasoning import check_consistency
from toulmin.ontology.validate import Violation, shacl_violations

__all__ = ["CheckReport", "check_determination"]


@dataclass
class CheckReport:
    """What ``check`` found in one determination.

    ``consistent`` is ``None`` when the OWL reasoner was not run.
    """

    violations: list[Violation] = field(default_factory=list)
    consistent: bool | None = None
    owl_explanation: str = ""
    owl_hints: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Violation]:
        """SHACL results of severity Violation (warnings and infos are reported, not failed)."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def ok(self) -> bool:
        """No SHACL violation (warnings allowed) and not found inconsistent."""
        return not self.errors and self.consistent is not False

    def summary(self) -> str:
        """One line: counts and the reasoner's verdict."""
        owl = {None: "OWL not checked", True: "OWL consistent", False: "OWL INCONSISTENT"}
        n, w = len(self.errors), len(self.violations) - len(self.errors)
        warnings = f", {w} warning{'s' if w != 1 else ''}" if w else ""
        return f"{n} SHACL violation{'s' if n != 1 else ''}{warnings}, {owl[self.consistent]}"

    def lines(self) -> list[str]:
        """One line per problem: the offending node and what to fix."""
        out = [str(v) for v in self.violations]
        if self.consistent is False:
            out.append(f"OWL: inconsistent: {self.owl_explanation}".rstrip())
            out.extend(f"OWL: likely cause: {hint}" for hint in self.owl_hints)
        return out


def check_determination(
    det: Determination, *, owl: bool = True, reasoner: str = "auto"
) -> CheckReport:
    """Check one determination: SHACL shapes, then (if ``owl``) OWL consistency.

    ``reasoner`` is passed to :func:`toulmin.ontology.reasoning.check_consistency`:
    ``"auto"`` lets the cached verdict on the ontology and the model check answer where
    they can, ``"hermit"`` runs HermiT on the whole graph.
    """
    graph = compile_determination(det)
    report = CheckReport(violations=shacl_violations(graph))
    if owl:
        result = check_consistency(graph, reasoner=reasoner)
        report.consistent = result.consistent
        report.owl_explanation = result.explanation or ""
        report.owl_hints = result.hints
    return report
