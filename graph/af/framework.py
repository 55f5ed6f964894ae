"""Abstract argumentation frameworks as arrays.

An abstract argumentation framework (Dung, 1995) is a set of arguments and an
*attack* relation between them. :class:`ArgumentationFramework` keeps the
arguments as a sequence of names and the attacks as two integer arrays
``src`` and ``dst`` (0-based argument indices), sorted by ``(src, dst)`` and
without duplicates. Both adjacency directions are available in compressed
sparse row (CSR) form, built with :func:`numpy.sort` and :func:`numpy.bincount`;
there is no Python object per argument or per attack, so a framework of
10^6 arguments and 4*10^6 attacks takes a few tens of megabytes and builds in
well under a second.

The semantics (grounded, complete, preferred, stable labellings and the
ICCMA tasks) live in :mod:`toulmin.graph.af.semantics`; the ICCMA file formats
(apx, tgf, i23) in :mod:`toulmin.graph.af.iccma`.

Examples
--------
>>> af = ArgumentationFramework.from_pairs(["a", "b", "c"], [("b", "a"), ("c", "b")])
>>> af
ArgumentationFramework(3 arguments, 2 attacks)
>>> [af.names[i] for i in af.attackers(af.index("a"))]
['b']
>>> sorted(af.attack_pairs())
[('b', 'a'), ('c', 'b')]

Frameworks read from an ICCMA 2023 file have the names ``"1"`` .. ``"N"``,
which are not stored one by one:

>>> big = ArgumentationFramework(3, [0, 1], [1, 2])
>>> list(big.names), big.index("3")
(['1', '2', '3'], 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from toulmin.errors import BadInputError

__all__ = [
    "ArgumentationFramework",
    "NumberedNames",
]

IndexArray = NDArray[np.integer[Any]]


class NumberedNames(Sequence[str]):
    """The names ``"1"``, ``"2"``, ..., ``"n"`` without storing them.

    ICCMA 2023 files number their arguments 1..N; a framework read from one
    uses this sequence, so that 10^6 arguments cost no memory for names.

    Parameters
    ----------
    n : int
        Number of arguments.

    Examples
    --------
    >>> names = NumberedNames(4)
    >>> len(names), names[0], names[-1], list(names[1:3])
    (4, '1', '4', ['2', '3'])
    >>> names.index("3")
    2
    >>> "5" in names, "03" in names
    (False, False)
    """

    __slots__ = ("_n",)

    def __init__(self, n: int) -> None:
        if n < 0:
            raise ValueError(f"number of arguments must be >= 0, not {n}")
        self._n = int(n)

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [str(k + 1) for k in range(*i.indices(self._n))]
        k = int(i)
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(f"argument index {i} out of range for {self._n} arguments")
        return str(k + 1)

    def __iter__(self) -> Iterator[str]:
        return (str(k) for k in range(1, self._n + 1))

    def position(self, name: str) -> int | None:
        """Return the 0-based index of ``name``, or ``None`` if it is not a name here."""
        if not (name.isascii() and name.isdigit()) or name.startswith("0"):
            return None
        k = int(name)
        return k - 1 if 1 <= k <= self._n else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.position(name) is not None

    def index(self, name: Any, start: int = 0, stop: int | None = None) -> int:
        """Return the 0-based index of ``name`` (like :meth:`list.index`)."""
        k = self.position(name) if isinstance(name, str) else None
        hi = self._n if stop is None else stop
        if k is None or not start <= k < hi:
            raise ValueError(f"{name!r} is not an argument name")
        return k

    def __repr__(self) -> str:
        return f"NumberedNames({self._n})"


def _index_dtype(n: int) -> type[np.signedinteger[Any]]:
    return np.int32 if n < 2**31 - 1 else np.int64


class ArgumentationFramework:
    """An abstract argumentation framework with array storage.

    Parameters
    ----------
    names : sequence of str or int
        The argument names, in index order, all different; or a number ``n``
        for the names ``"1"`` .. ``"n"`` (ICCMA numbering, see :class:`NumberedNames`).
    src, dst : array_like of int, optional
        0-based indices of attackers and attacked arguments, of equal length.
        Duplicates are dropped and the attacks sorted by ``(src, dst)``.

    Attributes
    ----------
    names : Sequence[str]
        The argument names; ``names[i]`` is argument ``i``.
    src, dst : numpy.ndarray
        The attacks, ``src[k]`` attacks ``dst[k]``; read-only, sorted by
        ``(src, dst)``, no duplicates. dtype ``int32`` (``int64`` beyond 2^31 arguments).

    Raises
    ------
    BadInputError
        If names repeat, the arrays differ in length or an index is out of range.

    Notes
    -----
    The object is immutable: the arrays are flagged read-only and the derived
    CSR arrays are computed once, on first use.

    ``out_indptr`` / ``dst`` is the attacked-by CSR (the targets of argument
    ``i`` are ``dst[out_indptr[i]:out_indptr[i+1]]``), obtained for free from the
    sort; ``in_indptr`` / ``in_src`` is the attackers-of CSR, from a second sort.

    Examples
    --------
    >>> af = ArgumentationFramework(["a", "b"], [1, 0, 1], [0, 1, 0])
    >>> af.num_arguments, af.num_attacks
    (2, 2)
    >>> af.src.tolist(), af.dst.tolist()
    ([0, 1], [1, 0])
    >>> af.has_attack("b", "a")
    True
    """

    __slots__ = (
        "_in_indptr",
        "_in_src",
        "_index",
        "_names",
        "_out_indptr",
        "dst",
        "src",
    )

    def __init__(
        self,
        names: Sequence[str] | int,
        src: ArrayLike | None = None,
        dst: ArrayLike | None = None,
    ) -> None:
        if isinstance(names, (int, np.integer)):
            self._names: Sequence[str] = NumberedNames(int(names))
        elif isinstance(names, NumberedNames):
            self._names = names
        else:
            self._names = [str(x) for x in names]
        n = len(self._names)
        self._index: dict[str, int] | None = None
        if not isinstance(self._names, NumberedNames):
            index = {name: i for i, name in enumerate(self._names)}
            if len(index) != n:
                seen: set[str] = set()
                for name in self._names:
                    if name in seen:
                        raise BadInputError(
                            f"argument name {name!r} is used twice; names must be unique"
                        )
                    seen.add(name)
            self._index = index
        dtype = _index_dtype(n)
        s = np.asarray([] if src is None else src)
        d = np.asarray([] if dst is None else dst)
        if s.ndim != 1 or d.ndim != 1 or s.shape != d.shape:
            raise BadInputError(
                f"src and dst must be 1-d arrays of one length, got shapes {s.shape}, {d.shape}"
            )
        if s.size and not (
            np.issubdtype(s.dtype, np.integer) and np.issubdtype(d.dtype, np.integer)
        ):
            raise BadInputError(f"attack indices must be integers, got {s.dtype} and {d.dtype}")
        if s.size:
            lo = min(int(s.min()), int(d.min()))
            hi = max(int(s.max()), int(d.max()))
            if lo < 0 or hi >= n:
                raise BadInputError(
                    f"attack index out of range: indices must be in 0..{n - 1}, got {lo}..{hi}"
                )
        key = s.astype(np.int64) * max(n, 1) + d
        if key.size > 1 and not bool(np.all(key[1:] > key[:-1])):
            key = np.sort(key)
            key = key[np.concatenate(([True], key[1:] != key[:-1]))]
            s = key // max(n, 1)
            d = key - s * max(n, 1)
        # (already strictly increasing: sorted and duplicate-free as given)
        self.src: NDArray[np.signedinteger[Any]] = s.astype(dtype)
        self.dst: NDArray[np.signedinteger[Any]] = d.astype(dtype)
        self.src.setflags(write=False)
        self.dst.setflags(write=False)
        self._out_indptr: NDArray[np.int64] | None = None
        self._in_indptr: NDArray[np.int64] | None = None
        self._in_src: NDArray[np.signedinteger[Any]] | None = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_pairs(
        cls,
        names: Iterable[str] | None,
        attacks: Iterable[tuple[str, str]],
    ) -> ArgumentationFramework:
        """Build a framework from argument names and (attacker, attacked) name pairs.

        Parameters
        ----------
        names : iterable of str or None
            The arguments in index order. ``None`` takes them from ``attacks``
            in order of first appearance (so unattacking, unattacked arguments
            cannot appear).
        attacks : iterable of (str, str)
            ``(a, b)`` means ``a`` attacks ``b``.

        Raises
        ------
        BadInputError
            If an attack names an argument that is not in ``names``.

        Examples
        --------
        >>> af = ArgumentationFramework.from_pairs(None, [("x", "y"), ("y", "y")])
        >>> list(af.names), af.num_attacks
        (['x', 'y'], 2)
        >>> ArgumentationFramework.from_pairs(["x"], [("x", "z")])
        Traceback (most recent call last):
        ...
        toulmin.errors.BadInputError: attack ('x', 'z') names unknown argument 'z'
        """
        pairs = [(str(a), str(b)) for a, b in attacks]
        if names is None:
            order: dict[str, int] = {}
            for a, b in pairs:
                order.setdefault(a, len(order))
                order.setdefault(b, len(order))
            af = cls(list(order))
        else:
            af = cls(list(names))
        if not pairs:
            return af
        src = np.empty(len(pairs), dtype=np.int64)
        dst = np.empty(len(pairs), dtype=np.int64)
        for k, (a, b) in enumerate(pairs):
            for name in (a, b):
                if name not in af:
                    raise BadInputError(f"attack {(a, b)!r} names unknown argument {name!r}")
            src[k] = af.index(a)
            dst[k] = af.index(b)
        return cls(af._names, src, dst)

    # ------------------------------------------------------------------ basic facts
    @property
    def names(self) -> Sequence[str]:
        """The argument names in index order."""
        return self._names

    @property
    def num_arguments(self) -> int:
        """Number of arguments."""
        return len(self._names)

    @property
    def num_attacks(self) -> int:
        """Number of (distinct) attacks."""
        return int(self.src.size)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if self._index is None:
            return name in self._names
        return name in self._index

    def index(self, name: str) -> int:
        """Return the 0-based index of the argument called ``name``.

        Raises
        ------
        BadInputError
            If there is no such argument.

        Examples
        --------
        >>> ArgumentationFramework(["p", "q"]).index("q")
        1
        """
        if self._index is not None:
            k = self._index.get(name)
        else:
            assert isinstance(self._names, NumberedNames)
            k = self._names.position(name)
        if k is None:
            raise BadInputError(
                f"unknown argument {name!r}; the framework has {len(self)} arguments"
                + (f" named 1..{len(self)}" if isinstance(self._names, NumberedNames) else "")
            )
        return k

    def indices(self, names: Iterable[str]) -> NDArray[np.int64]:
        """Return the indices of several arguments as an array (see :meth:`index`)."""
        return np.fromiter((self.index(x) for x in names), dtype=np.int64)

    def attack_pairs(self) -> Iterator[tuple[str, str]]:
        """Yield the attacks as ``(attacker, attacked)`` name pairs, sorted by index."""
        names = self._names
        for a, b in zip(self.src.tolist(), self.dst.tolist(), strict=True):
            yield names[a], names[b]

    def has_attack(self, a: str, b: str) -> bool:
        """Return whether argument ``a`` attacks argument ``b`` (binary search)."""
        i, j = self.index(a), self.index(b)
        lo, hi = int(self.out_indptr[i]), int(self.out_indptr[i + 1])
        k = lo + int(np.searchsorted(self.dst[lo:hi], j))
        return k < hi and int(self.dst[k]) == j

    # ------------------------------------------------------------------ CSR adjacency
    @property
    def out_indptr(self) -> NDArray[np.int64]:
        """CSR row pointers of the attacked-by relation (length ``n + 1``).

        The arguments attacked by ``i`` are ``dst[out_indptr[i]:out_indptr[i + 1]]``.
        """
        if self._out_indptr is None:
            ptr = np.zeros(len(self) + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.src, minlength=len(self)), out=ptr[1:])
            ptr.setflags(write=False)
            self._out_indptr = ptr
        return self._out_indptr

    @property
    def in_indptr(self) -> NDArray[np.int64]:
        """CSR row pointers of the attackers-of relation (length ``n + 1``).

        The attackers of ``i`` are ``in_src[in_indptr[i]:in_indptr[i + 1]]``.
        """
        if self._in_indptr is None:
            self._build_in()
        assert self._in_indptr is not None
        return self._in_indptr

    @property
    def in_src(self) -> NDArray[np.signedinteger[Any]]:
        """Attackers grouped by the attacked argument (see :attr:`in_indptr`)."""
        if self._in_src is None:
            self._build_in()
        assert self._in_src is not None
        return self._in_src

    def _build_in(self) -> None:
        n = max(len(self), 1)
        key = np.sort(self.dst.astype(np.int64) * n + self.src)
        in_src = (key % n).astype(self.src.dtype)
        ptr = np.zeros(len(self) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.dst, minlength=len(self)), out=ptr[1:])
        in_src.setflags(write=False)
        ptr.setflags(write=False)
        self._in_src, self._in_indptr = in_src, ptr

    @property
    def in_degree(self) -> NDArray[np.int64]:
        """Number of attackers of each argument."""
        return np.bincount(self.dst, minlength=len(self)).astype(np.int64)

    @property
    def out_degree(self) -> NDArray[np.int64]:
        """Number of arguments each argument attacks."""
        return np.diff(self.out_indptr)

    def attackers(self, i: int) -> NDArray[np.signedinteger[Any]]:
        """Indices of the attackers of argument ``i`` (ascending)."""
        return self.in_src[self.in_indptr[i] : self.in_indptr[i + 1]]

    def attacked_by(self, i: int) -> NDArray[np.signedinteger[Any]]:
        """Indices of the arguments that argument ``i`` attacks (ascending)."""
        return self.dst[self.out_indptr[i] : self.out_indptr[i + 1]]

    def self_attacking(self) -> NDArray[np.bool_]:
        """Boolean mask of the arguments that attack themselves.

        Examples
        --------
        >>> ArgumentationFramework(3, [0, 1], [1, 1]).self_attacking().tolist()
        [False, True, False]
        """
        mask = np.zeros(len(self), dtype=bool)
        mask[self.src[self.src == self.dst]] = True
        return mask

    # ------------------------------------------------------------------ derived frameworks
    def renamed(self, names: Sequence[str] | None = None) -> ArgumentationFramework:
        """The same attacks under other names (``None``: ``"1"`` .. ``"n"``).

        Examples
        --------
        >>> ArgumentationFramework(["a", "b"], [0], [1]).renamed().has_attack("1", "2")
        True
        """
        new = names if names is not None else len(self)
        if names is not None and len(names) != len(self):
            raise BadInputError(f"need {len(self)} names, got {len(names)}")
        return ArgumentationFramework(new, self.src, self.dst)

    # ------------------------------------------------------------------ comparison
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentationFramework):
            return NotImplemented
        if len(self) != len(other) or self.num_attacks != other.num_attacks:
            return False
        same_names = (
            isinstance(self._names, NumberedNames) and isinstance(other._names, NumberedNames)
        ) or list(self._names) == list(other._names)
        return (
            same_names
            and bool(np.array_equal(self.src, other.src))
            and bool(np.array_equal(self.dst, other.dst))
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ArgumentationFramework({len(self)} arguments, {self.num_attacks} attacks)"
