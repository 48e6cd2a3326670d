"""od.stats agrees with counts made by hand from the example files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import orgdesign as od
from orgdesign.cli import main


@pytest.fixture(scope="module")
def series_a() -> od.Stats:
    return od.stats(od.load("examples/series-a.org.yaml"))


def test_spans_and_bands_match_a_hand_count(series_a: od.Stats) -> None:
    # ceo: sales-vp, cpo, vp-marketing; vp-marketing: five leads; pmm-lead: pmm-manager.
    assert series_a.spans == {
        "ceo": 3,
        "vp-marketing": 5,
        "dg-lead": 2,
        "content-lead": 2,
        "pmm-lead": 1,
    }
    assert series_a.span_bands == {"1": 1, "2-3": 3, "4-7": 1, "8-12": 0, "13-16": 0, "17+": 0}
    assert series_a.mean_span == 2.6


def test_layers_from_the_top(series_a: od.Stats) -> None:
    assert series_a.layers == {1: 1, 2: 3, 3: 5, 4: 5}
    assert series_a.depth == 4
    rows = {person.id: person for person in series_a.people}
    assert rows["ceo"].layer == 1
    assert rows["pmm-manager"].layer == 4


def test_fte_per_function_and_team(series_a: od.Stats) -> None:
    # brand: brand-lead's allocation (1.0) + the designer who executes it; ops-lead splits
    # between mops and analytics; paid media is executed by the agency, which is no FTE.
    assert series_a.fte_by_function == {
        "leadership": 1.0,
        "demand-gen": 1.0,
        "paid-media": 0.0,
        "events": 1.0,
        "content": 1.0,
        "product-marketing": 2.0,
        "brand": 2.0,
        "mops": 0.5,
        "analytics": 0.5,
    }
    assert series_a.fte_by_team == {
        "exec": 1.0,
        "marketing": 5.0,
        "demand": 3.0,
        "content-team": 3.0,
        "sales": 1.0,
        "product": 1.0,
    }
    assert (series_a.brand_fte, series_a.demand_fte, series_a.brand_share) == (3.0, 2.0, 0.6)
    assert series_a.headcount == 14
    assert series_a.total_fte == 14.0


def test_meeting_and_decision_load(series_a: od.Stats) -> None:
    rows = {person.id: person for person in series_a.people}
    vp = rows["vp-marketing"]
    # Owns quarterly-strategy 0.5, monthly-roadmap 0.5, weekly-team 1, governance 0.25;
    # attends weekly-pipeline 1: 3.25 hours of a 40-hour week.
    assert vp.meeting_hours == 3.25
    assert vp.meeting_share == pytest.approx(3.25 / 40, abs=1e-4)
    assert (vp.decisions, vp.approvals, vp.decision_load) == (2, 2, 4)
    assert (rows["dg-lead"].decisions, rows["dg-lead"].approvals) == (3, 1)
    assert rows["ops-lead"].meeting_hours == 2.5


def test_vacancies_partners_and_fractional_capacity() -> None:
    scale_up = od.stats(od.load("examples/scale-up.org.yaml"))
    assert scale_up.vacancies == ("analytics-lead",)
    assert scale_up.partners == {"signal-agency": "agency", "eventcraft": "vendor"}
    seed = od.stats(od.load("examples/seed.org.yaml"))
    rows = {person.id: person for person in seed.people}
    assert rows["fractional-cmo"].fte == 0.4
    assert seed.total_fte == 4.4  # four full-time people and a 0.4 FTE fractional CMO


def test_an_empty_org_has_empty_figures() -> None:
    figures = od.stats(od.loads("version: 1\n"))
    assert (figures.depth, figures.mean_span, figures.brand_share) == (0, None, None)
    assert figures.to_text().startswith("Org: 0 people")


def test_people_in_a_reporting_cycle_have_no_layer() -> None:
    org = od.loads(
        "version: 1\npeople:\n  - {id: a, reports_to: b}\n  - {id: b, reports_to: a}\n  - {id: c}\n"
    )
    rows = {person.id: person for person in od.stats(org).people}
    assert (rows["a"].layer, rows["c"].layer) == (None, 1)


def test_to_dict_is_json_ready_and_stable(series_a: od.Stats) -> None:
    data = series_a.to_dict()
    text = json.dumps(data, sort_keys=False)
    assert json.loads(text)["span_bands"]["4-7"] == 1
    assert data["layers"] == {"1": 1, "2": 3, "3": 5, "4": 5}
    assert data["people"][0]["decision_load"] == 1  # the CEO approves the quarterly plan


def test_tables_and_dataframes(series_a: od.Stats) -> None:
    pandas = pytest.importorskip("pandas")
    people = series_a.to_dataframe()
    assert isinstance(people, pandas.DataFrame)
    assert people.loc["vp-marketing", "span"] == 5
    assert list(series_a.to_dataframe("spans")["managers"]) == [1, 3, 1, 0, 0, 0]
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        series_a.table("nope")


def test_without_pandas_the_error_says_what_to_install(
    series_a: od.Stats, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"orgdesign\[pandas\]"):
        series_a.to_dataframe()


def test_html_display(series_a: od.Stats) -> None:
    page = series_a._repr_html_()
    assert "Spans of control" in page
    assert "FTE per function" in page
    assert "Northwind Analytics" in page


def test_cli_text_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "examples/series-a.org.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Northwind Analytics: 14 people, 14 FTE, 0 open roles, 1 partner"
    )
    assert "bands  1: 1  2-3: 3  4-7: 1  8-12: 0  13-16: 0  17+: 0" in result.output
    result = runner.invoke(main, ["stats", "examples/series-a.org.yaml", "--format", "json"])
    assert json.loads(result.output)["brand_share"] == 0.6


def test_cli_bad_file_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.org.yaml"
    path.write_text("version: 1\npeople: 3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["stats", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"{path}:2:")
