"""The tour notebook runs top to bottom, every object in it displays as HTML, and the docs
page made from it is current."""

from __future__ import annotations

from typing import Any

import pytest

from tests.tools import ROOT, load_tool

NOTEBOOK = ROOT / "examples" / "tour.ipynb"
PAGE = ROOT / "docs" / "tour.md"


def _tool() -> Any:
    return load_tool("notebook_page")


@pytest.fixture(scope="module")
def executed() -> Any:
    return _tool().execute(NOTEBOOK)


def test_every_cell_runs(executed: Any) -> None:
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]


def test_every_result_displays_richly_and_once(executed: Any) -> None:
    results = [
        output
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type in ("execute_result", "display_data")
    ]
    assert len(results) >= 8  # chart, findings, chart, stats, frame, matrix, two charts
    for output in results:
        assert "text/html" in output.data
        assert "image/svg+xml" not in output.data  # the chart's SVG lives inside the HTML
    charts = [o for o in results if o.data["text/html"].startswith('<div class="orgdesign-chart">')]
    assert len(charts) == 4
    tables = "".join(o.data["text/html"] for o in results)
    markers = ('class="od-report"', 'class="od-stats"', 'class="od-matrix"', "+5 people")
    for marker in (*markers, 'class="orgdesign-compare"'):
        assert marker in tables


def test_the_networkx_analysis_prints_people(executed: Any) -> None:
    last = executed.cells[-1].outputs
    text = "".join(o.text for o in last if o.output_type == "stream")
    assert text.splitlines()[0].startswith("cmo ")
    assert len(text.splitlines()) == 5


def test_the_docs_page_is_current(executed: Any) -> None:
    expected = _tool().to_markdown(executed, "examples/tour.ipynb")
    assert PAGE.read_text(encoding="utf-8") == expected, (
        "docs/tour.md is stale: run python tools/notebook_page.py examples/tour.ipynb docs/tour.md"
    )


def test_the_what_if_section_compares_and_walks_the_hierarchy(executed: Any) -> None:
    sources = ["".join(cell.source) for cell in executed.cells]
    compared = executed.cells[next(i for i, s in enumerate(sources) if "od.compare(" in s)]
    table = compared.outputs[0].data["text/html"]
    assert "ops under the CMO" in table
    assert "OD301 buried-marketing-ops" in table
    diffed = executed.cells[next(i for i, s in enumerate(sources) if "od.diff(" in s)]
    printed = "".join(o.text for o in diffed.outputs if o.output_type == "stream")
    assert printed.startswith("scale-up.org.yaml -> scale-up.org.yaml (edited)\n")
    assert "reports_to: demand-director -> cmo" in printed
    assert "fixed findings:" in printed
    walked = executed.cells[next(i for i, s in enumerate(sources) if "nx.descendants" in s)]
    lines = "".join(o.text for o in walked.outputs if o.output_type == "stream").splitlines()
    assert lines[0].endswith("people below the CMO")
    assert lines[1].startswith("deepest chain: ceo > cmo > ")
