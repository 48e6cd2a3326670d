"""Charts: rendered by the bundled executable, well-formed, hostile text shown literally."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

import orgdesign as od
from orgdesign.render import RenderError, find_executable
from tests.tools import cpu_seconds

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


def test_user_text_only_in_labels_and_tooltips() -> None:
    dot = od.render(hostile_org()).dot
    for attribute in ("URL", "href", "class", "stylesheet", "image"):
        assert attribute not in dot, attribute
    # Element ids are made from entity ids, which the loader restricts to safe characters.
    ids = re.findall(r'\bid="([^"]*)"', dot)
    assert ids
    safe = re.compile(r"node-[A-Za-z0-9][A-Za-z0-9._@-]*|edge-[0-9]+")
    assert all(safe.fullmatch(i) for i in ids), ids
    assert dot.count('fontname="Arial"') + dot.count("fontname=Arial") >= 1


def test_hostile_tooltips_are_literal_and_inert() -> None:
    svg = od.render(hostile_org(), highlight=True).svg
    assert_safe(svg)
    root = ET.fromstring(svg)
    titles = [element.text or "" for element in root.iter(f"{SVG}title")]
    for name in HOSTILE:
        assert any(title.startswith(name + "\n") for title in titles), name


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
    assert "x" * 10_000 in shown  # a long title wraps at spaces only
    assert "\\G \\l {|}" in shown


# Chart options: focus, depth, grouping, the functions view, legend, Mermaid.


def scale_up() -> od.Org:
    return od.load("examples/scale-up.org.yaml")


def test_focus_draws_a_subtree_and_collapses_below_the_depth() -> None:
    chart = od.render(scale_up(), focus="cmo", depth=1)
    shown = texts(chart.svg)
    assert "Sarah Lindqvist" in shown
    assert "Lucas Meyer" in shown
    assert "Elena Petrova" not in shown  # the CEO is above the focus
    assert "Zoe Adams" not in shown  # two levels down: collapsed
    # Lucas Meyer's team (Martina Kovac, Zoe Adams and their reports) in one card.
    assert "+5 people" in shown
    assert "Helix Data · Sarah Lindqvist" in shown


def test_depth_zero_and_depth_without_focus() -> None:
    org = scale_up()
    only = texts(od.render(org, focus="cmo", depth=0).svg)
    assert "Sarah Lindqvist" in only
    assert "Lucas Meyer" not in only
    assert "+29 people" in only
    top = texts(od.render(org, depth=1).svg)
    assert "Sarah Lindqvist" in top
    assert "Lucas Meyer" not in top


def test_collapsed_cards_carry_hidden_findings() -> None:
    org = scale_up()
    chart = od.render(org, focus="cmo", depth=1, highlight=True)
    assert "! 1 with findings" in texts(chart.svg)  # Zoe Adams' span of one, hidden


def test_focus_errors_are_clear() -> None:
    org = scale_up()
    with pytest.raises(RenderError, match="cannot focus on 'cm': it is not in the file; did you"):
        od.render(org, focus="cm")
    with pytest.raises(RenderError, match="cannot focus on 'marketing': it is not a person"):
        od.render(org, focus="marketing")
    with pytest.raises(RenderError, match="depth must be 0 or more"):
        od.render(org, depth=-1)
    with pytest.raises(RenderError, match="group must be one of team, segment, none"):
        od.render(org, group="region")
    with pytest.raises(RenderError, match="direction must be one of"):
        od.render(org, direction="sideways")


def test_grouping() -> None:
    org = scale_up()
    by_team = od.render(org)
    assert "Demand Generation &amp; Ops" in by_team.dot  # Graphviz draws it as "&"
    assert "Demand Generation & Ops" in texts(by_team.svg)
    assert "cluster_" in by_team.dot
    assert "cluster_" not in od.render(org, group="none").dot
    by_segment = od.render(org, group="segment")
    labels = texts(by_segment.svg)
    assert "Enterprise" in labels
    assert "Mid-Market" in labels
    assert "Demand Generation & Ops" not in labels


def test_direction_names() -> None:
    org = od.load("examples/quickstart.org.yaml")
    assert "rankdir=LR" in od.render(org, direction="left-right").dot
    assert "rankdir=TB" in od.render(org, direction="top-down").dot


def test_functions_view_links_owners_by_role() -> None:
    org = od.load("examples/quickstart.org.yaml")
    chart = od.render(org, view="functions")
    shown = texts(chart.svg)
    assert "Legend" in shown
    assert "decides (D)" in shown
    assert "executes (E)" in shown
    dot = chart.dot
    assert "cmo -> mops" in dot
    assert '"ops-lead" -> mops' in dot
    assert "dg-lead -> " not in dot  # owns no function: not drawn


def test_legend_follows_what_is_drawn() -> None:
    org = od.load("examples/series-a.org.yaml")
    assert "Legend" not in texts(od.render(org).svg)
    shown = texts(od.render(org, highlight=True).svg)
    assert "Legend" in shown
    assert "info finding (! CODE)" in shown
    assert "dotted line" in shown
    assert "error finding (! CODE)" not in shown  # no errors on this chart
    assert "Open role" not in shown  # no open roles either
    assert "Legend" in texts(od.render(org, legend=True).svg)


def test_mermaid_output() -> None:
    org = od.load("examples/series-a.org.yaml")
    source = od.render(org, highlight=True, direction="TB").mermaid
    assert source.startswith('---\ntitle: "Northwind Analytics"\n---\nflowchart TB\n')
    assert re.search(r'subgraph g\d+\["Demand Generation"\]', source)
    assert '"Dana Reyes<br/>VP Marketing"' in source
    assert "-.->|dotted|" in source  # the product marketing lead's dotted line to the CPO
    assert "classDef info" in source
    functions = od.render(org, view="functions").mermaid
    assert "==>|D|" in functions
    assert "-.->|R|" in functions


def test_mermaid_escapes_hostile_text() -> None:
    source = od.render(hostile_org()).mermaid
    for line in source.splitlines():
        if '["' in line:  # a label: quotes, brackets, pipes and tags come as entities
            inner = line.split('"', 1)[1].rsplit('"', 1)[0].replace("<br/>", "")
            assert not set(inner) & set('"<>[]{}|`'), line
    assert "#lt;script#gt;" in source


def test_the_cap_counts_drawn_people() -> None:
    people = [{"id": "root"}] + [
        {"id": f"p{i}", "reports_to": "root" if i < 40 else f"p{i % 40}"} for i in range(3000)
    ]
    org = od.from_dict({"version": 1, "people": people})
    with pytest.raises(RenderError, match="3001 people, over the limit of 1500; draw part"):
        od.render(org)
    chart = od.render(org, focus="p7", depth=1)  # the focus and its reports fit
    assert "p47" in chart.dot
    assert "p87" in chart.dot


def test_save_mermaid_and_cli_stdout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from orgdesign.cli import main

    chart = od.render(od.load("examples/quickstart.org.yaml"))
    assert chart.save(tmp_path / "c.mmd").read_text().startswith("---\ntitle:")
    result = CliRunner().invoke(
        main,
        ["render", "examples/quickstart.org.yaml", "-o", "-", "--format", "mermaid"],
    )
    assert result.exit_code == 0
    assert "flowchart TB" in result.output
    result = CliRunner().invoke(
        main,
        ["render", "examples/scale-up.org.yaml", "-o", str(tmp_path / "f.svg"), "--focus", "x"],
    )
    assert result.exit_code == 2
    assert "cannot focus on 'x': it is not in the file" in result.output


def _deep_teams(depth: int, segment: str | None = None) -> od.Org:
    first = f"  - {{id: t0, segment: {segment}}}\n" if segment else "  - {id: t0}\n"
    teams = first + "".join(f"  - {{id: t{i}, parent: t{i - 1}}}\n" for i in range(1, depth))
    people = f"  - {{id: a, team: t{depth - 1}}}\n  - {{id: b, team: t2}}\n"
    return od.loads(f"version: 1\npeople:\n{people}teams:\n{teams}")


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deep_team_nesting_is_drawn_within_the_depth_cap(depth: int) -> None:
    from orgdesign.render.scene import MAX_GROUP_DEPTH

    start = cpu_seconds()
    svg = od.render(_deep_teams(depth)).svg
    assert svg.count('class="cluster"') == MAX_GROUP_DEPTH  # a's chain, capped; b's inside
    assert cpu_seconds() - start < 10


def test_segment_grouping_of_a_deep_chain_is_linear() -> None:
    start = cpu_seconds()
    labels = texts(od.render(_deep_teams(100_000, segment="EMEA"), group="segment").svg)
    assert "EMEA" in labels
    assert cpu_seconds() - start < 10


def test_functions_and_partners_count_toward_the_chart_cap() -> None:
    functions = "".join(f"  - {{id: f{i}, owners: {{execution: a}}}}\n" for i in range(2000))
    org = od.loads("version: 1\npeople:\n  - {id: a}\nfunctions:\n" + functions)
    with pytest.raises(RenderError, match="would have 2001 boxes"):
        od.render(org)
    assert od.render(org, functions=False).svg.lstrip().startswith("<?xml")


# Issue 16: the workflows view, hover text, partners, the legend, formats.


def titles(svg: str) -> dict[str, str]:
    """SVG element id -> its <title> text (the hover text)."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if group.get("id") and title is not None:
            found[group.get("id", "")] = title.text or ""
    return found


