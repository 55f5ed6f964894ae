r"""Read and write abstract argumentation frameworks in the ICCMA file formats.

Three formats, chosen by file extension or named explicitly:

``apx`` (``.apx``)
    One statement per line: ``arg(a).`` declares an argument, ``att(a,b).``
    says ``a`` attacks ``b``. Blank lines and ``%`` comment lines are allowed.
``tgf`` (``.tgf``, Trivial Graph Format)
    One argument name per line, a line ``#``, then one ``a b`` attack per line.
``i23`` (``.i23``, ``.af``; the ICCMA 2023 format)
    A header ``p af N``, then one ``i j`` attack per line over the arguments
    ``1`` .. ``N``; lines starting with ``#`` are comments, anywhere.

A malformed file raises :class:`~toulmin.errors.ICCMAFormatError` with the
file name, the 1-based line number and what is wrong. Big i23 files take a
vectorised path (numpy over the raw bytes) when their body is in canonical
form (``i j`` with one space, ``\n`` or ``\r\n`` line ends, comment lines
starting with ``#`` in the first column);
anything else, and any error, goes through the line-by-line parser, which
reports the exact line.

Examples
--------
>>> af = loads("p af 3\n# c\n1 2\n2 3\n", "i23")
>>> af, sorted(af.attack_pairs())
(ArgumentationFramework(3 arguments, 2 attacks), [('1', '2'), ('2', '3')])
>>> print(dumps(af, "apx"), end="")
arg(1).
arg(2).
arg(3).
att(1,2).
att(2,3).
>>> loads("p af 2\n1 3\n", "i23", file="x.i23")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
toulmin.errors.ICCMAFormatError: x.i23:2: argument 3 out of range: the header declares ...
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from toulmin.errors import BadInputError, ICCMAFormatError
from toulmin.graph.af.framework import ArgumentationFramework
from toulmin.graph.af.semantics import IN, SolveResult

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "detect_format",
    "dump",
    "dumps",
    "format_result",
    "load",
    "loads",
]

#: File extension -> format name.
EXTENSIONS: dict[str, str] = {".apx": "apx", ".tgf": "tgf", ".i23": "i23", ".af": "i23"}

_APX_NAME = r"[^\s,()]+"
_APX_ARG = re.compile(rf"arg\(\s*({_APX_NAME})\s*\)\s*\.")
_APX_ATT = re.compile(rf"att\(\s*({_APX_NAME})\s*,\s*({_APX_NAME})\s*\)\s*\.")
_APX_NAME_OK = re.compile(rf"{_APX_NAME}\Z")
_COMMENT_LINE = re.compile(rb"^#[^\n]*(?:\n|\Z)", re.MULTILINE)
#: Above this many bytes of body an i23 file tries the vectorised path first.
FAST_I23_BYTES = 1 << 16


def detect_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Return the format of ``path``: ``fmt`` if given, else from the file extension.

    Examples
    --------
    >>> detect_format("a/b.APX"), detect_format("x.af"), detect_format("x.txt", "tgf")
    ('apx', 'i23', 'tgf')
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise BadInputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise BadInputError(
            f"{os.fspath(path)}: cannot tell the format from the extension {suffix!r}; "
            f"use one of {', '.join(EXTENSIONS)} or give the format explicitly "
            f"({', '.join(FORMATS)})"
        )
    return EXTENSIONS[suffix]


# ============================================================================ parsing helpers
def _lines(text: str) -> list[str]:
    r"""Split on ``\n`` only (not on the other characters :meth:`str.splitlines` knows)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ICCMAFormatError(file, line, "not UTF-8 text") from None


def _positive_int(token: str) -> int | None:
    return int(token) if token.isascii() and token.isdigit() else None


