"""od.ownership_matrix: marks, gaps and conflicts, checked against the example files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main


@pytest.fixture(scope="module")
def series_a() -> od.OwnershipMatrix:
    return od.ownership_matrix(od.load("examples/series-a.org.yaml"))


def test_marks_match_the_file(series_a: od.OwnershipMatrix) -> None:
    assert series_a.mark("product-marketing", "pmm-lead") == "DE"
    assert series_a.mark("leadership", "ceo") == "IR"
    assert series_a.mark("mops", "dg-lead") == "R"
    assert series_a.mark("paid-media", "northstar") == "E"
    assert series_a.mark("mops", "writer") == ""
    # Everyone holds a role somewhere: 14 people, then the partner.
    assert len(series_a.owners) == 15
    assert series_a.owners[-1] == "northstar"
    assert series_a.functions[0] == "leadership"
    assert series_a.gaps == ()
    assert series_a.conflicts == ()


def test_gaps_name_what_is_missing() -> None:
    seed = od.ownership_matrix(od.load("examples/seed.org.yaml"))
    assert seed.gaps == ("mops",)
    assert seed.problems["mops"] == ("no execution owner",)
    scale_up = od.ownership_matrix(od.load("examples/scale-up.org.yaml"))
    assert scale_up.gaps == ("analytics",)
    assert scale_up.problems["analytics"] == ("execution only by open role analytics-lead",)
    assert "analytics-lead" in scale_up.vacant


def test_conflicts_and_teams_as_owners() -> None:
    org = od.from_dict(
        {
            "version": 1,
            "people": [{"id": "cmo"}, {"id": "pmm"}],
            "teams": [{"id": "growth"}],
            "functions": [
                {"id": "pm", "owners": {"decision": ["cmo", "pmm"], "execution": "pmm"}},
                {"id": "web", "owners": {"decision": "growth", "execution": "growth"}},
            ],
        }
    )
    matrix = od.ownership_matrix(org)
    assert matrix.conflicts == ("pm",)
    assert matrix.problems["pm"] == ("2 decision owners",)
    assert matrix.owners == ("cmo", "pmm", "growth")
    assert matrix.mark("web", "growth") == "DE"
    assert matrix.status == {"pm": "conflict", "web": ""}


def test_text_flags_problems_and_numbers_wide_grids() -> None:
    seed = od.ownership_matrix(od.load("examples/seed.org.yaml")).to_text()
    assert seed.splitlines()[0].split() == [
        "function",
        "ceo",
        "cto",
        "fractional-cmo",
        "marketing-manager",
        "sdr",
        "quill",
        "clickpath",
    ]
    assert "! gap: no execution owner" in seed
    assert seed.rstrip().endswith("1 gap, 0 conflicts")
    wide = od.ownership_matrix(od.load("examples/scale-up.org.yaml")).to_text()
    assert wide.splitlines()[0].split()[:3] == ["function", "1", "2"]
    assert "21  analytics-lead (open role)" in wide
    assert max(len(line) for line in wide.splitlines() if not line.startswith("analytics")) <= 125


def test_html_marks_gaps(series_a: od.OwnershipMatrix) -> None:
    page = od.ownership_matrix(od.load("examples/seed.org.yaml"))._repr_html_()
    assert '<tr class="od-gap">' in page
    assert "! no execution owner" in page
    assert "1 gap, 0 conflicts" in page


def test_hostile_names_are_escaped() -> None:
    org = od.from_dict(
        {
            "version": 1,
            "people": [{"id": "a", "name": "<script>x</script>"}],
            "functions": [{"id": "f", "name": "<b>", "owners": {"decision": "a"}}],
        }
    )
    page = od.ownership_matrix(org)._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_dataframe(series_a: od.OwnershipMatrix) -> None:
    pytest.importorskip("pandas")
    frame = series_a.to_dataframe()
    assert frame.loc["product-marketing", "pmm-lead"] == "DE"
    assert frame.shape == (9, 15)


def test_cli() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["matrix", "examples/seed.org.yaml"])
    assert result.exit_code == 0
    assert "! gap" in result.output
    result = runner.invoke(main, ["matrix", "examples/seed.org.yaml", "--format", "json"])
    data = json.loads(result.output)
    assert data["functions"][-1] == {
        "id": "mops",
        "marks": {"ceo": "D"},
        "status": "gap",
        "problems": ["no execution owner"],
    }
