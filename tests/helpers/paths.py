"""The repository's folders, for tests that read examples, fixtures or golden files."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EXAMPLES", "FIXTURES", "GOLDEN", "ROOT", "TESTS"]

#: The tests/ folder.
TESTS = Path(__file__).resolve().parents[1]
#: The repository root (pyproject.toml, examples/, docs/).
ROOT = TESTS.parent
#: The example case files.
EXAMPLES = ROOT / "examples"
#: Hand-written and public test material (each folder's README records its source).
FIXTURES = TESTS / "fixtures"
#: Expected outputs compared by isomorphism or text.
GOLDEN = TESTS / "golden"
