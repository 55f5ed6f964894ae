"""Dependencies point one way: from the CLI and the store down to the model.

Every ``import`` in the package, at module level or inside a function, is read from the
source (an AST walk, so an import hidden in a function counts too) and checked against
the layer order below. A module may import its own layer and the layers beneath it,
never one above: a change that makes, say, the RDF compiler import the store fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

#: source folder -> the package it installs as
FOLDERS = {
    "toulmin": "toulmin",
    "ontology": "toulmin.ontology",
    "graph": "toulmin.graph",
    "queries": "toulmin.queries",
    "viz": "toulmin.viz",
}
#: package prefixes from the bottom layer to the top; the longest prefix decides
LAYERS: list[tuple[str, ...]] = [
    ("toulmin.errors",),
    ("toulmin.ontology",),
    ("toulmin.graph.af",),
    ("toulmin.graph.authoring",),
    ("toulmin.graph.criteria",),
    ("toulmin.graph.rdf",),
    ("toulmin.graph.fhir",),  # PAS bundles in and out: authoring and rdf beneath it
    ("toulmin.graph.argument",),
    ("toulmin.graph.aif",),
    ("toulmin.graph.derived",),
    ("toulmin.graph.store",),
    ("toulmin.queries",),
    ("toulmin.viz",),
    ("toulmin.config",),
    ("toulmin.api", "toulmin.demo"),  # the demo calls the library, as a script would
    ("toulmin.commands", "toulmin.cli", "toulmin.__main__"),
    ("toulmin",),  # the package's __init__: the curated public API, on top
]


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[1]
            ):
                best = (rank, len(prefix))
    return None if best is None else best[0]


def modules() -> list[tuple[str, Path]]:
    found = []
    for folder, package in FOLDERS.items():
        base = ROOT / folder
        for path in sorted(base.rglob("*.py")):
            if any(part.startswith(".") or part == "__pycache__" for part in path.parts):
                continue
            rel = path.relative_to(base)
            if folder == "toulmin" and rel.parts[0] in {"ontology", "graph", "queries", "viz"}:
                continue  # the symlinks to the other folders
            parts = [package, *rel.with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join(parts), path))
    return found


def imports_of(module: str, path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append((name, node.lineno))
            out += [(f"{name}.{alias.name}", node.lineno) for alias in node.names]
    return [(name, line) for name, line in out if name.startswith("toulmin")]


ALL = modules()


def test_every_module_has_a_layer() -> None:
    assert len(ALL) > 50
    assert [m for m, _ in ALL if layer_of(m) is None] == []


@pytest.mark.parametrize(("module", "path"), ALL, ids=[m for m, _ in ALL])
def test_imports_point_down(module: str, path: Path) -> None:
    own = layer_of(module)
    assert own is not None
    upward = []
    for name, line in imports_of(module, path):
        target = layer_of(name)
        if target is not None and target > own:
            upward.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {name}")
    assert upward == [], "imports that point up a layer:\n" + "\n".join(upward)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from toulmin.graph.store.load import load\n")
    names = [n for n, _ in imports_of("toulmin.graph.rdf.bad", bad)]
    assert layer_of(names[0]) == layer_of("toulmin.graph.store")
    assert layer_of(names[0]) > layer_of("toulmin.graph.rdf.bad")  # type: ignore[operator]


#: the modules of toulmin.graph.store, bottom first (its __init__ lists them the same way)
STORE_ORDER = [
    "targets",
    "remote",
    "servers",
    "gateway",
    "inputs",
    "journal",
    "disk",
    "writers",
    "pool",
    "report",
    "transactions",
    "bulk",
    "load",
    "admin",
    "open",
]


def test_the_store_modules_import_one_way() -> None:
    store = ROOT / "graph" / "store"
    found = sorted(p.stem for p in store.glob("*.py") if p.stem != "__init__")
    assert found == sorted(STORE_ORDER)
    backward = []
    for rank, name in enumerate(STORE_ORDER):
        path = store / f"{name}.py"
        for imported, line in imports_of(f"toulmin.graph.store.{name}", path):
            parts = imported.split(".")
            later = (
                parts[3] if len(parts) > 3 and parts[:3] == ["toulmin", "graph", "store"] else ""
            )
            if later in STORE_ORDER[rank:] and later != name:
                backward.append(f"{name}.py:{line}: imports {imported}")
    assert backward == [], "store modules importing later ones:\n" + "\n".join(backward)


def test_nothing_imports_a_private_name_of_the_store() -> None:
    private = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for module, path in ALL
        for name, line in imports_of(module, path)
        if name.startswith("toulmin.graph.store.") and name.rsplit(".", 1)[-1].startswith("_")
    ]
    assert private == []
