"""The JSON Schema: generated from the model, shipped, accepts every valid file we have and
rejects broken ones."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from orgdesign.cli import main
from orgdesign.schema import json_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft7Validator(json_schema())


def data(text: str) -> Any:
    """YAML as an editor hands it to the schema (dates and such as text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_the_schema_is_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(json_schema())


def test_the_shipped_schema_and_the_cli_are_current() -> None:
    shipped = resources.files("orgdesign").joinpath("org.schema.json").read_text("utf-8")
    assert shipped == schema_text(), "run: python -m orgdesign.schema > orgdesign/org.schema.json"
    assert CliRunner().invoke(main, ["schema"]).output == schema_text()


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("examples/*.org.yaml")) + sorted(ROOT.glob("orgdesign/templates/*.org.yaml")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_example_and_template_validates(path: Path) -> None:
    VALIDATOR.validate(data(path.read_text(encoding="utf-8")))


def test_every_golden_case_validates() -> None:
    checked = 0
    for path in sorted((ROOT / "tests" / "rules" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            errors = [e.message for e in VALIDATOR.iter_errors(data(case["org"]))]
            assert not errors, (path.name, case["name"], errors)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("org: {name: x}\n", "'version' is a required property"),
        ("version: 2\n", "1 was expected"),
        ("version: 1\npeople:\n  - {id: a, nmae: x}\n", "Additional properties are not allowed"),
        ("version: 1\npeople:\n  - {name: x}\n", "'id' is a required property"),
        ("version: 1\npeople:\n  - {id: -a}\n", "does not match"),
        ("version: 1\npeople:\n  - {id: a, capacity: 2}\n", "2 is greater than the maximum of 1"),
        ("version: 1\npeople:\n  - {id: a, employment: freelance}\n", "is not one of"),
        ("version: 1\nworkflows:\n  - {id: w, approvals: b}\n", "'b' is not of type 'array'"),
        ("version: 1\nworkflows:\n  - {id: w, approvals: [[a]]}\n", "is not of type"),
        ("version: 1\nlint: {severity: {OD201: fatal}}\n", "'fatal' is not one of"),
        ("version: 1\nsquads: []\n", "Additional properties are not allowed"),
    ],
)
def test_broken_files_fail(text: str, message: str) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(data(text))]
    assert any(message in error for error in errors), errors
