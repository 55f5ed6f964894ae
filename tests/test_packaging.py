"""The wheel ships one import package, ``toulmin``, with every module and data file.

It also carries the LICENSE file and declares the licence that pyproject.toml names.
"""

from __future__ import annotations

import email
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

#: source folder -> package it is installed as (pyproject's package-dir)
PACKAGE_DIRS = {
    "toulmin": "toulmin",
    "ontology": "toulmin/ontology",
    "graph": "toulmin/graph",
    "queries": "toulmin/queries",
    "viz": "toulmin/viz",
}
DATA_SUFFIXES = {".py", ".ttl", ".rq", ".json", ".yaml", ".js", ".css", ".typed"}


def expected_files() -> set[str]:
    files = set()
    for folder, package in PACKAGE_DIRS.items():
        for path in (ROOT / folder).rglob("*"):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix in DATA_SUFFIXES or path.parent.name == "assets":
                files.add(f"{package}/{path.relative_to(ROOT / folder).as_posix()}")
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("toulmin-*.whl")
    return built


def test_every_source_module_and_data_file_is_in_the_wheel(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = expected_files() - names
    assert not missing, f"not shipped in the wheel: {sorted(missing)}"
    assert "toulmin/ontology/toulmin.ttl" in names
    assert "toulmin/schema/case.schema.json" in names


def test_no_top_level_graph_queries_viz_or_ontology(wheel: Path) -> None:
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert not tops & {"graph", "queries", "viz", "ontology"}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"toulmin"}


def test_installs_in_a_clean_venv(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    listing = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m; print('\\n'.join(str(f) for f in m.files('toulmin')))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the checkout, whose egg-info would answer instead
    ).stdout.split()
    installed = set(listing)
    assert expected_files() <= installed
    entry = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m; "
            "print([e.value for e in m.entry_points(group='console_scripts') "
            "if e.name == 'toulmin'])",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert "toulmin.cli:main" in entry


def test_the_licence_file_and_expression_are_in_the_wheel(wheel: Path) -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert declared["license"] == "Apache-2.0"
    assert declared["license-files"] == ["LICENSE"]
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        [metadata_name] = [n for n in names if n.endswith(".dist-info/METADATA")]
        dist_info = metadata_name.rpartition("/")[0]
        assert f"{dist_info}/licenses/LICENSE" in names, sorted(n for n in names if dist_info in n)
        shipped = zf.read(f"{dist_info}/licenses/LICENSE").decode("utf-8")
        metadata = email.message_from_bytes(zf.read(metadata_name))
    assert shipped == (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in shipped
    assert "Version 2.0, January 2004" in shipped
    assert metadata["License-Expression"] == declared["license"]
    assert metadata.get_all("License-File") == ["LICENSE"]
