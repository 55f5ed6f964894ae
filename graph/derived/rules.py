"""A small rule language over one determination's asserted graph, with two readings.

An audit rule is written once, as data: graph patterns (triple patterns with property
paths, ``OPTIONAL``, ``FILTER``, ``BIND``, ``NOT EXISTS``, grouped counts) and the
triples it states (a ``CONSTRUCT`` template). The rule has two readings:

- :func:`construct` evaluates it in Python over the triples of one determination's
  asserted graph (a :class:`TripleIndex`); the loader runs it in every worker to write
  the summary facts into the derived graph, at a fraction of a millisecond per rule
  (an in-memory Oxigraph store per determination costs ten times more);
- :func:`where_sparql` writes it as SPARQL over every named graph of a store, the
  reference the auditor queries are checked against and fall back to on a store
  without summaries (:mod:`toulmin.queries.reference`).

Only the SPARQL that the rules need is covered, with SPARQL's meaning: a FILTER whose
expression raises an error (an unbound variable) is false, ``COALESCE`` skips errors,
``||`` is true when either side is, an ``OPTIONAL`` keeps the solution it cannot
extend. Solutions are multisets as in SPARQL; the triples a rule states are a set.
Property paths with ``*``, ``+`` and ``?`` give each node once; a path pattern (other
than a single predicate) with both ends free starts from every node of the graph, so
write the patterns to bind one end first.

Imports rdflib only (the lowest layer of toulmin.graph.derived).

Examples
--------
>>> from rdflib import URIRef
>>> p, q = URIRef("urn:p"), URIRef("urn:q")
>>> x, y = Var("x"), Var("y")
>>> rule = Rule("r", (T(x, OneOrMore(p), y), NotExists(T(y, q, Var("z")))), ((x, q, y),))
>>> a, b, c = URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")
>>> sorted(construct([rule], TripleIndex([(a, p, b), (b, p, c), (c, q, a)])))
[(rdflib.term.URIRef('urn:a'), rdflib.term.URIRef('urn:q'), rdflib.term.URIRef('urn:b'))]
>>> print(where_sparql(rule.where, "?g"))
GRAPH ?g { ?x (<urn:p>)+ ?y }
FILTER NOT EXISTS { GRAPH ?g { ?y <urn:q> ?z } }
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

from rdflib import Literal, URIRef
from rdflib.term import Node

__all__ = [
    "Alt",
    "And",
    "Bind",
    "Bound",
    "Coalesce",
    "Compute",
    "Count",
    "Eq",
    "Exists",
    "Filter",
    "Group",
    "If",
    "In",
    "Inv",
    "Let",
    "Ne",
    "Not",
    "NotExists",
    "OneOrMore",
    "Optional",
    "Or",
    "Rule",
    "Seq",
    "T",
    "TripleIndex",
    "Values",
    "Var",
    "ZeroOrMore",
    "ZeroOrOne",
    "construct",
    "construct_sparql",
    "term_sparql",
    "where_sparql",
]

Triple = tuple[Node, Node, Node]
Solution = dict[str, Node]


class RuleError(Exception):
    """A rule that cannot be evaluated as written (a programming error, not bad input)."""


class _Unbound(Exception):
    """An expression error: SPARQL's "error" value (an unbound variable, a bad type)."""


# --- terms and paths ----------------------------------------------------------------------
@dataclass(frozen=True)
class Var:
    """A variable, ``?name``."""

    name: str


@dataclass(frozen=True)
class Inv:
    """``^path``."""

    path: Path


@dataclass(frozen=True)
class Seq:
    """``a/b/...``."""

    parts: tuple[Path, ...]

    def __init__(self, *parts: Path) -> None:
        object.__setattr__(self, "parts", parts)


@dataclass(frozen=True)
class Alt:
    """``a|b|...``."""

    parts: tuple[Path, ...]

    def __init__(self, *parts: Path) -> None:
        object.__setattr__(self, "parts", parts)


@dataclass(frozen=True)
class ZeroOrMore:
    """``path*``."""

    path: Path


@dataclass(frozen=True)
class OneOrMore:
    """``path+``."""

    path: Path


