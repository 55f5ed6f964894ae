"""Loading a FHIR R4 bundle safely: size bound, JSON, ``fhir.resources`` validation, references.

This module owns the checks every imported bundle passes before anything reads its
content: the file is bounded in size, is JSON, is a ``Bundle`` that the ``fhir.resources``
R4B models accept (R4B and R4 agree on every resource PAS uses here: Bundle, Claim,
ClaimResponse, Patient, Coverage, Practitioner, Organization, Condition, Observation,
Procedure, DocumentReference, QuestionnaireResponse, ServiceRequest, Encounter,
Provenance), holds only those resource types, has a ``fullUrl`` on each entry that ends
with the resource's ``Type/id``, and every reference resolves inside the bundle. Each
failure raises :class:`toulmin.errors.FhirBundleError` naming the entry and element path.
Nothing is evaluated: bundle text is data. May import: ``toulmin.errors``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toulmin.errors import FhirBundleError

__all__ = ["ALLOWED_TYPES", "MAX_BYTES", "LoadedBundle", "load_bundle", "parse_bundle"]

#: the largest bundle file read (bytes); PAS bundles are kilobytes, attachments are by URL
MAX_BYTES = 20_000_000
#: resource types an imported PAS bundle may hold
ALLOWED_TYPES = frozenset(
    {
        "Claim",
        "ClaimResponse",
        "Patient",
        "Coverage",
        "Practitioner",
        "PractitionerRole",
        "Organization",
        "Condition",
        "Observation",
        "Procedure",
        "DocumentReference",
        "QuestionnaireResponse",
        "ServiceRequest",
        "Encounter",
        "Location",
        "Provenance",
        "RelatedPerson",
        "DeviceRequest",
        "MedicationRequest",
        "Binary",
    }
)


@dataclass
class LoadedBundle:
    """A validated bundle: its entries as plain JSON, indexed by full URL.

    Attributes
    ----------
    file : str
        The file name as given.
    data : dict
        The bundle as JSON (what ``fhir.resources`` accepted).
    by_url : dict
        ``fullUrl`` -> (entry index, resource JSON).
    """

    file: str
    data: dict[str, Any]
    by_url: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)

    def entries(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(index, fullUrl, resource) for every entry, in order."""
        for url, (index, resource) in sorted(self.by_url.items(), key=lambda kv: kv[1][0]):
            yield index, url, resource

    def of_type(self, kind: str) -> list[tuple[int, str, dict[str, Any]]]:
        """The entries whose resource is a ``kind``."""
        return [e for e in self.entries() if e[2].get("resourceType") == kind]

    def resolve(self, reference: str, from_url: str) -> tuple[str, dict[str, Any]] | None:
        """The (fullUrl, resource) a reference names, or ``None`` (``#x`` is contained)."""
        if reference in self.by_url:
            return reference, self.by_url[reference][1]
        if "://" in reference or reference.startswith("urn:"):
            return None
        base = from_url.rsplit("/", 2)[0] if "://" in from_url else ""
        candidate = f"{base}/{reference}" if base else reference
        if candidate in self.by_url:
            return candidate, self.by_url[candidate][1]
        for url, (_, resource) in self.by_url.items():  # urn:uuid entries named by Type/id
            if f"{resource.get('resourceType')}/{resource.get('id')}" == reference:
                return url, resource
        return None


