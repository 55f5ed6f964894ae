"""The pre-commit configuration runs ruff check, ruff format and mypy from the project's venv.

The hooks are local (``language: system``) so that pre-commit needs no network and runs
the very tools the dev extra installs. The configuration is checked by pre-commit itself,
and each hook is shown to fail on a small package that breaks its rule.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".pre-commit-config.yaml"
HOOKS = {"ruff-check": "ruff check", "ruff-format": "ruff format", "mypy": "mypy"}


def hooks() -> dict[str, dict[str, Any]]:
    config = yaml.safe_load(CONFIG.read_text("utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}  # not the user's cache
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_config_names_the_three_hooks_and_pre_commit_accepts_it(tmp_path: Path) -> None:
    found = hooks()
    assert set(found) == set(HOOKS)
    for hook_id, command in HOOKS.items():
        hook = found[hook_id]
        assert hook["language"] == "system"
        assert hook["entry"].startswith(f".venv/bin/{command}"), hook["entry"]
    assert found["mypy"]["pass_filenames"] is False  # the files pyproject.toml names
    result = pre_commit("validate-config", str(CONFIG), cwd=ROOT, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dev_extra_installs_pre_commit_and_the_hooks_tools() -> None:
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]["dev"]
    names = {spec.split(">")[0].split("=")[0].split("<")[0].strip() for spec in dev}
    assert {"pre-commit", "ruff", "mypy"} <= names


def test_each_hook_fails_on_code_that_breaks_its_rule(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    package = repo / "toulmin"
    package.mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(CONFIG.read_text("utf-8"), "utf-8")
    (repo / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"), "utf-8")
    (repo / ".venv").symlink_to(Path(sys.prefix))  # the tools the suite runs with
    (package / "__init__.py").write_text(
        '"""A package that breaks each hook\'s rule."""\n'
        "import os\n"  # ruff check: unused import
        "x:int=1\n"  # ruff format: spacing
        "def f() -> int:\n"
        '    return "text"\n',  # mypy: wrong return type
        "utf-8",
    )
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    home = tmp_path / "home"
    for hook_id, name in HOOKS.items():
        result = pre_commit("run", hook_id, "--all-files", cwd=repo, home=home)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Failed" in output, output
        assert f"hook id: {hook_id}" in output, output
        assert name in output
    assert "F401" in pre_commit("run", "ruff-check", "--all-files", cwd=repo, home=home).stdout
