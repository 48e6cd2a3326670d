"""Scenario comparison: figures agree with lint and stats, display three ways."""

from __future__ import annotations

import statistics

import pytest

import orgdesign as od

EXAMPLES = ["seed", "series-a", "scale-up"]


def scenarios() -> dict[str, od.Org]:
    return {name: od.load(f"examples/{name}.org.yaml") for name in EXAMPLES}


def test_compare_the_three_examples() -> None:
    orgs = scenarios()
    table = od.compare(orgs)
    assert table.scenarios == tuple(EXAMPLES)
    for name, org in orgs.items():
        report = od.lint(org)
        figures = od.stats(org)
        assert table.row("total")[name] == len(report.findings)
        for severity, count in report.summary.items():
            assert table.row(severity)[name] == count
        for finding in report.findings:
            expected = sum(1 for f in report.findings if f.code == finding.code)
            assert table.row(finding.code)[name] == expected
            assert table.row(f"{finding.code} {finding.rule}")[name] == expected
        assert table.row("layers")[name] == figures.depth
        assert table.row("widest span")[name] == max(figures.spans.values())
        assert table.row("median span")[name] == statistics.median(figures.spans.values())
        assert table.row("managers of one")[name] == sum(
            1 for s in figures.spans.values() if s == 1
        )
        assert table.row("brand share")[name] == figures.brand_share
        busiest = max(p.decision_load for p in figures.people)
        assert table.row("their decision load")[name] == busiest
        owner = table.row("busiest owner")[name]
        assert next(p for p in figures.people if p.id == owner).decision_load == busiest
        for kind in {f.kind for f in org.functions if f.kind}:
            fte = sum(figures.fte_by_function[f.id] for f in org.functions if f.kind == kind)
            assert table.row(f"fte {kind}")[name] == pytest.approx(fte)
    # A rule that fires in one scenario only still has a row, 0 elsewhere.
    codes = {f.code for org in orgs.values() for f in od.lint(org).findings}
    for code in codes:
        assert set(table.row(code)) == set(EXAMPLES)


def test_compare_a_what_if() -> None:
    org = od.load("examples/scale-up.org.yaml")
    option = org.move("ops-lead", reports_to="cmo")
    table = od.compare({"today": org, "ops under the CMO": option})
    assert table.row("OD301") == {"today": 1, "ops under the CMO": 0}
    assert table.row("widest span")["ops under the CMO"] == table.row("widest span")["today"] + 1


def test_compare_displays_as_text_html_and_frame() -> None:
    orgs = scenarios()
    table = od.compare(orgs)
    text = str(table)
    assert text == table.to_text()
    lines = text.splitlines()
    assert lines[0].split() == EXAMPLES
    assert "findings:" in lines
    assert any(line.split()[:1] == ["layers"] for line in lines)
    html = table._repr_html_()
    assert html.startswith('<table class="orgdesign-compare">')
    assert html.count("<tr>") >= len(table.rows)
    assert "font-weight:bold" in html  # figures that differ from the first scenario
    frame = table.to_dataframe()
    assert list(frame.columns) == EXAMPLES
    assert frame.loc[("shape", "layers"), "scale-up"] == od.stats(orgs["scale-up"]).depth
    data = table.to_dict()
    assert data["scenarios"] == EXAMPLES
    assert {"group", "figure", "values"} <= set(data["rows"][0])


def test_compare_refuses_what_is_not_scenarios() -> None:
    with pytest.raises(od.OrgDesignError, match="at least one"):
        od.compare({})
    with pytest.raises(od.OrgDesignError, match="scenario 'b' is a str, not an Org"):
        od.compare({"a": od.load("examples/seed.org.yaml"), "b": "x"})  # type: ignore[dict-item]


def test_compare_html_escapes_scenario_names() -> None:
    org = od.load("examples/seed.org.yaml")
    html = od.compare({"<b>x</b>": org})._repr_html_()
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
