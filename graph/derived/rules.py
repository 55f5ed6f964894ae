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


# --- expressions --------------------------------------------------------------------------
class Expr:
    """An expression: evaluated on a solution, or written as SPARQL."""

    def sparql(self, prefix: str) -> str:  # pragma: no cover
        """The expression in SPARQL, each variable named ``?{prefix}{name}``."""
        raise NotImplementedError


_TRUE, _FALSE = Literal(True), Literal(False)


def _sparql(e: Expr | Term, prefix: str) -> str:
    return e.sparql(prefix) if isinstance(e, Expr) else term_sparql(e, prefix)


def _bool(flag: bool) -> Literal:
    return _TRUE if flag else _FALSE


@dataclass(frozen=True)
class Bound(Expr):
    """``BOUND(?v)``."""

    var: Var

    def sparql(self, prefix: str) -> str:
        """``BOUND(?v)`` in SPARQL."""
        return f"BOUND({term_sparql(self.var, prefix)})"


@dataclass(frozen=True)
class Not(Expr):
    """``!e``."""

    arg: Expr | Term

    def sparql(self, prefix: str) -> str:
        """``!e`` in SPARQL."""
        return f"!({_sparql(self.arg, prefix)})"


class _Many(Expr):
    args: tuple[Expr | Term, ...]

    def __init__(self, *args: Expr | Term) -> None:
        object.__setattr__(self, "args", args)

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self.args!r}"


class Or(_Many):
    """``a || b || ...``: true when one is true, even if another is an error."""

    def sparql(self, prefix: str) -> str:
        """``a || b || ...`` in SPARQL."""
        return "(" + " || ".join(_sparql(a, prefix) for a in self.args) + ")"


class And(_Many):
    """``a && b && ...``: false when one is false, even if another is an error."""

    def sparql(self, prefix: str) -> str:
        """``a && b && ...`` in SPARQL."""
        return "(" + " && ".join(_sparql(a, prefix) for a in self.args) + ")"


class Coalesce(_Many):
    """``COALESCE(a, b, ...)``: the first that is not an error."""

    def sparql(self, prefix: str) -> str:
        """``COALESCE(a, b, ...)`` in SPARQL."""
        return "COALESCE(" + ", ".join(_sparql(a, prefix) for a in self.args) + ")"