def test_workflows_view_draws_each_chain_in_order() -> None:
    org = scale_up()
    chart = od.render(org, view="workflows")
    shown = texts(chart.svg)
    event = next(w for w in org.workflows if w.id == "enterprise-event")
    names = {p.id: p.name for p in org.people}
    for step, approver in enumerate(event.approvals, start=1):
        assert f"{step}. {names[approver]}" in shown
    functions = {f.id: f.label for f in org.functions}
    for step, function in enumerate(event.handoffs, start=1):
        assert f"{step}. {functions[function]}" in shown
    assert "rankdir=LR" in chart.dot  # chains read across the page
    assert "approvals" in shown
    assert "handoffs" in shown
    # Each chain is a path: head -> step 1 -> step 2 ..., in the file's order.
    index = org.workflows.index(event)
    chain = [f"_wf{index}"] + [f"_wf{index}_a{i}" for i in range(1, len(event.approvals) + 1)]
    for tail, head in itertools.pairwise(chain):
        assert f'"{tail}" -> "{head}"' in chart.dot or f"{tail} -> {head}" in chart.dot


def test_workflows_view_flags_long_chains_in_colour_and_in_text() -> None:
    org = scale_up()
    report = od.lint(org)
    flagged = {f.subject for f in report.findings if f.code == "OD201"}
    assert "enterprise-event" in flagged
    chart = od.render(org, view="workflows", highlight=report)
    shown = texts(chart.svg)
    assert "approvals ! OD201" in shown  # readable without colour
    hover = titles(chart.svg)
    finding = next(f for f in report.findings if f.code == "OD201")
    edge_titles = [t for key, t in hover.items() if key.startswith("edge-")]
    assert any(finding.message in t and finding.fix in t for t in edge_titles)
    assert "penwidth=3" in chart.dot
    calm = od.render(org, view="workflows")
    assert "! OD201" not in texts(calm.svg)
    assert "penwidth=3" not in calm.dot