@dataclass(frozen=True)
class ZeroOrOne:
    """``path?``."""

    path: Path


Path = URIRef | Inv | Seq | Alt | ZeroOrMore | OneOrMore | ZeroOrOne
Term = Var | URIRef | Literal


class TripleIndex:
    """The triples of one graph, looked up by predicate (and by subject or object).

    Only the per-predicate lists are built up front (one pass); the maps from subject
    to objects and from object to subjects are built for a predicate when first asked.
    """

    __slots__ = ("_by_p", "_in", "_nodes", "_out")

    def __init__(self, triples: Iterable[Triple]) -> None:
        by_p: dict[Node, list[tuple[Node, Node]]] = {}
        for s, p, o in triples:
            pairs = by_p.get(p)
            if pairs is None:
                by_p[p] = pairs = []
            pairs.append((s, o))
        self._by_p = by_p
        self._out: dict[Node, dict[Node, list[Node]]] = {}
        self._in: dict[Node, dict[Node, list[Node]]] = {}
        self._nodes: set[Node] | None = None

    def pairs(self, p: Node) -> Sequence[tuple[Node, Node]]:
        """Every (subject, object) of predicate ``p``."""
        return self._by_p.get(p, ())

    def objects(self, s: Node, p: Node) -> Sequence[Node]:
        """The objects of ``s p ?o``."""
        out = self._out.get(p)
        if out is None:
            out = self._out[p] = {}
            for a, b in self._by_p.get(p, ()):
                out.setdefault(a, []).append(b)
        return out.get(s, ())

    def subjects(self, p: Node, o: Node) -> Sequence[Node]:
        """The subjects of ``?s p o``."""
        into = self._in.get(p)
        if into is None:
            into = self._in[p] = {}
            for a, b in self._by_p.get(p, ()):
                into.setdefault(b, []).append(a)
        return into.get(o, ())

    def nodes(self) -> set[Node]:
        """Every subject and object (the start nodes of a zero-length path)."""
        if self._nodes is None:
            self._nodes = {n for pairs in self._by_p.values() for pair in pairs for n in pair}
        return self._nodes


def _step(index: TripleIndex, path: Path, node: Node, forward: bool) -> Iterable[Node]:
    """The nodes one ``path`` away from ``node`` (forward, or backward along it)."""
    if isinstance(path, URIRef):
        return index.objects(node, path) if forward else index.subjects(path, node)
    if isinstance(path, Inv):
        return _step(index, path.path, node, not forward)
    if isinstance(path, Seq):
        frontier: list[Node] = [node]
        for part in path.parts if forward else reversed(path.parts):
            frontier = [m for n in frontier for m in _step(index, part, n, forward)]
        return frontier
    if isinstance(path, Alt):
        return [m for part in path.parts for m in _step(index, part, node, forward)]
    if isinstance(path, ZeroOrOne):
        return dict.fromkeys([node, *_step(index, path.path, node, forward)])
    if isinstance(path, ZeroOrMore | OneOrMore):
        seen: dict[Node, None] = {node: None} if isinstance(path, ZeroOrMore) else {}
        todo = [node]
        while todo:
            for m in _step(index, path.path, todo.pop(), forward):
                if m not in seen:
                    seen[m] = None
                    todo.append(m)
        return seen
    raise RuleError(f"not a property path: {path!r}")


# --- expressions --------------------------------------------------------------------------
class Expr:
    """An expression: evaluated on a solution, or written as SPARQL."""

    def value(self, sol: Solution, index: TripleIndex) -> Node:  # pragma: no cover
        """The value on ``sol`` (raises :class:`_Unbound` for SPARQL's error)."""
        raise NotImplementedError

    def sparql(self, prefix: str) -> str:  # pragma: no cover
        """The expression in SPARQL, each variable named ``?{prefix}{name}``."""
        raise NotImplementedError


_TRUE, _FALSE = Literal(True), Literal(False)


def _value(e: Expr | Term, sol: Solution, index: TripleIndex) -> Node:
    if isinstance(e, Var):
        try:
            return sol[e.name]
        except KeyError:
            raise _Unbound(e.name) from None
    if isinstance(e, Expr):
        return e.value(sol, index)
    return e


