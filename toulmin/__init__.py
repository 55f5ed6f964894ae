"""toulmin: medical-necessity determinations as structured, queryable arguments.

A determination (prior authorization, utilization review, appeal) is written as a
case file, compiled to one RDF named graph over the toulmin OWL ontology, checked
with SHACL and HermiT, evaluated as an argument, queried with SPARQL, and drawn.

Examples
--------
>>> import toulmin
>>> det = toulmin.load_case("examples/l4-5-revision.yaml")  # doctest: +SKIP
>>> graph = toulmin.compile_determination(det)  # doctest: +SKIP
"""

from __future__ import annotations

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
from toulmin.graph.argument.trace import render_trace
from toulmin.graph.authoring.casefile import load_case, parse_case
from toulmin.graph.authoring.model import Determination
from toulmin.graph.rdf.compile import compile_determination, to_dataset
from toulmin.graph.rdf.decompile import decompile

__version__ = "0.1.0"

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
    "compile_determination",
    "decompile",
    "load_case",
    "parse_case",
    "render_trace",
    "to_dataset",
]
