"""Abstract argumentation: the framework class and the four semantics.

The semantics are checked against a brute-force oracle written from the
definitions (Dung 1995): every subset of at most 8 arguments is tested for
conflict-freeness, admissibility, completeness, stability, and preferred =
maximal admissible; grounded = least fixed point of the characteristic
function. The oracle shares no code with the library.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toulmin.errors import BadInputError
from toulmin.graph.af.framework import ArgumentationFramework, NumberedNames
from toulmin.graph.af.semantics import (
    IN,
    OUT,
    UNDEC,
    complete_labellings,
    extension,
    grounded_labelling,
    is_complete_labelling,
    is_stable_labelling,
    labelling_from_extension,
    labelling_to_dict,
    normalize_semantics,
    preferred_labellings,
    solve,
    stable_labellings,
)

SEMANTICS = ("grounded", "complete", "preferred", "stable")
Pairs = list[tuple[int, int]]


# ------------------------------------------------------------------------------ oracle
class Oracle:
    """Extensions by definition, over all 2^n subsets of arguments 0..n-1."""

    def __init__(self, n: int, attacks: Iterable[tuple[int, int]]) -> None:
        self.n = n
        self.att = set(attacks)
        self.attackers = {x: {a for a, b in self.att if b == x} for x in range(n)}
        subsets = [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]
        self.conflict_free = [
            s for s in subsets if not any((a, b) in self.att for a in s for b in s)
        ]
        self.admissible = [s for s in self.conflict_free if all(self.defends(s, x) for x in s)]

    def defends(self, s: frozenset[int], x: int) -> bool:
        return all(any((c, a) in self.att for c in s) for a in self.attackers[x])

    def extensions(self, semantics: str) -> set[frozenset[int]]:
        n = self.n
        if semantics == "complete":
            return {
                s for s in self.admissible if all(self.defends(s, x) == (x in s) for x in range(n))
            }
        if semantics == "preferred":
            return {s for s in self.admissible if not any(s < t for t in self.admissible)}
        if semantics == "stable":
            return {
                s
                for s in self.conflict_free
                if all(x in s or any((a, x) in self.att for a in s) for x in range(n))
            }
        assert semantics == "grounded"
        s: frozenset[int] = frozenset()
        while True:
            nxt = frozenset(x for x in range(n) if self.defends(s, x))
            if nxt == s:
                return {s}
            s = nxt


def make_af(n: int, attacks: Pairs) -> ArgumentationFramework:
    return ArgumentationFramework(n, [a for a, _ in attacks], [b for _, b in attacks])


def in_set(lab: np.ndarray) -> frozenset[int]:
    return frozenset(np.flatnonzero(lab == IN).tolist())


def names_to_idx(ext: frozenset[str]) -> frozenset[int]:
    return frozenset(int(x) - 1 for x in ext)


@st.composite
def small_frameworks(draw: st.DrawFn, max_n: int = 8) -> tuple[int, Pairs]:
    n = draw(st.integers(0, max_n))
    if n == 0:
        return 0, []
    density = draw(st.sampled_from([0.1, 0.2, 0.35, 0.6]))
    mask = draw(st.lists(st.floats(0, 1, allow_nan=False), min_size=n * n, max_size=n * n))
    attacks = [(i // n, i % n) for i, r in enumerate(mask) if r < density]
    return n, attacks


# ------------------------------------------------------------------------------ framework
def test_framework_sorts_deduplicates_and_builds_both_csr_directions() -> None:
    af = ArgumentationFramework(["a", "b", "c"], [2, 0, 2, 1, 2], [0, 1, 0, 2, 2])
    assert af.num_attacks == 4  # (2, 0) given twice
    assert af.src.tolist() == [0, 1, 2, 2]
    assert af.dst.tolist() == [1, 2, 0, 2]
    assert af.attackers(2).tolist() == [1, 2]
    assert af.attacked_by(2).tolist() == [0, 2]
    assert af.out_indptr.tolist() == [0, 1, 2, 4]
    assert af.in_indptr.tolist() == [0, 1, 2, 4]
    assert af.self_attacking().tolist() == [False, False, True]
    assert af.has_attack("c", "a")
    assert not af.has_attack("a", "c")
    assert not af.src.flags.writeable


@given(small_frameworks(max_n=12))
def test_csr_agrees_with_the_attack_list(case: tuple[int, Pairs]) -> None:
    n, attacks = case
    af = make_af(n, attacks)
    for i in range(n):
        assert af.attackers(i).tolist() == sorted({a for a, b in attacks if b == i})
        assert af.attacked_by(i).tolist() == sorted({b for a, b in attacks if a == i})
    assert af.in_degree.tolist() == [len({a for a, b in attacks if b == i}) for i in range(n)]


def test_from_pairs_names_and_errors() -> None:
    af = ArgumentationFramework.from_pairs(["p", "q", "r"], [("q", "p")])
    assert list(af.names) == ["p", "q", "r"]
    assert list(af.attack_pairs()) == [("q", "p")]
    derived = ArgumentationFramework.from_pairs(None, [("y", "x"), ("x", "z")])
    assert list(derived.names) == ["y", "x", "z"]
    with pytest.raises(BadInputError, match="unknown argument 'zz'"):
        ArgumentationFramework.from_pairs(["p"], [("p", "zz")])
    with pytest.raises(BadInputError, match="'p' is used twice"):
        ArgumentationFramework(["p", "q", "p"])
    with pytest.raises(BadInputError, match="out of range"):
        ArgumentationFramework(2, [0], [2])
    with pytest.raises(BadInputError, match="unknown argument 's'"):
        af.index("s")


def test_numbered_names_behave_like_a_list_of_strings() -> None:
    af = ArgumentationFramework(5, [0], [4])
    assert isinstance(af.names, NumberedNames)
    assert list(af.names) == ["1", "2", "3", "4", "5"]
    assert af.index("5") == 4
    assert "6" not in af
    assert "05" not in af
    assert "0" not in af
    assert af == ArgumentationFramework(["1", "2", "3", "4", "5"], [0], [4])
    assert af != ArgumentationFramework(["a", "2", "3", "4", "5"], [0], [4])
    assert af != ArgumentationFramework(5, [4], [0])
    with pytest.raises(BadInputError, match=r"named 1\.\.5"):
        af.index("x")


# ------------------------------------------------------------------------------ oracle tests
@settings(max_examples=300, deadline=None)
@given(small_frameworks())
def test_labellings_match_the_oracle(case: tuple[int, Pairs]) -> None:
    n, attacks = case
    af = make_af(n, attacks)
    oracle = Oracle(n, attacks)
    grounded = grounded_labelling(af)
    assert {in_set(grounded)} == oracle.extensions("grounded")
    assert is_complete_labelling(af, grounded)
    for semantics, fn in (
        ("complete", complete_labellings),
        ("preferred", preferred_labellings),
        ("stable", stable_labellings),
    ):
        labs = fn(af)
        got = [in_set(lab) for lab in labs]
        assert len(got) == len(set(got)), f"{semantics}: duplicates"
        assert set(got) == oracle.extensions(semantics), semantics
        for lab in labs:
            assert is_complete_labelling(af, lab)
            assert np.array_equal(lab, labelling_from_extension(af, extension(af, lab)))
    for lab in stable_labellings(af):
        assert is_stable_labelling(af, lab)


@settings(max_examples=200, deadline=None)
@given(small_frameworks(max_n=7), st.sampled_from(SEMANTICS))
def test_iccma_tasks_match_the_oracle(case: tuple[int, Pairs], semantics: str) -> None:
    n, attacks = case
    af = make_af(n, attacks)
    exts = Oracle(n, attacks).extensions(semantics)

    se = solve(af, "SE", semantics)
    if exts:
        assert len(se.extensions) == 1
        assert names_to_idx(se.extensions[0]) in exts
    else:
        assert se.extensions == ()
        assert se.labellings == ()

    ee = solve(af, "EE", semantics)
    assert {names_to_idx(e) for e in ee.extensions} == exts
    assert len(ee.extensions) == len(exts)

    for x in range(n):
        dc = solve(af, "DC", semantics, str(x + 1))
        assert dc.accepted == any(x in e for e in exts)
        if dc.accepted:  # the witness is an extension containing x
            assert x in names_to_idx(dc.extensions[0])
            assert names_to_idx(dc.extensions[0]) in exts
        ds = solve(af, "DS", semantics, str(x + 1))
        assert ds.accepted == all(x in e for e in exts)
        if not ds.accepted:  # the counterexample is an extension without x
            assert x not in names_to_idx(ds.extensions[0])
            assert names_to_idx(ds.extensions[0]) in exts


# ------------------------------------------------------------------------------ classics
def classic(attacks: list[str], names: str) -> ArgumentationFramework:
    return ArgumentationFramework.from_pairs(list(names), [(p[0], p[1]) for p in attacks])


def exts(af: ArgumentationFramework, semantics: str) -> list[str]:
    return sorted("".join(sorted(e)) for e in solve(af, "EE", semantics).extensions)


def test_odd_cycle_of_three() -> None:
    af = classic(["ab", "bc", "ca"], "abc")
    assert labelling_to_dict(af, grounded_labelling(af)) == {
        "a": "undec",
        "b": "undec",
        "c": "undec",
    }
    assert exts(af, "complete") == [""]
    assert exts(af, "preferred") == [""]
    assert exts(af, "stable") == []
    assert solve(af, "SE", "stable").extensions == ()
    assert solve(af, "DS", "stable", "a").accepted is True  # vacuous: no stable extension
    assert solve(af, "DC", "stable", "a").accepted is False
    assert solve(af, "DC", "preferred", "a").accepted is False


def test_even_cycle_of_two() -> None:
    af = classic(["ab", "ba"], "ab")
    assert exts(af, "grounded") == [""]
    assert exts(af, "complete") == ["", "a", "b"]
    assert exts(af, "preferred") == exts(af, "stable") == ["a", "b"]
    for sem in ("preferred", "stable", "complete"):
        assert solve(af, "DC", sem, "a").accepted is True
        assert solve(af, "DS", sem, "a").accepted is False


def test_self_attack() -> None:
    af = classic(["aa", "ab"], "abc")
    assert labelling_to_dict(af, grounded_labelling(af)) == {"a": "undec", "b": "undec", "c": "in"}
    assert exts(af, "preferred") == ["c"]
    assert exts(af, "stable") == []
    assert solve(af, "DS", "preferred", "c").accepted is True
    assert solve(af, "DC", "complete", "a").accepted is False


def test_floating_defeat_and_floating_reinstatement() -> None:
    # a and b attack each other and both attack c; c attacks d.
    af = classic(["ab", "ba", "ac", "bc", "cd"], "abcd")
    grounded = labelling_to_dict(af, grounded_labelling(af))
    assert grounded == {"a": "undec", "b": "undec", "c": "undec", "d": "undec"}
    assert exts(af, "preferred") == exts(af, "stable") == ["ad", "bd"]
    # c is out in every preferred labelling (floating defeat), d is reinstated
    for lab in preferred_labellings(af):
        assert lab[af.index("c")] == OUT
        assert lab[af.index("d")] == IN
    assert solve(af, "DS", "preferred", "d").accepted is True
    assert solve(af, "DS", "grounded", "d").accepted is False
    assert solve(af, "DS", "complete", "d").accepted is False


def test_reinstatement_chain() -> None:
    af = classic(["ba", "cb"], "abc")
    lab = grounded_labelling(af)
    assert labelling_to_dict(af, lab) == {"a": "in", "b": "out", "c": "in"}
    for sem in SEMANTICS:
        assert exts(af, sem) == ["ac"]
        assert solve(af, "DS", sem, "a").accepted is True
        assert solve(af, "DC", sem, "b").accepted is False


def test_empty_framework() -> None:
    af = ArgumentationFramework([])
    assert grounded_labelling(af).size == 0
    for sem in SEMANTICS:
        assert exts(af, sem) == [""]


# ------------------------------------------------------------------------------ grounded at scale
def reference_grounded(af: ArgumentationFramework) -> np.ndarray:
    """A plain queue implementation, independent of the vectorised one."""
    n = af.num_arguments
    attackers: list[list[int]] = [[] for _ in range(n)]
    targets: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(af.src.tolist(), af.dst.tolist(), strict=True):
        attackers[b].append(a)
        targets[a].append(b)
    live = [len(x) for x in attackers]
    lab = [int(UNDEC)] * n
    queue = [i for i in range(n) if live[i] == 0]
    while queue:
        v = queue.pop()
        lab[v] = int(IN)
        for t in targets[v]:
            if lab[t] == UNDEC:
                lab[t] = int(OUT)
                for u in targets[t]:
                    live[u] -= 1
                    if live[u] == 0:
                        queue.append(u)
    return np.array(lab, dtype=np.int8)


@pytest.mark.parametrize("n", [500, 5000])
@pytest.mark.parametrize("acyclic", [False, True])
def test_grounded_on_random_frameworks_matches_reference(n: int, acyclic: bool) -> None:
    rng = np.random.default_rng(n)
    src, dst = rng.integers(0, n, 3 * n), rng.integers(0, n, 3 * n)
    if acyclic:
        src, dst = np.maximum(src, dst), np.minimum(src, dst)
        keep = src != dst
        src, dst = src[keep], dst[keep]
    af = ArgumentationFramework(n, src, dst)
    expected = reference_grounded(af)
    for small, large in ((24, 512), (0, 0), (10**9, 10**9), (4, 8)):
        stats: dict[str, int] = {}
        got = grounded_labelling(af, small_frontier=small, large_frontier=large, stats=stats)
        assert np.array_equal(got, expected), (small, large)
        if small == 0:
            assert stats["scalar_steps"] == 0
        if small == 10**9:
            assert stats["rounds"] == 0
    assert is_complete_labelling(af, expected)


def test_grounded_long_chain_uses_both_modes_and_alternates() -> None:
    n = 20_000
    # a fan of 200 unattacked arguments feeds a chain: wide frontier, then a thin one
    chain_src = np.arange(1, n)
    chain_dst = np.arange(0, n - 1)
    af = ArgumentationFramework(n, chain_src, chain_dst)
    stats: dict[str, int] = {}
    lab = grounded_labelling(af, stats=stats)
    # the last argument is unattacked: IN, OUT, IN, ... counting down from n-1
    expected = np.where((n - 1 - np.arange(n)) % 2 == 0, IN, OUT).astype(np.int8)
    assert np.array_equal(lab, expected)
    assert stats["scalar_steps"] == n // 2
    wide = ArgumentationFramework(
        n + 1000,
        np.concatenate([chain_src, np.full(1000, 0)]),
        np.concatenate([chain_dst, np.arange(n, n + 1000)]),
    )
    stats = {}
    lab = grounded_labelling(wide, stats=stats)
    assert np.array_equal(lab, reference_grounded(wide))
    assert stats["rounds"] > 0
    assert stats["scalar_steps"] > 0


@settings(max_examples=40, deadline=None)
@given(st.integers(12, 40), st.integers(0, 2**32 - 1))
def test_medium_preferred_labellings_are_complete_and_incomparable(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = int(rng.integers(n, 3 * n))
    af = ArgumentationFramework(n, rng.integers(0, n, m), rng.integers(0, n, m))
    prefs = preferred_labellings(af)
    assert prefs
    sets = [in_set(lab) for lab in prefs]
    for lab in prefs:
        assert is_complete_labelling(af, lab)
    for s, t in combinations(sets, 2):
        assert not s <= t
        assert not t <= s
    some = solve(af, "SE", "preferred").extensions[0]
    assert names_to_idx(some) in sets
    grounded = in_set(grounded_labelling(af))
    assert all(grounded <= s for s in sets)
    stable = {in_set(lab) for lab in stable_labellings(af)}
    assert stable <= set(sets)


def test_unknown_task_semantics_and_missing_argument() -> None:
    af = classic(["ab"], "ab")
    assert normalize_semantics("GR") == "grounded"
    with pytest.raises(BadInputError, match="unknown semantics 'ideal'"):
        solve(af, "SE", "ideal")
    with pytest.raises(BadInputError, match="unknown task 'CE'"):
        solve(af, "CE", "stable")
    with pytest.raises(BadInputError, match="needs an argument"):
        solve(af, "DC", "stable")
    with pytest.raises(BadInputError, match="unknown argument 'z'"):
        solve(af, "DS", "stable", "z")