def _sparql(e: Expr | Term, prefix: str) -> str:
    return e.sparql(prefix) if isinstance(e, Expr) else term_sparql(e, prefix)


def _truth(e: Expr | Term, sol: Solution, index: TripleIndex) -> bool:
    v = _value(e, sol, index)
    if v is _TRUE or v == _TRUE:
        return True
    if v is _FALSE or v == _FALSE:
        return False
    raise _Unbound("not a boolean")


def _bool(flag: bool) -> Literal:
    return _TRUE if flag else _FALSE


@dataclass(frozen=True)
class Bound(Expr):
    """``BOUND(?v)``."""

    var: Var

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _bool(self.var.name in sol)

    def sparql(self, prefix: str) -> str:
        return f"BOUND({term_sparql(self.var, prefix)})"


@dataclass(frozen=True)
class Not(Expr):
    """``!e``."""

    arg: Expr | Term

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _bool(not _truth(self.arg, sol, index))

    def sparql(self, prefix: str) -> str:
        return f"!({_sparql(self.arg, prefix)})"


class _Many(Expr):
    args: tuple[Expr | Term, ...]

    def __init__(self, *args: Expr | Term) -> None:
        object.__setattr__(self, "args", args)

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self.args!r}"


class Or(_Many):
    """``a || b || ...``: true when one is true, even if another is an error."""

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        error = False
        for a in self.args:
            try:
                if _truth(a, sol, index):
                    return _TRUE
            except _Unbound:
                error = True
        if error:
            raise _Unbound("||")
        return _FALSE

    def sparql(self, prefix: str) -> str:
        return "(" + " || ".join(_sparql(a, prefix) for a in self.args) + ")"


class And(_Many):
    """``a && b && ...``: false when one is false, even if another is an error."""

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        error = False
        for a in self.args:
            try:
                if not _truth(a, sol, index):
                    return _FALSE
            except _Unbound:
                error = True
        if error:
            raise _Unbound("&&")
        return _TRUE

    def sparql(self, prefix: str) -> str:
        return "(" + " && ".join(_sparql(a, prefix) for a in self.args) + ")"


class Coalesce(_Many):
    """``COALESCE(a, b, ...)``: the first that is not an error."""

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        for a in self.args:
            try:
                return _value(a, sol, index)
            except _Unbound:
                continue
        raise _Unbound("COALESCE")

    def sparql(self, prefix: str) -> str:
        return "COALESCE(" + ", ".join(_sparql(a, prefix) for a in self.args) + ")"