@dataclass(frozen=True)
class In(Expr):
    """``a IN (v, ...)`` of IRIs or plain literals (compared as terms)."""

    arg: Expr | Term
    values: tuple[Node, ...]
    #: ``values`` as a set, for the Python reading's membership test.
    members: frozenset[Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", frozenset(self.values))

    def sparql(self, prefix: str) -> str:
        """``a IN (v, ...)`` in SPARQL."""
        listed = ", ".join(term_sparql(v, prefix) for v in self.values)
        return f"({_sparql(self.arg, prefix)} IN ({listed}))"


@dataclass(frozen=True)
class Eq(Expr):
    """``a = b`` of IRIs or plain literals (compared as terms)."""

    left: Expr | Term
    right: Expr | Term

    def sparql(self, prefix: str) -> str:
        """``a = b`` in SPARQL."""
        return f"({_sparql(self.left, prefix)} = {_sparql(self.right, prefix)})"


@dataclass(frozen=True)
class Ne(Expr):
    """``a != b`` of IRIs or plain literals (compared as terms)."""

    left: Expr | Term
    right: Expr | Term

    def sparql(self, prefix: str) -> str:
        """``a != b`` in SPARQL."""
        return f"({_sparql(self.left, prefix)} != {_sparql(self.right, prefix)})"


@dataclass(frozen=True)
class If(Expr):
    """``IF(c, a, b)``."""

    cond: Expr | Term
    then: Expr | Term
    other: Expr | Term

    def sparql(self, prefix: str) -> str:
        """``IF(c, a, b)`` in SPARQL."""
        c, a, b = (_sparql(x, prefix) for x in (self.cond, self.then, self.other))
        return f"IF({c}, {a}, {b})"


@dataclass(frozen=True)
class Exists(Expr):
    """``EXISTS { patterns }`` (in the same graph)."""

    patterns: tuple[Pattern, ...]
    graph: str = field(default="", compare=False)

    def __init__(self, *patterns: Pattern) -> None:
        object.__setattr__(self, "patterns", patterns)

    def sparql(self, _prefix: str) -> str:  # pragma: no cover - written by _Where
        """Refused: an ``EXISTS`` is written with its graph, by :func:`where_sparql`."""
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

    def sparql(self, prefix: str) -> str:
        """The ``sparql`` format string filled with the arguments in SPARQL."""
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


# --- the Python reading: each rule compiled once into closures ----------------------------
Step = Callable[[TripleIndex, Node, bool], Iterable[Node]]
Eval = Callable[[Solution, TripleIndex], Node]
Plan = Callable[[list[Solution], TripleIndex], list[Solution]]


def _compile_path(path: Path) -> Step:
    """``step(index, node, forward)``: the nodes one ``path`` away from ``node``."""
    if isinstance(path, URIRef):
        p = path

        def iri(index: TripleIndex, node: Node, forward: bool) -> Iterable[Node]:
            return index.objects(node, p) if forward else index.subjects(p, node)

        return iri
    if isinstance(path, Inv):
        inner = _compile_path(path.path)
        return lambda index, node, forward: inner(index, node, not forward)
    if isinstance(path, Seq | Alt):
        parts = [_compile_path(part) for part in path.parts]
        if isinstance(path, Alt):
            return lambda index, node, forward: [m for f in parts for m in f(index, node, forward)]

        def seq(index: TripleIndex, node: Node, forward: bool) -> Iterable[Node]:
            frontier: Iterable[Node] = [node]
            for f in parts if forward else reversed(parts):
                frontier = [m for n in frontier for m in f(index, n, forward)]
            return frontier

        return seq
    if isinstance(path, ZeroOrOne):
        one = _compile_path(path.path)
        return lambda index, node, forward: dict.fromkeys([node, *one(index, node, forward)])
    if isinstance(path, ZeroOrMore | OneOrMore):
        each = _compile_path(path.path)
        reflexive = isinstance(path, ZeroOrMore)

        def closure(index: TripleIndex, node: Node, forward: bool) -> Iterable[Node]:
            seen: dict[Node, None] = {node: None} if reflexive else {}
            todo = [node]
            while todo:
                for m in each(index, todo.pop(), forward):
                    if m not in seen:
                        seen[m] = None
                        todo.append(m)
            return seen

        return closure
    raise RuleError(f"not a property path: {path!r}")


def _holds(f: Eval, sol: Solution, index: TripleIndex) -> bool:
    """The effective boolean value; raises :class:`_Unbound` for an error or a non-boolean."""
    v = f(sol, index)
    if v is _TRUE:
        return True
    if v is _FALSE:
        return False
    raise _Unbound("not a boolean")


def _compile_expr(e: Expr | Term) -> Eval:
    if isinstance(e, Var):
        name = e.name

        def var(sol: Solution, _index: TripleIndex) -> Node:
            try:
                return sol[name]
            except KeyError:
                raise _Unbound(name) from None

        return var
    if not isinstance(e, Expr):
        return lambda _sol, _index: e
    if isinstance(e, Bound):
        name = e.var.name
        return lambda sol, _index: _TRUE if name in sol else _FALSE
    if isinstance(e, Not):
        arg = _compile_expr(e.arg)
        return lambda sol, index: _FALSE if _holds(arg, sol, index) else _TRUE
    if isinstance(e, Exists):
        found = _compile_exists(e.patterns)
        return lambda sol, index: _TRUE if found(sol, index) else _FALSE
    if isinstance(e, Or | And):
        args = [_compile_expr(a) for a in e.args]
        decisive = isinstance(e, Or)  # the value that settles it: true for ||, false for &&

        def logical(sol: Solution, index: TripleIndex) -> Node:
            error = False
            for f in args:
                try:
                    if _holds(f, sol, index) is decisive:
                        return _bool(decisive)
                except _Unbound:
                    error = True
            if error:
                raise _Unbound("|| or &&")
            return _bool(not decisive)

        return logical
    if isinstance(e, Coalesce):
        args = [_compile_expr(a) for a in e.args]

        def coalesce(sol: Solution, index: TripleIndex) -> Node:
            for f in args:
                try:
                    return f(sol, index)
                except _Unbound:
                    continue
            raise _Unbound("COALESCE")

        return coalesce
    if isinstance(e, In):
        arg, values = _compile_expr(e.arg), e.members
        return lambda sol, index: _TRUE if arg(sol, index) in values else _FALSE
    if isinstance(e, Eq | Ne):
        left, right = _compile_expr(e.left), _compile_expr(e.right)
        same = isinstance(e, Eq)
        return lambda sol, index: _bool((left(sol, index) == right(sol, index)) is same)
    if isinstance(e, If):
        cond, then, other = (_compile_expr(x) for x in (e.cond, e.then, e.other))
        return lambda sol, index: (then if _holds(cond, sol, index) else other)(sol, index)
    if isinstance(e, Compute):
        args, python = [_compile_expr(a) for a in e.args], e.python

        def compute(sol: Solution, index: TripleIndex) -> Node:
            result = python(*(f(sol, index) for f in args))
            if result is None:
                raise _Unbound("no value")
            return result

        return compute
    raise RuleError(f"not an expression: {e!r}")


def _compile_triple(t: T) -> Plan:
    sname = t.s.name if isinstance(t.s, Var) else ""
    oname = t.o.name if isinstance(t.o, Var) else ""
    s_const = None if sname else cast(Node, t.s)
    o_const = None if oname else cast(Node, t.o)
    step = _compile_path(t.p)
    pred = t.p.path if isinstance(t.p, Inv) else t.p
    inverse = isinstance(t.p, Inv)
    single = isinstance(pred, URIRef)

    def match(sols: list[Solution], index: TripleIndex) -> list[Solution]:
        out: list[Solution] = []
        for sol in sols:
            s = sol.get(sname) if sname else s_const
            o = sol.get(oname) if oname else o_const
            if s is not None:
                found = step(index, s, True)
                if o is None:
                    out += [{**sol, oname: x} for x in found]
                elif o in found:
                    out.append(sol)
            elif o is not None:
                out += [{**sol, sname: x} for x in step(index, o, False)]
            elif single:
                for a, b in index.pairs(cast(URIRef, pred)):
                    if inverse:
                        a, b = b, a
                    if sname != oname:
                        out.append({**sol, sname: a, oname: b})
                    elif a == b:  # ?x p ?x
                        out.append({**sol, sname: a})
            else:  # a path with both ends free: from every node (slow; bind an end first)
                for node in index.nodes():
                    out += [{**sol, sname: node, oname: x} for x in step(index, node, True)]
        return out

    return match


def _compile_exists(patterns: Sequence[Pattern]) -> Callable[[Solution, TripleIndex], bool]:
    """Whether ``patterns`` have a solution extending ``sol`` (``EXISTS``).

    A single triple pattern whose subject is bound (a constant or a variable bound
    before it) is answered from the index without making solutions.
    """
    first = patterns[0] if len(patterns) == 1 else None
    if isinstance(first, T):
        t = first
        step = _compile_path(t.p)
        sname = t.s.name if isinstance(t.s, Var) else ""
        oname = t.o.name if isinstance(t.o, Var) else ""
        s_const = None if sname else cast(Node, t.s)
        o_const = None if oname else cast(Node, t.o)
        plan = _compile_patterns(patterns)

        def quick(sol: Solution, index: TripleIndex) -> bool:
            s = sol.get(sname) if sname else s_const
            if s is None:
                return bool(plan([sol], index))
            o = sol.get(oname) if oname else o_const
            found = step(index, s, True)
            return bool(found) if o is None else o in found

        return quick
    plan = _compile_patterns(patterns)
    return lambda sol, index: bool(plan([sol], index))


def _compile_group(g: Group) -> Plan:
    inner = _compile_patterns(g.patterns)
    by = [v.name for v in g.by]
    totals = [(name, _compile_expr(c.total)) for name, c in g.counts if c.total is not None]
    counts = [(name, c) for name, c in g.counts if c.total is None]
    having = _compile_expr(g.having) if g.having is not None else None

    def rows(index: TripleIndex) -> list[Solution]:
        groups: dict[tuple[Node | None, ...], list[Solution]] = {}
        for sol in inner([{}], index):
            groups.setdefault(tuple(sol.get(v) for v in by), []).append(sol)
        out = []
        for key, members in groups.items():
            row: Solution = {v: k for v, k in zip(by, key, strict=True) if k is not None}
            for name, c in counts:
                if c.var is None:
                    row[name] = Literal(len(members))
                else:
                    values = [m[c.var.name] for m in members if c.var.name in m]
                    row[name] = Literal(len(set(values)) if c.distinct else len(values))
            for name, total in totals:
                amount = 0
                for m in members:
                    amount += int(cast(Literal, total(m, index)).toPython())
                row[name] = Literal(amount)
            for name, var in g.samples:
                value = next((m[var.name] for m in members if var.name in m), None)
                if value is not None:
                    row[name] = value
            try:
                if having is None or _holds(having, row, index):
                    out.append(row)
            except _Unbound:
                pass
        return out

    def join(sols: list[Solution], index: TripleIndex) -> list[Solution]:
        grouped = rows(index)
        return [
            {**sol, **row}
            for sol in sols
            for row in grouped
            if all(sol[k] == v for k, v in row.items() if k in sol)
        ]

    return join


def _compile_pattern(p: Pattern) -> Plan:
    if isinstance(p, T):
        return _compile_triple(p)
    if isinstance(p, Filter):
        test = _compile_expr(p.expr)

        def keep(sols: list[Solution], index: TripleIndex) -> list[Solution]:
            out = []
            for sol in sols:
                try:
                    if _holds(test, sol, index):
                        out.append(sol)
                except _Unbound:
                    pass
            return out

        return keep
    if isinstance(p, Optional):
        plan = _compile_patterns(p.patterns)

        def optional(sols: list[Solution], index: TripleIndex) -> list[Solution]:
            out = []
            for sol in sols:
                out += plan([sol], index) or [sol]
            return out

        return optional
    if isinstance(p, NotExists):
        found = _compile_exists(p.patterns)
        return lambda sols, index: [sol for sol in sols if not found(sol, index)]
    if isinstance(p, Bind):
        value, name = _compile_expr(p.expr), p.var.name

        def bind(sols: list[Solution], index: TripleIndex) -> list[Solution]:
            out = []
            for sol in sols:
                if name in sol:
                    raise RuleError(f"BIND to ?{name}, which is already bound")
                try:
                    out.append({**sol, name: value(sol, index)})
                except _Unbound:
                    out.append(sol)
            return out

        return bind
    if isinstance(p, Let):
        args, python, name = [a.name for a in p.args], p.python, p.var.name

        def let(sols: list[Solution], _index: TripleIndex) -> list[Solution]:
            out = []
            for sol in sols:
                result = None
                if all(a in sol for a in args):
                    result = python(*(sol[a] for a in args))
                out.append(sol if result is None else {**sol, name: result})
            return out

        return let
    if isinstance(p, Values):
        name, values = p.var.name, p.values
        return lambda sols, _index: [{**sol, name: v} for sol in sols for v in values]
    if isinstance(p, Group):
        return _compile_group(p)
    raise RuleError(f"not a pattern: {p!r}")


def _compile_patterns(patterns: Sequence[Pattern]) -> Plan:
    plans = [_compile_pattern(p) for p in patterns]

    def solve(sols: list[Solution], index: TripleIndex) -> list[Solution]:
        for plan in plans:
            if not sols:
                break
            sols = plan(sols, index)
        return sols

    return solve


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
    plan: Plan = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plan", _compile_patterns(self.where))


def construct(rules: Iterable[Rule], index: TripleIndex) -> Iterator[Triple]:
    """The triples ``rules`` state over ``index`` (each triple once per rule)."""
    for rule in rules:
        seen: set[Triple] = set()
        for sol in rule.plan([{}], index):
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
