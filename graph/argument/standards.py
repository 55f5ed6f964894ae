"""Proof standards (Carneades): their default thresholds and how they are applied.

A proof standard is a :class:`~toulmin.graph.authoring.model.ProofStandard`, the one
type the case file, the RDF compiler, the argument view and the evaluator share. A
setting from the case file may leave thresholds out; :func:`resolve_standard` fills
them from the defaults of the Carneades engine (carneades-3, ``proofstandard.clj``),
and the functions here apply an effective standard to argument weights:

* scintilla of evidence: met by any applicable argument (attacks are not weighed);
* otherwise: ``pro > alpha`` and ``pro - con > beta`` and (``gamma`` unset or
  ``con < gamma``), with exact decimals (``0.8 - 0.5 > 0.3`` is false, as written).

Owns the standards' names, titles, defaults and arithmetic. Imports
:mod:`toulmin.errors` and the authoring model.

Examples
--------
>>> ps = STANDARD_DEFAULTS["clear-and-convincing"]
>>> met(ps, 0.9, 0.5), met(ps, 0.9, 0.6), met(ps, 0.4, 0.0)
(True, False, False)
>>> met(STANDARD_DEFAULTS["scintilla"], 0.1, 1.0)
True
>>> met(STANDARD_DEFAULTS["preponderance"], 0.7, 0.7)
False
>>> describe(resolve_standard({"standard": "clear-and-convincing", "alpha": 0.7}))
'clear and convincing evidence (alpha 0.7, beta 0.3)'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import ProofStandard

__all__ = [
    "STANDARD_DEFAULTS",
    "STANDARD_TITLES",
    "defeats",
    "describe",
    "eligible",
    "exact",
    "format_number",
    "met",
    "resolve_standard",
    "standard_dict",
    "title",
    "why_not",
]

#: Each standard's name in words.
STANDARD_TITLES: Mapping[str, str] = {
    "scintilla": "scintilla of evidence",
    "preponderance": "preponderance of the evidence",
    "clear-and-convincing": "clear and convincing evidence",
    "beyond-reasonable-doubt": "beyond reasonable doubt",
}

#: The standards with their default thresholds (Carneades 3 engine values).
STANDARD_DEFAULTS: Mapping[str, ProofStandard] = {
    "scintilla": ProofStandard("scintilla"),
    "preponderance": ProofStandard("preponderance", 0.0, 0.0, None),
    "clear-and-convincing": ProofStandard("clear-and-convincing", 0.5, 0.3, None),
    "beyond-reasonable-doubt": ProofStandard("beyond-reasonable-doubt", 0.5, 0.5, 0.2),
}


@lru_cache(maxsize=4096)
def exact(value: float) -> Decimal:
    """A weight as the exact decimal it was written as (``repr`` of the float).

    >>> exact(0.8) - exact(0.5)
    Decimal('0.3')
    """
    return Decimal(repr(float(value)))


def format_number(value: float | Decimal | None) -> str:
    """A weight or threshold in its shortest decimal form (``-`` for none).

    >>> format_number(1.0), format_number(0.25), format_number(None)
    ('1', '0.25', '-')
    """
    if value is None:
        return "-"
    return format(exact(float(value)).normalize(), "f")


def title(ps: ProofStandard) -> str:
    """The standard's name in words."""
    return STANDARD_TITLES[ps.standard]


def standard_dict(ps: ProofStandard) -> dict[str, Any]:
    """``{"standard", "alpha", "beta", "gamma"}``: the plain-data form (JSON, networkx)."""
    return {"standard": ps.standard, "alpha": ps.alpha, "beta": ps.beta, "gamma": ps.gamma}


