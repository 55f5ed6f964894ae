"""A tour of toulmin as a library: read a case file, evaluate it, ask SPARQL, read it back.

Everything here is the public API, ``import toulmin`` (see README, "From Python").
Run from anywhere: ``.venv/bin/python examples/library_tour.py``.
"""

from __future__ import annotations

from pathlib import Path

import toulmin

HERE = Path(__file__).resolve().parent

#: Which statements cite a given source, with their citation locator (a bound parameter).
CITING = """
PREFIX tlm: <https://w3id.org/toulmin/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?statement ?locator WHERE {
  GRAPH ?g {
    ?source tlm:localId ?source_id .
    ?s tlm:citation ?c ; tlm:localId ?statement .
    ?c tlm:citedSource ?source .
    OPTIONAL { ?c tlm:locator ?locator }
  }
}
ORDER BY ?statement
"""


def main() -> None:
    """Run the tour on the flagship example, printing what each step gives."""
    det = toulmin.load_case(HERE / "l4-5-revision.yaml")
    graph = toulmin.compile_determination(det)
    print(f"{det.id}: {len(graph)} triples in <{graph.identifier}>")

    ev = toulmin.evaluate(det)
    print(f"main claim {ev.main_claim}: {ev.main_label}; what would flip it first:")
    print(f"  {toulmin.flip(ev).sets[0].levers[0].text}")

    # SPARQL on the determination, with the source id bound as a value (never pasted in)
    rows = toulmin.query(CITING, det, source_id="reoperation-study").rows
    print(f"statements citing the unidentified reoperation study ({len(rows)}):")
    for row in rows:
        print(f"  {row['statement']}" + (f" at {row['locator']}" if row["locator"] else ""))
    assert {row["statement"] for row in rows} >= {"c-revision-risk", "g-reoperation-rates"}

    # an auditor query of the catalogue, on every example at once
    found = toulmin.query("citing-source", sorted(HERE.glob("*.yaml")), source="aans")
    print(f"examples relying on the AANS guidance: {len(found)}")

    assert toulmin.decompile(graph) == det.normalized(), "the round trip lost something"
    print(toulmin.render_trace(det, "c-inpatient", width=100).splitlines()[0])


if __name__ == "__main__":
    main()
