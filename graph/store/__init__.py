"""Where determinations live: SPARQL targets, the Oxigraph store, endpoints, servers.

The top layer of :mod:`toulmin.graph`: it may import every layer below; nothing in
:mod:`toulmin.graph` imports it. Its modules, each importing only modules listed before
it (``tests/test_layers.py`` checks the order)::

    targets       the one query interface: Oxigraph, in-memory, rdflib-free results
    remote        a SPARQL 1.1 endpoint as a target
    servers       Oxigraph (and other) servers started on loopback
    gateway       the guarding proxy ``toulmin serve`` puts in front of Oxigraph
    inputs        input files: discovery, reading into units, the replace request
    journal       the bulk-load journal and recovery
    disk          opening a store directory (read-only or writable, recovering)
    writers       writing units to a local store or an endpoint
    pool          worker processes that read files
    report        the load report and the progress bar
    transactions  the transactional load path
    bulk          the bulk load path (journalled, concurrent bulk_load calls)
    load          load(): files and folders into a store or an endpoint
    admin         stats, list, remove, export
    open          open_target(): a store, an endpoint, or case files in memory
"""
