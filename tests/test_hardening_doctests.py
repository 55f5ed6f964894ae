"""The docstring examples of the validation, limits and journal modules run (issue 15)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "toulmin.graph.authoring.lexical",
        "toulmin.graph.authoring.limits",
        "toulmin.graph.authoring.yaml_positions",
        "toulmin.graph.authoring.casefile",
        "toulmin.graph.store.journal",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
