"""toulmin: medical-necessity determinations as structured, queryable arguments.

A determination (prior authorization, utilization review, appeal) is written as a
case file, compiled to one RDF named graph over the toulmin OWL ontology, checked
with SHACL and HermiT, evaluated as an argument, queried with SPARQL, and drawn.

The names below are the public API (:mod:`toulmin.api` documents each). They are
imported on first use, so ``import toulmin`` is cheap: it loads neither rdflib,
networkx, numpy, pyoxigraph nor owlready2, nor the case-file reader.

Examples
--------
>>> import toulmin
>>> det = toulmin.load_case("examples/l4-5-revision.yaml")
>>> toulmin.evaluate(det).main_label
'in'
>>> toulmin.__version__ == __import__("importlib.metadata").metadata.version("toulmin")
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from toulmin.errors import (
    BadInputError,
    CaseFileError,
    ConfigurationError,
    MissingToolError,
    Problem,
    QueryError,
    StoreError,
    ToulminError,
    ValidationFailed,
)

if TYPE_CHECKING:
    from toulmin.api import (
        argument_map,
        assess,
        brief,
        check,
        evaluate,
        explain,
        flip,
        load,
        load_case,
        open_store,
        query,
        read_determination,
    )
    from toulmin.graph.argument.trace import render_trace
    from toulmin.graph.authoring.casefile import parse_case
    from toulmin.graph.authoring.model import Determination
    from toulmin.graph.rdf.compile import compile_determination, to_dataset
    from toulmin.graph.rdf.decompile import decompile

__all__ = [
    "BadInputError",
    "CaseFileError",
    "ConfigurationError",
    "Determination",
    "MissingToolError",
    "Problem",
    "QueryError",
    "StoreError",
    "ToulminError",
    "ValidationFailed",
    "__version__",
    "argument_map",
    "assess",
    "brief",
    "check",
    "compile_determination",
    "decompile",
    "evaluate",
    "explain",
    "flip",
    "load",
    "load_case",
    "open_store",
    "parse_case",
    "query",
    "read_determination",
    "render_trace",
    "to_dataset",
]

#: public name -> the module that defines it, imported on first use
_LAZY: dict[str, str] = {
    **{
        name: "toulmin.api"
        for name in (
            "argument_map",
            "assess",
            "brief",
            "check",
            "evaluate",
            "explain",
            "flip",
            "load",
            "load_case",
            "open_store",
            "query",
            "read_determination",
        )
    },
    "Determination": "toulmin.graph.authoring.model",
    "parse_case": "toulmin.graph.authoring.casefile",
    "compile_determination": "toulmin.graph.rdf.compile",
    "to_dataset": "toulmin.graph.rdf.compile",
    "decompile": "toulmin.graph.rdf.decompile",
    "render_trace": "toulmin.graph.argument.trace",
}


def _version() -> str:
    """The installed distribution's version: pyproject's ``version``, its one source."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("toulmin")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'toulmin' has no attribute '{name}'")
    globals()[name] = value  # the next look-up does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