def load_bundle(path: str | Path) -> LoadedBundle:
    """Read and check one bundle file.

    Raises
    ------
    FhirBundleError
        The file is too large, not JSON, not a valid FHIR R4 bundle, or inconsistent.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FhirBundleError(str(path), "", f"larger than {MAX_BYTES} bytes; not read")
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise FhirBundleError(str(path), "", f"cannot be read: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise FhirBundleError(str(path), "", "not FHIR JSON: not UTF-8 text") from err
    return parse_bundle(text, str(path))


def parse_bundle(text: str, file: str = "<bundle>") -> LoadedBundle:
    """Check the text of one bundle (see the module docstring).

    Examples
    --------
    >>> parse_bundle('{"resourceType": "Patient"}', "p.json")
    Traceback (most recent call last):
    ...
    toulmin.errors.FhirBundleError: p.json: /resourceType: expected a Bundle, got 'Patient'
    """
    data, entries = _bundle_entries(text, file)
    _validate(data, file)
    bundle = LoadedBundle(file, data)
    _index_urls(bundle, entries)
    _check_references(bundle)
    return bundle


def _bundle_entries(text: str, file: str) -> tuple[dict[str, Any], list[Any]]:
    """The bundle's JSON and its entries, each holding a resource of a PAS type."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise FhirBundleError(file, "", f"not FHIR JSON: {err}") from err
    if not isinstance(data, dict) or "resourceType" not in data:
        raise FhirBundleError(file, "", "not FHIR: a JSON object with a resourceType is needed")
    if data["resourceType"] != "Bundle":
        raise FhirBundleError(
            file, "/resourceType", f"expected a Bundle, got {data['resourceType']!r}"
        )
    entries = data.get("entry")
    if not isinstance(entries, list) or not entries:
        raise FhirBundleError(file, "/entry", "the bundle has no entries")
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            raise FhirBundleError(file, f"/entry/{index}/resource", "missing: add the resource")
        kind = resource.get("resourceType")
        if kind not in ALLOWED_TYPES:
            raise FhirBundleError(
                file,
                f"/entry/{index}/resource/resourceType",
                f"{kind!r} does not belong in a PAS bundle "
                f"(allowed: {', '.join(sorted(ALLOWED_TYPES))})",
            )
    return data, entries


def _index_urls(bundle: LoadedBundle, entries: list[Any]) -> None:
    """Index the entries by full URL: each present, unique and matching its resource."""
    file = bundle.file
    for index, entry in enumerate(entries):
        resource = entry["resource"]
        where = f"/entry/{index}/fullUrl"
        url = entry.get("fullUrl")
        if not isinstance(url, str) or not url:
            raise FhirBundleError(file, where, "missing: every entry needs its full URL")
        own = f"{resource['resourceType']}/{resource.get('id')}"
        if not url.startswith("urn:") and not url.endswith("/" + own) and url != own:
            raise FhirBundleError(
                file, where, f"{url!r} does not match the resource it holds ({own})"
            )
        if url in bundle.by_url:
            raise FhirBundleError(file, where, f"{url!r} is the full URL of an earlier entry")
        bundle.by_url[url] = (index, resource)


def _check_references(bundle: LoadedBundle) -> None:
    """Refuse a reference to a resource the bundle does not hold (contained, external: fine)."""
    for index, url, resource in bundle.entries():
        for pointer, reference in _references(resource, f"/entry/{index}/resource"):
            if reference.startswith("#") or _external(reference, bundle):
                continue
            if bundle.resolve(reference, url) is None:
                raise FhirBundleError(
                    bundle.file, pointer, f"refers to {reference!r}, which the bundle does not hold"
                )


def _validate(data: dict[str, Any], file: str) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        pointer = "/" + "/".join(str(part) for part in first["loc"])
        raise FhirBundleError(file, pointer, f"not valid FHIR R4: {first['msg']}") from None
    except (ValueError, TypeError, RecursionError) as err:
        raise FhirBundleError(file, "", f"not valid FHIR R4: {err}") from None


def _references(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Every ``reference`` string in a resource, with its JSON pointer."""
    stack = [(value, pointer)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            ref = node.get("reference")
            if isinstance(ref, str):
                yield f"{where}/reference", ref
            stack.extend((v, f"{where}/{k}") for k, v in node.items() if k != "reference")
        elif isinstance(node, list):
            stack.extend((v, f"{where}/{i}") for i, v in enumerate(node))


def _external(reference: str, bundle: LoadedBundle) -> bool:
    """An absolute URL on a server none of the bundle's entries comes from."""
    if "://" not in reference:
        return False
    bases = {url.rsplit("/", 2)[0] for url in bundle.by_url if "://" in url}
    return reference.rsplit("/", 2)[0] not in bases
