"""AIF interchange: AIFdb / OVA3 nodesets in and out of determinations.

Layer: above :mod:`toulmin.graph.argument` (it may import authoring, rdf and
argument), below the store. :mod:`.casedict` turns model values into case-file
dicts, :mod:`.read` imports a nodeset, :mod:`.write` exports one. The mapping and
the ``toulmin`` extension are documented in ``docs/aif.md``.
"""

from __future__ import annotations

from toulmin.graph.aif.read import AifImport, ImportReport, import_aif, load_aif
from toulmin.graph.aif.write import export_aif

__all__ = ["AifImport", "ImportReport", "export_aif", "import_aif", "load_aif"]
