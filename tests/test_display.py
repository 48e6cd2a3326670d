"""Everything a notebook user touches displays itself, once, as HTML."""

from __future__ import annotations

import pytest

import orgdesign as od

RICH = ("_repr_svg_", "_repr_png_", "_repr_jpeg_", "_repr_markdown_", "_repr_latex_")


def report() -> od.Report:
    return od.lint(od.load("examples/series-a.org.yaml"))


def test_report_table_links_codes_to_their_pages() -> None:
    page = report()._repr_html_()
    assert "<strong>1 finding in 1 file: 0 errors, 0 warnings, 1 info.</strong>" in page
    assert (
        '<a href="https://orgdesign.readthedocs.io/en/latest/rules/span-of-control/" '
        'target="_blank" title="span-of-control"><code>OD602</code></a>'
    ) in page
    for header in ("severity", "code", "subject", "message", "fix", "location"):
        assert f"<th>{header}</th>" in page
    assert "examples/series-a.org.yaml:" in page


def test_a_clean_report_says_so() -> None:
    clean = od.lint(od.load("examples/series-a.org.yaml"), ignore=["OD602"])
    assert "All checks passed in 1 file." in clean._repr_html_()


def test_finding_displays_as_one_row() -> None:
    finding = report().findings[0]
    page = finding._repr_html_()
    assert page.count("<tr>") == 2
    assert "finding in" not in page
    assert finding.url == "https://orgdesign.readthedocs.io/en/latest/rules/span-of-control/"
    assert od.rules()[0].url.endswith(f"/rules/{od.rules()[0].slug}/")


def test_user_text_is_escaped() -> None:
    org = od.from_dict(
        {
            "version": 1,
            "people": [{"id": "a", "name": "<img src=x onerror=alert(1)>", "title": "CMO"}],
            "functions": [{"id": "f", "name": "<script>", "owners": {"input": ["a"]}}],
        }
    )
    page = od.lint(org)._repr_html_()
    assert "<script>" not in page
    assert "<img" not in page


@pytest.mark.parametrize(
    "make",
    [
        lambda org: org,
        lambda org: od.render(org),
        lambda org: od.lint(org),
        lambda org: od.lint(org).findings[0],
        lambda org: od.stats(org),
        lambda org: od.ownership_matrix(org),
    ],
    ids=["Org", "Chart", "Report", "Finding", "Stats", "OwnershipMatrix"],
)
def test_one_rich_representation_each(make) -> None:  # type: ignore[no-untyped-def]
    shown = make(od.load("examples/series-a.org.yaml"))
    assert isinstance(shown._repr_html_(), str)
    assert not [name for name in RICH if hasattr(shown, name)]


def test_charts_embed_their_svg() -> None:
    page = od.load("examples/quickstart.org.yaml")._repr_html_()
    assert page.startswith('<div class="orgdesign-chart"><svg')


def test_report_dataframe() -> None:
    pytest.importorskip("pandas")
    frame = report().to_dataframe()
    assert list(frame.columns)[:3] == ["rule", "code", "severity"]
    assert frame.loc[0, "code"] == "OD602"
    assert frame.loc[0, "line"] > 0


def test_an_org_too_large_to_draw_says_so_instead_of_raising() -> None:
    org = od.from_dict({"version": 1, "people": [{"id": f"p{i}"} for i in range(1501)]})
    page = org._repr_html_()
    assert page.startswith("<p><strong>Org</strong>: 1501 people. No chart:")
    assert "--focus ID --depth N" in page
