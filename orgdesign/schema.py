"""The JSON Schema of format v1, generated from the model's field specs.

Editors that speak the YAML language server check and complete org files with it: put
``# yaml-language-server: $schema=org.schema.json`` at the top of a file, with the schema from
``orgdesign schema > org.schema.json``. The package ships the same schema as
``orgdesign/org.schema.json``.

The loader stays the authority. Editors read YAML 1.2, where ``012345`` is a number, so text
keys here also accept numbers and booleans; the loader reads them as text. What the schema
cannot say (ids unique across the file, references that resolve, the kind a reference points
at) only the loader checks.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from orgdesign.model import ID_PATTERN, SCOPES, SECTIONS, SEVERITIES, FieldSpec, Org, Owners

__all__ = ["SCHEMA_ID", "json_schema", "schema_text"]

SCHEMA_ID = "https://orgdesign.readthedocs.io/en/latest/org.schema.json"
_SCALAR = ["string", "number", "boolean"]
_ID = {"type": ["string", "integer"], "pattern": f"^{ID_PATTERN}$"}


def _optional(schema: dict[str, Any]) -> dict[str, Any]:
    """Let ``null`` (an unset key) through as well."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kinds = schema.get("type")
    if isinstance(kinds, str):
        kinds = [kinds]
    return {**schema, "type": [*kinds, "null"]}


def _ids(doc: str) -> dict[str, Any]:
    return {"description": doc, "type": "array", "items": _ID}


def _field(spec: FieldSpec) -> dict[str, Any]:
    kind = spec.type
    if kind == "id":
        return {"description": spec.doc, **_ID}
    if kind == "text":
        schema: dict[str, Any] = {"description": spec.doc, "type": _SCALAR}
        if spec.choices:
            schema["examples"] = list(spec.choices)
        return schema
    if kind == "ref":
        return {"description": spec.doc, **_ID}
    if kind == "refs":
        return _ids(spec.doc)
    if kind == "texts":
        return {"description": spec.doc, "type": "array", "items": {"type": _SCALAR}}
    if kind == "enum":
        return {"description": spec.doc, "enum": list(spec.choices)}
    if kind == "enums":
        return {"description": spec.doc, "type": "array", "items": {"enum": list(spec.choices)}}
    if kind in ("number", "integer"):
        schema = {"description": spec.doc, "type": kind}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
        return schema
    if kind == "boolean":
        return {"description": spec.doc, "type": "boolean"}
    if kind == "owners":
        return {"description": spec.doc, **_object(Owners)}
    if kind == "allocation":
        share = {"type": "number", "minimum": spec.minimum, "maximum": spec.maximum}
        return {
            "description": spec.doc,
            "type": "object",
            "propertyNames": {"pattern": f"^{ID_PATTERN}$"},
            "additionalProperties": share,
        }
    if kind == "suppressions":
        suppression = {
            "type": "object",
            "additionalProperties": False,
            "required": ["rule"],
            "properties": {
                "rule": {"description": "A rule slug or code.", "type": "string"},
                "reason": {"description": "Why the finding is accepted.", "type": _SCALAR},
            },
        }
        bare = {"description": "A rule slug or code, without a reason.", "type": "string"}
        return {"description": spec.doc, "type": "array", "items": {"anyOf": [bare, suppression]}}
    raise ValueError(f"no JSON Schema for field type '{kind}'")  # pragma: no cover


def _one_or_many(schema: dict[str, Any]) -> dict[str, Any]:
    description = schema.pop("description")
    return {"description": description, "anyOf": [_ID, {"type": "array", "items": _ID}]}


def _object(cls: type, section: str = "") -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        spec = field.metadata.get("yaml")
        if spec is None or spec.section != section:
            continue
        schema = _field(spec)
        if spec.one_or_many:
            schema = _one_or_many(schema)
        if spec.required:
            required.append(field.name)
        elif "anyOf" not in schema and spec.type not in ("refs", "texts", "enums"):
            schema = _optional(schema)
        properties[field.name] = schema
    result: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        result["required"] = required
    return result


def _lint_section() -> dict[str, Any]:
    names = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    return {
        "description": "Which rules run, at what severity, with what options.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "select": {"description": "Rules to run: slugs, codes, prefixes, families.", **names},
            "ignore": {"description": "Rules to skip.", **names},
            "scope": {
                "description": "Whom the people-level rules judge: the marketing organisation "
                "(default) or everyone in the file.",
                "enum": list(SCOPES),
            },
            "severity": {
                "description": "Rule -> error, warning or info.",
                "type": "object",
                "additionalProperties": {"enum": list(SEVERITIES)},
            },
            "options": {
                "description": "Rule -> its options.",
                "type": "object",
                "additionalProperties": {"type": "object"},
            },
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of an org file."""
    properties: dict[str, Any] = {
        "version": {"description": "The format version.", "const": 1},
        "org": {"description": "The organisation.", **_object(Org, "org")},
    }
    for section, cls in SECTIONS.items():
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        properties[section] = {"description": summary, "type": "array", "items": _object(cls)}
    properties["lint"] = _lint_section()
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "orgdesign org file (format version 1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["version"],
        "properties": properties,
    }


def schema_text() -> str:
    """The schema as JSON text, as shipped and as ``orgdesign schema`` prints it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m orgdesign.schema > orgdesign/org.schema.json
    print(schema_text(), end="")