def test_workflows_view_under_a_focus_keeps_workflows_with_approvers_there() -> None:
    org = scale_up()
    shown = texts(od.render(org, view="workflows", focus="ent-lead").svg)
    assert "enterprise-event" in shown
    assert "annual-plan" not in shown


def test_cards_carry_hover_text_with_findings() -> None:
    org = scale_up()
    report = od.lint(org)
    hover = titles(od.render(org, highlight=report).svg)
    cmo = hover["node-cmo"]
    person = org.get("cmo")
    assert cmo.startswith(f"{person.name}\n{person.title}\nTeam: Marketing\n1 FTE")
    for finding in (f for f in report.findings if f.subject == "cmo"):
        assert f"{finding.code} ({finding.severity}): {finding.message}" in cmo
        assert finding.fix in cmo
    assert "OD" not in hover["node-ceo"]  # no findings, no finding lines
    plain = titles(od.render(org).svg)
    assert plain["node-cmo"] == f"{person.name}\n{person.title}\nTeam: Marketing\n1 FTE"


def test_unmanaged_partners_sit_in_their_own_band() -> None:
    org = od.from_dict(
        {
            "version": 1,
            "people": [{"id": "ceo", "name": "Chief"}, {"id": "cmo", "reports_to": "ceo"}],
            "partners": [
                {"id": "loose", "name": "Loose Agency", "kind": "agency"},
                {"id": "held", "name": "Held Agency", "kind": "agency", "managed_by": "cmo"},
            ],
        }
    )
    chart = od.render(org, highlight=True)
    shown = texts(chart.svg)
    assert "Unmanaged partners" in shown
    assert "! OD403" in shown
    assert "cmo -> held" in chart.dot
    assert "-> loose" not in chart.dot


