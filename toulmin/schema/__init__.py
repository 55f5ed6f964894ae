"""The JSON Schemas shipped for editors and validators: case files (``case.schema.json``)
and criteria sets (``criteria.schema.json``)."""
