"""The YAML test suite (402 inputs): each ends in an Org or an OrgDesignError, never anything
else, and every reported problem has a location in the file."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

import orgdesign as od

CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpora" / "yaml-test-suite"


def inputs() -> list[Path]:
    return sorted(CORPUS.rglob("in.yaml"))


@pytest.mark.skipif(
    not CORPUS.is_dir() and not os.environ.get("CI"), reason="shared/ corpora not beside the repo"
)
def test_every_yaml_test_suite_input_ends_cleanly() -> None:
    paths = inputs()
    assert len(paths) == 402, f"expected the 402 inputs of the YAML test suite, found {len(paths)}"
    outcomes: Counter[str] = Counter()
    for path in paths:
        expected_error = (path.parent / "error").exists()
        try:
            od.loads(path.read_bytes(), filename=str(path))
        except od.OrgDesignError as exc:
            outcomes["rejected (YAML error)" if expected_error else "rejected (not an org)"] += 1
            for problem in getattr(exc, "problems", ()):
                assert problem.location.file == str(path)
        else:
            outcomes["loaded"] += 1
            assert not expected_error, f"{path}: invalid YAML accepted"
    print(dict(outcomes))  # shown with -s; the counts of each outcome
    assert sum(outcomes.values()) == 402