# ============================================================================ apx
def _parse_apx(text: str, file: str) -> ArgumentationFramework:
    names: list[str] = []
    declared: dict[str, int] = {}  # name -> line
    attacks: list[tuple[str, str, int]] = []
    for lineno, raw in enumerate(_lines(text), 1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        m = _APX_ARG.match(line)
        if m:
            if m.end() != len(line):
                raise ICCMAFormatError(
                    file, lineno, f"unexpected text after the statement: {line[m.end() :]!r}"
                )
            name = m.group(1)
            if name in declared:
                raise ICCMAFormatError(
                    file,
                    lineno,
                    f"argument {name!r} declared twice (first on line {declared[name]})",
                )
            declared[name] = lineno
            names.append(name)
            continue
        m = _APX_ATT.match(line)
        if m:
            if m.end() != len(line):
                raise ICCMAFormatError(
                    file, lineno, f"unexpected text after the statement: {line[m.end() :]!r}"
                )
            attacks.append((m.group(1), m.group(2), lineno))
            continue
        raise ICCMAFormatError(
            file, lineno, f"expected 'arg(NAME).' or 'att(NAME,NAME).', got {line!r}"
        )
    index = {name: i for i, name in enumerate(names)}
    src = np.empty(len(attacks), dtype=np.int64)
    dst = np.empty(len(attacks), dtype=np.int64)
    for k, (a, b, lineno) in enumerate(attacks):
        for name in (a, b):
            if name not in index:
                raise ICCMAFormatError(
                    file, lineno, f"unknown argument {name!r}: declare it with 'arg({name}).'"
                )
        src[k], dst[k] = index[a], index[b]
    return ArgumentationFramework(names, src, dst)


def _dump_apx(af: ArgumentationFramework) -> str:
    for name in af.names:
        if not _APX_NAME_OK.match(name):
            raise BadInputError(
                f"argument name {name!r} cannot be written in apx "
                "(no whitespace, commas or parentheses)"
            )
    parts = [f"arg({name}).\n" for name in af.names]
    parts += [f"att({a},{b}).\n" for a, b in af.attack_pairs()]
    return "".join(parts)


# ============================================================================ tgf
def _parse_tgf(text: str, file: str) -> ArgumentationFramework:
    names: list[str] = []
    declared: dict[str, int] = {}
    attacks: list[tuple[str, str, int]] = []
    in_edges = False
    for lineno, raw in enumerate(_lines(text), 1):
        tokens = raw.split()
        if not tokens:
            continue
        if not in_edges:
            if tokens[0] == "#":
                if len(tokens) != 1:
                    raise ICCMAFormatError(
                        file, lineno, f"unexpected text after '#': {' '.join(tokens[1:])!r}"
                    )
                in_edges = True
                continue
            if len(tokens) != 1:
                raise ICCMAFormatError(
                    file,
                    lineno,
                    f"expected one argument name, got {raw.strip()!r} "
                    "(attacks go after a line '#')",
                )
            name = tokens[0]
            if name in declared:
                raise ICCMAFormatError(
                    file,
                    lineno,
                    f"argument {name!r} declared twice (first on line {declared[name]})",
                )
            declared[name] = lineno
            names.append(name)
        else:
            if tokens[0] == "#":
                raise ICCMAFormatError(file, lineno, "second '#' separator line")
            if len(tokens) != 2:
                raise ICCMAFormatError(
                    file, lineno, f"expected an attack 'ATTACKER ATTACKED', got {raw.strip()!r}"
                )
            attacks.append((tokens[0], tokens[1], lineno))
    index = {name: i for i, name in enumerate(names)}
    src = np.empty(len(attacks), dtype=np.int64)
    dst = np.empty(len(attacks), dtype=np.int64)
    for k, (a, b, lineno) in enumerate(attacks):
        for name in (a, b):
            if name not in index:
                raise ICCMAFormatError(
                    file, lineno, f"unknown argument {name!r}: list it before the '#' line"
                )
        src[k], dst[k] = index[a], index[b]
    return ArgumentationFramework(names, src, dst)


def _dump_tgf(af: ArgumentationFramework) -> str:
    for name in af.names:
        if not name or name == "#" or any(c.isspace() for c in name):
            raise BadInputError(
                f"argument name {name!r} cannot be written in tgf (no whitespace, not '#')"
            )
    parts = [f"{name}\n" for name in af.names]
    parts.append("#\n")
    parts += [f"{a} {b}\n" for a, b in af.attack_pairs()]
    return "".join(parts)


# ============================================================================ i23
def _parse_i23_header(line: str, file: str, lineno: int) -> int:
    tokens = line.split()
    if len(tokens) < 2 or tokens[0] != "p" or tokens[1] != "af":
        raise ICCMAFormatError(file, lineno, f"bad header {line.strip()!r}: expected 'p af N'")
    if len(tokens) != 3:
        raise ICCMAFormatError(
            file, lineno, f"bad header {line.strip()!r}: expected 'p af N' with one number N"
        )
    n = _positive_int(tokens[2])
    if n is None:
        raise ICCMAFormatError(
            file, lineno, f"bad header {line.strip()!r}: N must be a non-negative integer"
        )
    return n


def _parse_i23(text: str, file: str) -> ArgumentationFramework:
    """Line-by-line i23 parser: the reference, and the one that locates errors."""
    n: int | None = None
    header_line = 0
    src: list[int] = []
    dst: list[int] = []
    lines = _lines(text)
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("p"):
            if n is not None:
                raise ICCMAFormatError(
                    file, lineno, f"second header line (the header is on line {header_line})"
                )
            n = _parse_i23_header(line, file, lineno)
            header_line = lineno
            continue
        if n is None:
            raise ICCMAFormatError(
                file, lineno, f"expected the header 'p af N' before any attack, got {line!r}"
            )
        tokens = line.split()
        if len(tokens) != 2:
            what = "trailing text" if len(tokens) > 2 else "a single number"
            raise ICCMAFormatError(
                file, lineno, f"expected an attack 'i j' (two numbers), got {what}: {line!r}"
            )
        pair = []
        for tok in tokens:
            v = _positive_int(tok)
            if v is None:
                raise ICCMAFormatError(
                    file, lineno, f"{tok!r} is not an argument number (a positive integer)"
                )
            if not 1 <= v <= n:
                raise ICCMAFormatError(
                    file,
                    lineno,
                    f"argument {v} out of range: the header declares arguments 1..{n}",
                )
            pair.append(v - 1)
        src.append(pair[0])
        dst.append(pair[1])
    if n is None:
        raise ICCMAFormatError(file, max(1, len(lines)), "no header 'p af N' in the file")
    return ArgumentationFramework(
        n, np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    )


def _fast_i23_body(body: bytes, n: int) -> tuple[NDArray[np.int64], NDArray[np.int64]] | None:
    r"""Vectorised parse of a canonical i23 body; ``None`` when it is not canonical or not valid.

    Canonical: every line is ``digits SPACE digits`` followed by ``\n``, or a
    comment line starting with ``#`` (removed first). Checks
    run on whole buffers (a byte translation, separator positions with numpy),
    then :func:`numpy.fromstring` reads the numbers and the ranges are
    checked at once. Any doubt returns ``None`` and the caller falls back to
    the line parser, which finds and reports the offending line.
    """
    if b"\r" in body:
        body = body.replace(b"\r\n", b"\n")
    if b"#" in body:
        body = _COMMENT_LINE.sub(b"", body)
    if body.translate(None, b"0123456789 \n"):
        return None  # comments, tabs, signs, letters, lone CR: the line parser decides
    if not body:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    if not body.endswith(b"\n"):
        body += b"\n"
    arr = np.frombuffer(body, dtype=np.uint8)
    nl = np.flatnonzero(arr == 10)
    sp = np.flatnonzero(arr == 32)
    if nl.size != sp.size:
        return None
    starts = np.empty_like(nl)
    starts[0] = 0
    starts[1:] = nl[:-1] + 1
    # exactly one space strictly inside each line, so two non-empty digit runs per line
    if not (bool(np.all(sp > starts)) and bool(np.all(sp + 1 < nl))):
        return None
    if int((sp - starts).max()) > 18 or int((nl - sp - 1).max()) > 18:
        return None  # would overflow int64; certainly out of range anyway
    values = np.fromstring(body, dtype=np.int64, sep=" ")
    if values.size != 2 * nl.size:
        return None
    if values.size and (int(values.min()) < 1 or int(values.max()) > n):
        return None
    values -= 1
    return values[0::2], values[1::2]


def _load_i23_bytes(data: bytes, file: str) -> ArgumentationFramework:
    # find the header with the line parser's rules, then try the fast path on the rest
    pos = 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        line = data[pos:end].strip()
        pos = end + 1
        if not line or line.startswith(b"#"):
            continue
        if not line.startswith(b"p") or len(data) - pos < FAST_I23_BYTES:
            break
        try:
            header = line.decode("ascii")
        except UnicodeDecodeError:
            break
        lineno = data.count(b"\n", 0, pos - 1) + 1
        n = _parse_i23_header(header, file, lineno)
        parsed = _fast_i23_body(data[pos:], n)
        if parsed is not None:
            return ArgumentationFramework(n, parsed[0], parsed[1])
        break
    return _parse_i23(_decode(data, file), file)


def _dump_i23(af: ArgumentationFramework) -> str:
    """ICCMA 2023 text; argument ``i`` (0-based) is written as ``i + 1``, names are dropped."""
    parts = [f"p af {af.num_arguments}\n"]
    flat = np.empty(2 * af.num_attacks, dtype=np.int64)
    flat[0::2] = af.src
    flat[1::2] = af.dst
    flat += 1
    values = flat.tolist()
    chunk = 1 << 16
    for i in range(0, af.num_attacks, chunk):
        k = min(chunk, af.num_attacks - i)
        parts.append(("%d %d\n" * k) % tuple(values[2 * i : 2 * (i + k)]))
    return "".join(parts)


# ============================================================================ registry, API
#: Format name -> (parse(text, file), dump(af)).
FORMATS: dict[
    str,
    tuple[Callable[[str, str], ArgumentationFramework], Callable[[ArgumentationFramework], str]],
] = {
    "apx": (_parse_apx, _dump_apx),
    "tgf": (_parse_tgf, _dump_tgf),
    "i23": (_parse_i23, _dump_i23),
}


def loads(text: str, fmt: str, *, file: str = "<string>") -> ArgumentationFramework:
    r"""Parse a framework from text in format ``fmt`` (``"apx"``, ``"tgf"`` or ``"i23"``).

    ``file`` is only used in error messages.

    Examples
    --------
    >>> af = loads("a\nb\n#\na b\n", "tgf")
    >>> list(af.names), list(af.attack_pairs())
    (['a', 'b'], [('a', 'b')])
    """
    parse, _ = FORMATS[detect_format(file, fmt)]
    return parse(text, file)


def load(path: str | os.PathLike[str], fmt: str | None = None) -> ArgumentationFramework:
    """Read a framework from a file; the format comes from the extension unless ``fmt`` is given.

    Raises
    ------
    ICCMAFormatError
        The file is malformed (with file, 1-based line and reason).
    BadInputError
        The file cannot be read, or the format is unknown.
    """
    file = os.fspath(path)
    fmt = detect_format(path, fmt)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise BadInputError(f"{file}: cannot read: {err.strerror or err}") from None
    if fmt == "i23":
        return _load_i23_bytes(data, file)
    return FORMATS[fmt][0](_decode(data, file), file)


def dumps(af: ArgumentationFramework, fmt: str) -> str:
    """Serialise ``af`` in format ``fmt``. i23 keeps only the structure (names become 1..N).

    Raises
    ------
    BadInputError
        An argument name cannot be written in that format (apx: whitespace,
        commas or parentheses; tgf: whitespace or ``#``).
    """
    _, dump_fn = FORMATS[detect_format("", fmt)]
    return dump_fn(af)


def dump(af: ArgumentationFramework, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write ``af`` to a file; the format comes from the extension unless ``fmt`` is given."""
    text = dumps(af, detect_format(path, fmt))
    Path(path).write_text(text, encoding="utf-8", newline="\n")


def format_result(af: ArgumentationFramework, result: SolveResult) -> str:
    r"""The ICCMA 2023 solver output for ``result``, one line per entry, ending in a newline.

    SE: ``w a b c`` (the extension, in argument order) or ``NO`` when there is
    none. EE: one ``w ...`` line per extension, or ``NO`` when there is none.
    DC/DS: ``YES`` or ``NO``. Arguments are written by name; frameworks read
    from i23 are named ``1`` .. ``N``, so that gives the ICCMA indices.

    Examples
    --------
    >>> from toulmin.graph.af.semantics import solve
    >>> af = loads("p af 3\n1 2\n", "i23")
    >>> print(format_result(af, solve(af, "SE", "grounded")), end="")
    w 1 3
    >>> print(format_result(af, solve(af, "DC", "stable", "2")), end="")
    NO
    """
    if result.task in ("DC", "DS"):
        return "YES\n" if result.accepted else "NO\n"
    if not result.labellings:
        return "NO\n"
    names: Sequence[str] = af.names
    lines = []
    for lab in result.labellings:
        members: list[Any] = np.flatnonzero(lab == IN).tolist()
        lines.append(" ".join(["w", *(names[i] for i in members)]))
    return "\n".join(lines) + "\n"
