"""Da Vinci PAS (FHIR R4) bundles in and out.

Owns ``toulmin import fhir`` (:mod:`.reader`: request and response bundles -> a case-file
skeleton and an import report, after :mod:`.bundle` has checked each bundle) and
``toulmin export fhir`` (:mod:`.writer`: a determination -> a PAS ClaimResponse bundle with
a Provenance pointing back to the argument). Imports :mod:`toulmin.graph.authoring`,
:mod:`toulmin.graph.rdf` (IRIs) and :mod:`toulmin.errors`; FHIR itself is parsed and
validated by ``fhir.resources`` (its R4B models), never by hand.
"""