def resolve_standard(
    setting: ProofStandard | Mapping[str, Any] | None, fallback: ProofStandard | None = None
) -> ProofStandard:
    """The effective standard of a setting: thresholds given there, defaults otherwise.

    ``setting`` is a :class:`ProofStandard`, its plain-data form (:func:`standard_dict`)
    or ``None`` (then ``fallback``, else preponderance).

    Raises
    ------
    BadInputError
        For a standard name that is not one of :data:`STANDARD_DEFAULTS`.

    Examples
    --------
    >>> resolve_standard({"standard": "clear-and-convincing", "alpha": 0.7})
    ProofStandard(standard='clear-and-convincing', alpha=0.7, beta=0.3, gamma=None)
    >>> resolve_standard(None).standard
    'preponderance'
    """
    if setting is None:
        return fallback or STANDARD_DEFAULTS["preponderance"]
    if isinstance(setting, Mapping):
        setting = ProofStandard(
            setting.get("standard"),  # type: ignore[arg-type]
            setting.get("alpha"),
            setting.get("beta"),
            setting.get("gamma"),
        )
    name = setting.standard
    if name not in STANDARD_DEFAULTS:
        raise BadInputError(
            f"unknown proof standard {name!r}; choose one of {', '.join(STANDARD_DEFAULTS)}"
        )
    base = STANDARD_DEFAULTS[name]
    if name == "scintilla":
        return base
    return ProofStandard(
        name,
        base.alpha if setting.alpha is None else setting.alpha,
        base.beta if setting.beta is None else setting.beta,
        base.gamma if setting.gamma is None else setting.gamma,
    )


def met(ps: ProofStandard, pro: float | None, con: float | None) -> bool:
    """Whether an argument of weight ``pro`` meets the standard against ``con``.

    ``pro=None`` means there is no applicable argument; ``con=None`` no counted con.
    ``ps`` is an effective standard (:func:`resolve_standard`).
    """
    if pro is None:
        return False
    if ps.standard == "scintilla":
        return True
    p, c = exact(pro), exact(con or 0.0)
    if ps.alpha is not None and not p > exact(ps.alpha):
        return False
    if ps.beta is not None and not p - c > exact(ps.beta):
        return False
    return ps.gamma is None or c < exact(ps.gamma)


def eligible(ps: ProofStandard, pro: float) -> bool:
    """Whether an unopposed argument of weight ``pro`` meets the standard."""
    return met(ps, pro, None)


def defeats(ps: ProofStandard, pro: float, con: float) -> bool:
    """Whether one con argument of weight ``con`` stops a pro argument of weight ``pro``.

    (Only meaningful for an eligible ``pro``.)
    """
    return ps.standard != "scintilla" and not met(ps, pro, con)


def why_not(ps: ProofStandard, pro: float, con: float | None) -> str:
    """Which condition of the standard ``pro`` against ``con`` fails, in words.

    >>> why_not(STANDARD_DEFAULTS["preponderance"], 0.6, 0.8)
    'con 0.8 >= pro 0.6 (preponderance of the evidence)'
    >>> why_not(STANDARD_DEFAULTS["beyond-reasonable-doubt"], 1.0, 0.3)
    'con 0.3 is not below gamma 0.2 (beyond reasonable doubt)'
    """
    p, c = exact(pro), exact(con or 0.0)
    fmt = format_number
    tail = f" ({title(ps)})"
    if ps.standard == "preponderance" and not ps.alpha and not ps.beta and ps.gamma is None:
        return (
            f"con {fmt(c)} >= pro {fmt(p)}" if con is not None else f"pro {fmt(p)} is not above 0"
        ) + tail
    if ps.alpha is not None and not p > exact(ps.alpha):
        return f"pro {fmt(p)} is not above alpha {fmt(ps.alpha)}" + tail
    if ps.beta is not None and not p - c > exact(ps.beta):
        return f"pro {fmt(p)} - con {fmt(c)} is not above beta {fmt(ps.beta)}" + tail
    if ps.gamma is not None and not c < exact(ps.gamma):
        return f"con {fmt(c)} is not below gamma {fmt(ps.gamma)}" + tail
    return "the standard is met" + tail


def describe(ps: ProofStandard) -> str:
    """The standard with its thresholds, in words."""
    parts = [
        f"{n} {format_number(v)}"
        for n, v in (("alpha", ps.alpha), ("beta", ps.beta), ("gamma", ps.gamma))
        if v is not None
    ]
    return title(ps) + (f" ({', '.join(parts)})" if parts else "")