def test_dotted_lines_are_painted_beneath_solid_ones() -> None:
    root = ET.fromstring(od.render(scale_up()).svg)
    order = []  # True for a dotted line, in the order the SVG paints them
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "edge":
            path = next(group.iter(f"{SVG}path"))
            order.append(path.get("stroke") == "#1d5fa8" and bool(path.get("stroke-dasharray")))
    assert sum(order) >= 2  # the CRO's and CPO's dotted lines
    assert order == sorted(order, reverse=True)  # every dotted line before any solid one


def test_the_legend_sits_on_the_last_rank() -> None:
    svg = od.render(od.load("examples/seed.org.yaml"), highlight=True).svg
    root = ET.fromstring(svg)
    bottoms = []
    legend_bottom = None
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        numbers = [
            float(n)
            for e in group.iter()
            for n in re.findall(r"-?\d+\.?\d*", e.get("points") or e.get("d") or "")
        ]
        ys = numbers[1::2]
        if not ys:
            continue
        title = group.find(f"{SVG}title")
        if title is not None and title.text == "_legend":
            legend_bottom = max(ys)
        else:
            bottoms.append(max(ys))
    assert legend_bottom is not None
    assert legend_bottom >= max(bottoms) - 1


@pytest.mark.parametrize("name", ["chart.jpg", "chart.pdf", "chart.svgz", "chart"])
def test_unknown_output_formats_are_refused_with_the_list(tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    from orgdesign.cli import main
    from tests.tools import cli_runner

    chart = od.render(od.load("examples/quickstart.org.yaml"))
    if "." in name:
        with pytest.raises(RenderError, match=r"svg, png, dot or mermaid"):
            chart.save(tmp_path / name)
    result = cli_runner().invoke(
        main, ["render", "examples/quickstart.org.yaml", "-o", str(tmp_path / name)]
    )
    assert result.exit_code == 2
    assert ".svg, .png, .dot or .mmd" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / name).exists()


def test_mermaid_workflows_flag_chains() -> None:
    org = od.load("examples/seed.org.yaml")
    source = od.render(org, view="workflows", highlight=True).mermaid
    assert source.splitlines()[3] == "flowchart LR"
    assert "-->|approvals ! OD201|" in source
    assert "linkStyle 0,1,2,3 stroke:#a15c07,stroke-width:3px" in source
    assert "linkStyle" not in od.render(org, view="workflows").mermaid


def test_cli_views_and_layout_switches(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from orgdesign.cli import main
    from tests.tools import cli_runner

    runner = cli_runner()
    example = "examples/scale-up.org.yaml"
    for args in (
        ["--view", "workflows", "--highlight"],
        ["--view", "functions"],
        ["--direction", "TB", "--no-compact"],
        ["--direction", "TB", "--compact"],
        ["--direction", "auto"],
    ):
        out = tmp_path / "chart.dot"
        result = runner.invoke(main, ["render", example, "-o", str(out), *args])
        assert result.exit_code == 0, (args, result.stderr)
        dot = out.read_text(encoding="utf-8")
        if "--no-compact" in args:
            assert "_bus" not in dot
        if "--compact" in args:
            assert "_bus" in dot
        if "workflows" in args:
            assert "approvals ! OD201" in dot
