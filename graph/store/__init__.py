"""Where determinations live: SPARQL targets, the Oxigraph store, endpoints, servers.

Owns the one query interface (:mod:`~toulmin.graph.store.targets`), loading and its
journal (:mod:`~toulmin.graph.store.loader`), remote SPARQL 1.1 endpoints and the
servers started on loopback. The top layer of :mod:`toulmin.graph`: it may import
every layer below; nothing in :mod:`toulmin.graph` imports it.
"""
