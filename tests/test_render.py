"""Charts: rendered by the bundled executable, well-formed, hostile text shown literally."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import orgdesign as od
from orgdesign.render import RenderError, find_executable

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    '"><script>alert(1)</script>',
    "\\N",
    "C:\\new\\team",
    "<b>x</b>",
    "trailing\\",
    'quote " and \\" mixed',
    "{braces} | pipes < >",
    "javascript:alert(1)",
    "onload=alert(1)",
    "名前 🚀 émoji",
]


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def assert_safe(svg: str) -> None:
    root = ET.fromstring(svg)  # well-formed XML
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in ("script", "foreignObject"), tag
        for name, value in element.attrib.items():
            local = name.split("}")[-1]
            assert not local.lower().startswith("on"), (local, value)
            if local == "href":
                assert value.startswith(("http:", "https:", "mailto:", "#")), value


def hostile_org() -> od.Org:
    return od.from_dict(
        {
            "version": 1,
            "org": {"name": HOSTILE[0]},
            "people": [
                {"id": f"p{i}", "name": name, "title": name, "team": "t", "reports_to": "p0"}
                if i
                else {"id": "p0", "name": name, "title": name, "team": "t"}
                for i, name in enumerate(HOSTILE)
            ],
            "teams": [{"id": "t", "name": HOSTILE[3]}],
            "partners": [{"id": "agency", "name": HOSTILE[1], "managed_by": "p0"}],
            "functions": [{"id": "f", "name": HOSTILE[2], "owners": {"execution": "p1"}}],
        }
    )


def test_the_bundled_renderer_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORGDESIGN_DOT", raising=False)
    assert find_executable().endswith("graphviz-pure")


def test_hostile_names_appear_literally_and_safely() -> None:
    chart = od.render(hostile_org(), highlight=True)
    svg = chart.svg
    assert_safe(svg)
    shown = texts(svg)
    for name in HOSTILE:
        assert name in shown, name
    assert "<script" not in svg


def test_user_text_only_in_labels() -> None:
    dot = od.render(hostile_org()).dot
    for attribute in ("URL", "href", "tooltip", "id=", "class", "stylesheet", "image"):
        assert attribute not in dot, attribute
    assert dot.count('fontname="Arial"') + dot.count("fontname=Arial") >= 1


def test_chart_shows_cards_lines_teams_and_partners() -> None:
    org = od.load("examples/series-a.org.yaml")
    chart = od.render(org)
    svg = chart.svg
    assert_safe(svg)
    shown = texts(svg)
    assert "Dana Reyes" in shown
    assert "VP Marketing" in shown
    assert "Northstar Agency" in shown
    assert "Demand Generation" in shown  # a team cluster label
    assert 'stroke-dasharray="5,2"' in svg  # the dotted line pmm-lead -> cpo


def test_highlight_marks_the_subject() -> None:
    org = od.load("examples/series-a.org.yaml")
    svg = od.render(org, highlight=od.lint(org)).svg
    assert "! OD602" in texts(svg)


def test_open_roles_are_labelled() -> None:
    org = od.loads("version: 1\npeople:\n  - {id: a, title: Writer, vacant: true}\n")
    assert "Open role" in texts(od.render(org).svg)


def test_same_input_same_bytes() -> None:
    org = od.load("examples/series-a.org.yaml")
    assert od.render(org).svg == od.render(od.load("examples/series-a.org.yaml")).svg


def test_too_many_people_is_refused() -> None:
    org = od.from_dict({"version": 1, "people": [{"id": f"p{i}"} for i in range(5)]})
    with pytest.raises(RenderError, match="the chart would have 5 people"):
        od.render(org, max_people=4)


def test_team_parent_cycles_do_not_hang() -> None:
    org = od.from_dict(
        {
            "version": 1,
            "teams": [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}],
            "people": [{"id": "x", "team": "a"}],
        }
    )
    assert_safe(od.render(org).svg)


def test_save_formats(tmp_path) -> None:  # type: ignore[no-untyped-def]
    chart = od.render(od.load("examples/series-a.org.yaml"))
    assert chart.save(tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(RenderError, match="unknown chart format 'pdf'"):
        chart.save(tmp_path / "c.pdf")


def test_org_displays_in_jupyter() -> None:
    html = od.load("examples/series-a.org.yaml")._repr_html_()
    assert html.startswith('<div class="orgdesign-chart"><svg')


def test_text_that_bypassed_the_loader_is_still_safe() -> None:
    from orgdesign.model import Org, Person

    long_title = "x" * 10_000 + " \\G \\l {|}"
    org = Org(people=(Person(id="a", name="bell\x07 rtl\u202eevil", title=long_title),))
    svg = od.render(org).svg
    assert_safe(svg)  # well-formed although the name held a control character
    shown = texts(svg)
    assert "bell\ufffd rtl\ufffdevil" in shown
    assert long_title in shown
