"""Code shared by the tests, imported as a package: ``from tests.helpers.paths import ROOT``.

pytest puts the repository root on ``sys.path`` (``pythonpath = ["."]`` in pyproject.toml),
so ``tests.helpers`` imports under ``--import-mode=importlib`` while the test folders
themselves stay without ``__init__.py`` (test modules may share a basename). Nothing here
is collected as a test; fixtures live in tests/conftest.py.

- :mod:`tests.helpers.paths`: the repository's folders (examples, fixtures, golden files).
- :mod:`tests.helpers.argument_strategies`: hypothesis strategies for valid argument
  structures.
- :mod:`tests.helpers.criteria`: small builders for the criteria engine's tests.
- :mod:`tests.helpers.criteria_examples`: where the engine and the examples' own
  assessments disagree, and why.
- :mod:`tests.helpers.corpus`: the hand-written query fixture corpus, compiled.
"""
