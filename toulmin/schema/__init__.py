"""The JSON Schema of case files (``case.schema.json``), shipped for editors and validators."""
