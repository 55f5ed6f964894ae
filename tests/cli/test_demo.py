"""``toulmin demo`` (what ``make demo`` runs) writes every artefact and says the example holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from toulmin.cli import main
from toulmin.ontology.namespace import TLM


@pytest.mark.java
def test_demo_writes_every_artefact(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    need_tool,
    flagship_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    need_tool("java", "make java (apt-get install -y default-jre-headless)")
    # A narrow terminal and a long output path: lines carrying paths must not be wrapped
    # (CI checks out under a longer path than a laptop, which once broke this line in two).
    monkeypatch.setenv("COLUMNS", "50")
    out = tmp_path / ("a-long-directory-name-" * 3) / "out"
    assert main(["demo", "--out", str(out), "--case", str(flagship_path)]) == 0
    printed = capsys.readouterr().out
    names = {p.name for p in out.iterdir()}
    assert names == {
        "l4-5-revision.ttl",
        "l4-5-revision.derived.ttl",
        "l4-5-revision.map.html",
        "l4-5-revision.brief.md",
        "l4-5-revision.brief.html",
    }
    assert f"{flagship_path}: ok (0 SHACL violations, OWL consistent)" in printed
    assert f"  {out / 'l4-5-revision.map.html'}\n" in printed
    assert "main claim c-main: IN" in printed
    assert "svc-63042 -> c-63042: IN" in printed
    assert "x-imaging-answer" in printed  # among the flip sets
    derived = Graph().parse(out / "l4-5-revision.derived.ttl")
    labels = {str(s).rsplit("/", 1)[-1]: o for s, o in derived.subject_objects(TLM.acceptability)}
    assert labels["c-main"] == TLM.In
    assert labels["c-mild-not-necessary"] == TLM.Out
    asserted = Graph().parse(out / "l4-5-revision.ttl")
    assert len(asserted) > 500
    assert not set(asserted.subject_objects(TLM.acceptability))


def test_demo_without_a_checkout_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toulmin import demo

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(demo, "__file__", str(tmp_path / "toulmin" / "demo.py"))
    with pytest.raises(Exception, match="pass --case FILE"):
        demo.run_demo(tmp_path / "out")
