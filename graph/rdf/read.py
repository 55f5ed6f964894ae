"""Read one determination from a file: a case file (YAML) or RDF, told apart by the suffix.

Owns the one way every command and the public API turn a CASE argument into a
:class:`~toulmin.graph.authoring.model.Determination`: ``.ttl`` (Turtle), ``.trig``
(TriG), ``.nq`` (N-Quads), ``.nt`` (N-Triples), ``.jsonld`` / ``.json`` (JSON-LD) are
parsed with rdflib and decompiled (:func:`toulmin.graph.rdf.decompile.decompile`);
anything else is read as a case file (:func:`toulmin.graph.authoring.casefile.load_case`).
Imports :mod:`toulmin.graph.authoring` and its own layer, :mod:`toulmin.graph.rdf`.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from toulmin.graph.authoring.casefile import parse_case
>>> from toulmin.graph.rdf.compile import compile_determination
>>> det = parse_case('''
... toulmin: 1
... id: tiny
... title: Tiny
... decision: {outcome: approved, main_claim: c}
... sources: [{id: rec, kind: clinical-document, title: Record}]
... services: [{id: s, code: "22850", decision: approved, claim: c}]
... statements: [{id: c, kind: conclusion, text: Necessary., cite: rec}]
... ''')
>>> folder = tempfile.TemporaryDirectory()
>>> path = Path(folder.name) / "tiny.ttl"
>>> _ = compile_determination(det).serialize(path, format="turtle")
>>> read_determination(path) == det.normalized()
True
>>> folder.cleanup()
"""

from __future__ import annotations

from pathlib import Path

from toulmin.errors import BadInputError
from toulmin.graph.authoring.model import Determination
from toulmin.graph.rdf.formats import by_suffix

__all__ = ["read_determination"]


def read_determination(path: str | Path, det: str | None = None) -> Determination:
    """Read a case file, or one determination from an RDF file (chosen by suffix).

    Parameters
    ----------
    path : str or Path
        A case file (``.yaml``, ``.yml``) or an RDF file (a suffix of
        :data:`toulmin.graph.rdf.formats.FORMATS`), such as one ``toulmin build`` wrote.
    det : str, optional
        The determination's id, when the RDF file holds several (ignored for a case
        file, which holds one).

    Returns
    -------
    Determination
        From RDF: as it was compiled, normalised (collections sorted by id).

    Raises
    ------
    CaseFileError
        A case file with problems (every one, with file, line and path).
    BadInputError
        The file cannot be read or parsed, or holds no determination, or several and
        ``det`` does not choose one.
    """
    path = Path(path)
    rdf = by_suffix(path)
    if rdf is None:
        from toulmin.graph.authoring.casefile import load_case

        return load_case(path)
    fmt = rdf.rdflib
    from rdflib import Dataset, Graph

    from toulmin.graph.rdf.decompile import decompile, determination_ids

    if not path.is_file():
        raise BadInputError(f"{path}: no such file")
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many kinds
        raise BadInputError(f"{path}: cannot read RDF ({fmt}): {err}") from None
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    if det is not None and det not in (ids := determination_ids(graph)):
        raise BadInputError(
            f"{path}: no determination '{det}' in this file; it holds {', '.join(ids) or 'none'}"
        )
    try:
        return decompile(graph, det)
    except BadInputError as err:
        hint = "" if det is not None else " (choose one with det=ID; on the command line --det ID)"
        raise BadInputError(f"{path}: {err}{hint}") from None
