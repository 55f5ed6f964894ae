"""The argument graph of a determination, in layers.

Each subpackage owns one layer and imports only from the layers below it (a test,
``tests/test_layers.py``, fails on an import that points back up)::

    store      targets, loading, remote endpoints, servers       (top)
    derived    evaluation labels and audit summaries as RDF
    argument   view, evaluation, explanation, trace, flip sets
    fhir       Da Vinci PAS bundles in (case-file skeletons) and out (ClaimResponse)
    rdf        IRIs, compile, decompile, serialize, check
    criteria   criteria sets as documents, and their three-valued evaluation
    authoring  the model, case files, synthetic corpora
    af         abstract argumentation frameworks and ICCMA formats (bottom)

Every layer may use :mod:`toulmin.errors` and :mod:`toulmin.ontology`; none imports
:mod:`toulmin.queries`, :mod:`toulmin.viz`, :mod:`toulmin.commands`, the CLI or the
configuration: settings are resolved by the caller and passed down.
"""
