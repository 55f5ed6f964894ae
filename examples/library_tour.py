"""A tour of toulmin as a library: read a case file, compile it, ask SPARQL, read it back.

Run from anywhere: ``.venv/bin/python examples/library_tour.py``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal

import toulmin
from toulmin.graph.store.targets import MemoryTarget

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
    det = toulmin.load_case(HERE / "l4-5-revision.yaml")
    graph = toulmin.compile_determination(det)
    print(f"{det.id}: {len(graph)} triples in <{graph.identifier}>")

    target = MemoryTarget.from_graphs([graph])
    rows = target.select(CITING, {"source_id": Literal("reoperation-study")}).rows
    print(f"statements citing the unidentified reoperation study ({len(rows)}):")
    for statement, locator in rows:
        print(f"  {statement}" + (f" at {locator}" if locator else ""))
    assert {str(s) for s, _ in rows} >= {"c-revision-risk", "g-reoperation-rates"}

    assert toulmin.decompile(graph) == det.normalized(), "the round trip lost something"
    print(toulmin.render_trace(det, "c-inpatient", width=100).splitlines()[0])


if __name__ == "__main__":
    main()