@dataclass(frozen=True)
class In(Expr):
    """``a IN (v, ...)`` of IRIs or plain literals (compared as terms)."""

    arg: Expr | Term
    values: tuple[Node, ...]
    _set: frozenset[Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_set", frozenset(self.values))

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _bool(_value(self.arg, sol, index) in self._set)

    def sparql(self, prefix: str) -> str:
        listed = ", ".join(term_sparql(v, prefix) for v in self.values)
        return f"({_sparql(self.arg, prefix)} IN ({listed}))"


@dataclass(frozen=True)
class Eq(Expr):
    """``a = b`` of IRIs or plain literals (compared as terms)."""

    left: Expr | Term
    right: Expr | Term

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _bool(_value(self.left, sol, index) == _value(self.right, sol, index))

    def sparql(self, prefix: str) -> str:
        return f"({_sparql(self.left, prefix)} = {_sparql(self.right, prefix)})"


@dataclass(frozen=True)
class Ne(Expr):
    """``a != b`` of IRIs or plain literals (compared as terms)."""

    left: Expr | Term
    right: Expr | Term

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _bool(_value(self.left, sol, index) != _value(self.right, sol, index))

    def sparql(self, prefix: str) -> str:
        return f"({_sparql(self.left, prefix)} != {_sparql(self.right, prefix)})"


@dataclass(frozen=True)
class If(Expr):
    """``IF(c, a, b)``."""

    cond: Expr | Term
    then: Expr | Term
    other: Expr | Term

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _value(self.then if _truth(self.cond, sol, index) else self.other, sol, index)

    def sparql(self, prefix: str) -> str:
        c, a, b = (_sparql(x, prefix) for x in (self.cond, self.then, self.other))
        return f"IF({c}, {a}, {b})"


@dataclass(frozen=True)
class Exists(Expr):
    """``EXISTS { patterns }`` (in the same graph)."""

    patterns: tuple[Pattern, ...]
    graph: str = field(default="", compare=False)

    def __init__(self, *patterns: Pattern) -> None:
        object.__setattr__(self, "patterns", patterns)

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        return _bool(bool(_solve(self.patterns, [sol], index)))

    def sparql(self, prefix: str) -> str:  # pragma: no cover - written by _Where
        raise RuleError("EXISTS is written with its graph (where_sparql)")


@dataclass(frozen=True)
class Compute(Expr):
    """A value computed by a function: ``python`` on the values, ``sparql`` in a query.

    The one place a rule holds two encodings (of arithmetic a pattern cannot state);
    ``sparql`` is a format string with ``{0}``, ``{1}``... for the arguments.
    """

    python: Callable[..., Node]
    sparql_text: str
    args: tuple[Expr | Term, ...]

    def value(self, sol: Solution, index: TripleIndex) -> Node:
        result = self.python(*(_value(a, sol, index) for a in self.args))
        if result is None:
            raise _Unbound("no value")
        return result

    def sparql(self, prefix: str) -> str:
        return self.sparql_text.format(*(_sparql(a, prefix) for a in self.args))


# --- patterns -----------------------------------------------------------------------------
@dataclass(frozen=True)
class T:
    """A triple pattern ``s path o``."""

    s: Term
    p: Path
    o: Term


@dataclass(frozen=True)
class Optional:
    """``OPTIONAL { patterns }``."""

    patterns: tuple[Pattern, ...]

    def __init__(self, *patterns: Pattern) -> None:
        object.__setattr__(self, "patterns", patterns)


@dataclass(frozen=True)
class Filter:
    """``FILTER (expr)``, applied where it stands (write it after the patterns it tests)."""

    expr: Expr


@dataclass(frozen=True)
class NotExists:
    """``FILTER NOT EXISTS { patterns }``."""

    patterns: tuple[Pattern, ...]

    def __init__(self, *patterns: Pattern) -> None:
        object.__setattr__(self, "patterns", patterns)


@dataclass(frozen=True)
class Let:
    """``BIND`` of a value that a function computes in Python and a chain of BINDs in SPARQL.

    The one place a rule holds two encodings, of arithmetic that patterns cannot state:
    ``python`` takes the values of ``args`` (``None`` leaves ``var`` unbound); ``steps``
    are ``(name, expression)`` pairs written as ``BIND (expression AS ?{var}_{name})``,
    each expression a format string with ``{0}``, ``{1}``... for the arguments and
    ``{name}`` for an earlier step; the last step binds ``var`` itself.
    """

    var: Var
    python: Callable[..., Node | None]
    args: tuple[Var, ...]
    steps: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Values:
    """``VALUES ?var { v ... }``: one solution per value."""

    var: Var
    values: tuple[Node, ...]


@dataclass(frozen=True)
class Bind:
    """``BIND (expr AS ?var)``."""

    expr: Expr | Term
    var: Var


@dataclass(frozen=True)
class Count:
    """``COUNT(?var)`` (or ``COUNT(DISTINCT ?var)``), or ``SUM(expr)`` with ``total``."""

    var: Var | None = None
    distinct: bool = False
    total: Expr | None = None


@dataclass(frozen=True)
class Group:
    """A grouped sub-select, joined with the solutions so far.

    ``SELECT by... (agg AS ?name)... WHERE { patterns } GROUP BY by... HAVING (having)``,
    evaluated on its own (as SPARQL evaluates a sub-select) within the same graph.
    ``samples`` are ``SAMPLE(?v) AS ?name`` (any one value of the group).
    """

    by: tuple[Var, ...]
    patterns: tuple[Pattern, ...]
    counts: tuple[tuple[str, Count], ...] = ()
    samples: tuple[tuple[str, Var], ...] = ()
    having: Expr | None = None


Pattern = T | Optional | Filter | NotExists | Values | Bind | Let | Group


def _match(t: T, sol: Solution, index: TripleIndex) -> list[Solution]:
    sname = t.s.name if isinstance(t.s, Var) else ""
    oname = t.o.name if isinstance(t.o, Var) else ""
    s: Node | None = sol.get(sname) if sname else cast(Node, t.s)
    o: Node | None = sol.get(oname) if oname else cast(Node, t.o)
    p = t.p
    if type(p) is URIRef and (s is None) != (o is None):  # the common case, inlined
        if s is not None:
            return [{**sol, oname: found} for found in index.objects(s, p)]
        return [{**sol, sname: found} for found in index.subjects(p, cast(Node, o))]
    if s is not None:
        if o is None:
            return [{**sol, oname: found} for found in _step(index, p, s, True)]
        return [sol] if any(found == o for found in _step(index, p, s, True)) else []
    if o is not None:
        return [{**sol, sname: found} for found in _step(index, p, o, False)]
    out = []
    if isinstance(p, URIRef) or (isinstance(p, Inv) and isinstance(p.path, URIRef)):
        inverse = isinstance(p, Inv)
        pred = cast(URIRef, p.path if isinstance(p, Inv) else p)
        for a, b in index.pairs(pred):
            if inverse:
                a, b = b, a
            if sname == oname:  # ?x p ?x
                if a == b:
                    out.append({**sol, sname: a})
            else:
                out.append({**sol, sname: a, oname: b})
        return out
    for node in index.nodes():  # a path with both ends free: from every node (slow)
        out += _match(T(cast(URIRef, node), p, t.o), {**sol, sname: node}, index)
    return out


def _groups(g: Group, sol: Solution, index: TripleIndex) -> Iterator[Solution]:
    groups: dict[tuple[Node | None, ...], list[Solution]] = {}
    for inner in _solve(g.patterns, [{}], index):
        key = tuple(inner.get(v.name) for v in g.by)
        groups.setdefault(key, []).append(inner)
    for key, members in groups.items():
        row: Solution = {v.name: k for v, k in zip(g.by, key, strict=True) if k is not None}
        for name, count in g.counts:
            if count.total is not None:
                total = 0
                for m in members:
                    total += int(_value(count.total, m, index).toPython())  # type: ignore[attr-defined]
                row[name] = Literal(total)
            elif count.var is None:
                row[name] = Literal(len(members))
            else:
                values = [m[count.var.name] for m in members if count.var.name in m]
                row[name] = Literal(len(set(values)) if count.distinct else len(values))
        for name, var in g.samples:
            value = next((m[var.name] for m in members if var.name in m), None)
            if value is not None:
                row[name] = value
        if g.having is not None:
            try:
                if not _truth(g.having, row, index):
                    continue
            except _Unbound:
                continue
        if all(sol[k] == v for k, v in row.items() if k in sol):
            yield {**sol, **row}


def _solve(patterns: Sequence[Pattern], sols: list[Solution], index: TripleIndex) -> list[Solution]:
    for p in patterns:
        if not sols:
            break
        sols = _apply(p, sols, index)
    return sols


def _apply(p: Pattern, sols: list[Solution], index: TripleIndex) -> list[Solution]:
    out: list[Solution] = []
    if type(p) is T:
        for sol in sols:
            out += _match(p, sol, index)
    elif isinstance(p, Filter):
        for sol in sols:
            try:
                if _truth(p.expr, sol, index):
                    out.append(sol)
            except _Unbound:
                pass
    elif isinstance(p, Optional):
        for sol in sols:
            extended = _solve(p.patterns, [sol], index)
            out += extended if extended else [sol]
    elif isinstance(p, NotExists):
        out = [sol for sol in sols if not _solve(p.patterns, [sol], index)]
    elif isinstance(p, Bind):
        for sol in sols:
            if p.var.name in sol:
                raise RuleError(f"BIND to ?{p.var.name}, which is already bound")
            try:
                out.append({**sol, p.var.name: _value(p.expr, sol, index)})
            except _Unbound:
                out.append(sol)
    elif isinstance(p, Let):
        for sol in sols:
            result = None
            if all(a.name in sol for a in p.args):
                result = p.python(*(sol[a.name] for a in p.args))
            out.append(sol if result is None else {**sol, p.var.name: result})
    elif isinstance(p, Values):
        out = [{**sol, p.var.name: v} for sol in sols for v in p.values]
    elif isinstance(p, Group):
        for sol in sols:
            out += _groups(p, sol, index)
    else:
        raise RuleError(f"not a pattern: {p!r}")
    return out


# --- rules --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """An audit rule: ``CONSTRUCT { template } WHERE { where }`` over one determination.

    Parameters
    ----------
    name : str
        What it finds (for messages and the reference queries).
    where : tuple of patterns
        Evaluated over the determination's asserted graph.
    template : tuple of (subject, predicate, object)
        The triples it states for each solution (variables, IRIs or literals); a triple
        with an unbound variable is left out, as in ``CONSTRUCT``.
    """

    name: str
    where: tuple[Pattern, ...]
    template: tuple[tuple[Term, URIRef, Term], ...]


def construct(rules: Iterable[Rule], index: TripleIndex) -> Iterator[Triple]:
    """The triples ``rules`` state over ``index`` (each triple once per rule)."""
    for rule in rules:
        seen: set[Triple] = set()
        for sol in _solve(rule.where, [{}], index):
            for s, p, o in rule.template:
                subject = sol.get(s.name) if isinstance(s, Var) else s
                obj = sol.get(o.name) if isinstance(o, Var) else o
                if subject is None or obj is None:
                    continue
                triple = (subject, p, obj)
                if triple not in seen:
                    seen.add(triple)
                    yield triple


# --- SPARQL -------------------------------------------------------------------------------
_PREFIXES = {
    "https://w3id.org/toulmin/ontology#": "tlm:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
}


def term_sparql(term: Term | Node, prefix: str = "") -> str:
    """A variable, IRI or literal as SPARQL (``tlm:``, ``dcterms:``, ``rdf:`` prefixed).

    >>> term_sparql(Var("x"), "r_"), term_sparql(URIRef("urn:a")), term_sparql(Literal("a"))
    ('?r_x', '<urn:a>', '"a"')
    """
    if isinstance(term, Var):
        return f"?{prefix}{term.name}"
    if isinstance(term, URIRef):
        for ns, short in _PREFIXES.items():
            local = term[len(ns) :]
            if term.startswith(ns) and local.isidentifier():
                return short + local
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise RuleError(f"not a term: {term!r}")


def _path_sparql(path: Path) -> str:
    if isinstance(path, URIRef):
        return term_sparql(path)
    if isinstance(path, Inv):
        return f"^{_path_sparql(path.path)}"
    if isinstance(path, Seq):
        return "/".join(_path_sparql(p) for p in path.parts)
    if isinstance(path, Alt):
        return "(" + "|".join(_path_sparql(p) for p in path.parts) + ")"
    suffix = {ZeroOrMore: "*", OneOrMore: "+", ZeroOrOne: "?"}[type(path)]
    return f"({_path_sparql(path.path)}){suffix}"


def _expr_sparql(e: Expr | Term, graph: str, prefix: str) -> str:
    if isinstance(e, Exists):
        return f"EXISTS {{ {_inline(e.patterns, graph, prefix)} }}"
    if isinstance(e, Not) and isinstance(e.arg, Exists):
        return f"NOT EXISTS {{ {_inline(e.arg.patterns, graph, prefix)} }}"
    if isinstance(e, Or | And):
        op = " || " if isinstance(e, Or) else " && "
        return "(" + op.join(_expr_sparql(a, graph, prefix) for a in e.args) + ")"
    return _sparql(e, prefix)


def _inline(patterns: Sequence[Pattern], graph: str, prefix: str) -> str:
    return " ".join(where_sparql(patterns, graph, prefix).splitlines())


def where_sparql(patterns: Sequence[Pattern], graph: str, prefix: str = "") -> str:
    """The patterns as a SPARQL group body, every triple pattern in ``GRAPH graph``.

    ``graph`` is the graph variable (``?g``); each variable of the rule is written
    ``?{prefix}{name}`` (a prefix keeps a rule's variables apart from a query's).
    """
    lines = []
    for p in patterns:
        if isinstance(p, T):
            s, o = term_sparql(p.s, prefix), term_sparql(p.o, prefix)
            lines.append(f"GRAPH {graph} {{ {s} {_path_sparql(p.p)} {o} }}")
        elif isinstance(p, Optional):
            lines.append(f"OPTIONAL {{ {_inline(p.patterns, graph, prefix)} }}")
        elif isinstance(p, Filter):
            lines.append(f"FILTER ({_expr_sparql(p.expr, graph, prefix)})")
        elif isinstance(p, NotExists):
            lines.append(f"FILTER NOT EXISTS {{ {_inline(p.patterns, graph, prefix)} }}")
        elif isinstance(p, Let):
            args = [term_sparql(a, prefix) for a in p.args]
            names: dict[str, str] = {}
            for i, (step, text) in enumerate(p.steps):
                last = i == len(p.steps) - 1
                var = term_sparql(p.var, prefix) + ("" if last else f"_{step}")
                lines.append(f"BIND ({text.format(*args, **names)} AS {var})")
                names[step] = var
        elif isinstance(p, Values):
            listed = " ".join(term_sparql(v, prefix) for v in p.values)
            lines.append(f"VALUES {term_sparql(p.var, prefix)} {{ {listed} }}")
        elif isinstance(p, Bind):
            expr = _expr_sparql(p.expr, graph, prefix)
            lines.append(f"BIND ({expr} AS {term_sparql(p.var, prefix)})")
        elif isinstance(p, Group):
            by = " ".join(term_sparql(v, prefix) for v in p.by)
            aggs, texts = [], {}
            for name, c in p.counts:
                if c.total is not None:
                    agg = f"SUM({_expr_sparql(c.total, graph, prefix)})"
                elif c.var is None:
                    agg = "COUNT(*)"
                else:
                    distinct = "DISTINCT " if c.distinct else ""
                    agg = f"COUNT({distinct}{term_sparql(c.var, prefix)})"
                texts[term_sparql(Var(name), prefix)] = agg
                aggs.append(f"({agg} AS {term_sparql(Var(name), prefix)})")
            aggs += [
                f"(SAMPLE({term_sparql(v, prefix)}) AS {term_sparql(Var(name), prefix)})"
                for name, v in p.samples
            ]
            having = ""
            if p.having is not None:  # HAVING sees the aggregates, not their names
                cond = _expr_sparql(p.having, graph, prefix)
                for alias, agg in texts.items():
                    cond = re.sub(re.escape(alias) + r"\b", agg, cond)
                having = f" HAVING ({cond})"
            body = _inline(p.patterns, graph, prefix)
            lines.append(
                f"{{ SELECT {graph} {by} {' '.join(aggs)} WHERE {{ {body} }} "
                f"GROUP BY {graph} {by}{having} }}"
            )
        else:
            raise RuleError(f"not a pattern: {p!r}")
    return "\n".join(lines)


def construct_sparql(rule: Rule, graph: str = "?g") -> str:
    """The rule as a SPARQL ``CONSTRUCT`` over every named graph of a store.

    Run on a store that holds a determination's asserted graph, it states the facts
    :func:`construct` computes in Python (the tests check that they agree).

    >>> from rdflib import URIRef
    >>> x, y = Var("x"), Var("y")
    >>> rule = Rule("r", (T(x, URIRef("urn:p"), y),), ((y, URIRef("urn:q"), x),))
    >>> print(construct_sparql(rule))
    CONSTRUCT { ?y <urn:q> ?x . }
    WHERE {
    GRAPH ?g { ?x <urn:p> ?y }
    }
    """
    template = " ".join(
        f"{term_sparql(s)} {term_sparql(p)} {term_sparql(o)} ." for s, p, o in rule.template
    )
    prefixes = "".join(
        f"PREFIX {short[:-1]}: <{ns}>\n"
        for ns, short in _PREFIXES.items()
        if short in template
        or any(short in line for line in where_sparql(rule.where, graph).splitlines())
    )
    return f"{prefixes}CONSTRUCT {{ {template} }}\nWHERE {{\n{where_sparql(rule.where, graph)}\n}}"
