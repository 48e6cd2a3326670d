"""A scene as Graphviz DOT, built with the graphviz package.

User text only ever reaches DOT inside ``label`` attributes, escaped with
`graphviz.escape` and marked as plain text so that graphviz never reads it as an
HTML-like label. Node names are ids, which the loader restricts to
``[A-Za-z0-9][A-Za-z0-9._@-]*``; the writer's own nodes start with ``_``.
"""

from __future__ import annotations

from orgdesign.loader import UNSAFE_CHARACTERS
from orgdesign.render.scene import Edge, Node, Scene

FONT = "Arial"

# Fill, border and pen width by worst finding severity. They differ in lightness as well
# as hue, so they still read apart in greyscale.
SEVERITY_STYLE = {
    "error": ("#f8c9c4", "#b42318", "2.2"),
    "warning": ("#fde9a9", "#a15c07", "1.8"),
    "info": ("#d5e7fb", "#1d5fa8", "1.4"),
}

NODE_STYLE: dict[str, dict[str, str]] = {
    "person": {},
    "vacant": {
        "style": "rounded,dashed,filled",
        "fillcolor": "#fafafa",
        "color": "#98a2b3",
        "fontcolor": "#667085",
    },
    "partner": {
        "shape": "box3d",
        "style": "filled",
        "fillcolor": "#ece9fb",
        "color": "#5b4b9a",
        "fontcolor": "#2e2557",
    },
    "team": {
        "shape": "tab",
        "style": "filled",
        "fillcolor": "#eef1f5",
        "color": "#475467",
    },
    "function": {
        "shape": "note",
        "style": "filled",
        "fillcolor": "#e8f5ec",
        "color": "#3b7d4f",
        "fontsize": "9",
        "fontcolor": "#1f4d2c",
        "margin": "0.08,0.03",
    },
    "more": {
        "shape": "box",
        "style": "rounded,dotted,filled",
        "fillcolor": "#f2f4f7",
        "color": "#667085",
        "fontcolor": "#344054",
        "fontsize": "10",
    },
}

EDGE_STYLE: dict[str, dict[str, str]] = {
    "reports": {"penwidth": "1.3"},
    "more": {"style": "dotted", "penwidth": "1.3"},
    "dotted": {
        "style": "dashed",
        "color": "#1d5fa8",
        "constraint": "false",
        "arrowhead": "open",
        "arrowsize": "0.6",
    },
    "manages": {"style": "dotted", "color": "#5b4b9a"},
    "runs": {"color": "#3b7d4f", "penwidth": "0.8", "weight": "2"},
    "decision": {"color": "#1d2939", "penwidth": "2.6"},
    "execution": {"color": "#3b7d4f", "penwidth": "1.6"},
    "input": {"color": "#667085", "style": "dashed", "penwidth": "1"},
    "review": {"color": "#667085", "style": "dotted", "penwidth": "1.2"},
}

# What the legend explains, per node and edge kind.
NODE_KEY = {
    "person": "Person",
    "vacant": "Open role",
    "partner": "Partner",
    "team": "Team",
    "function": "Function",
    "more": "Collapsed people",
}
EDGE_KEY = {
    "reports": "reports to",
    "dotted": "dotted line",
    "manages": "manages partner",
    "runs": "runs function",
    "more": "collapsed reports",
    "decision": "decides (D)",
    "execution": "executes (E)",
    "input": "gives input (I)",
    "review": "reviews (R)",
}


def text(value: str) -> str:
    """One line of user text, safe inside a DOT label and the SVG made from it.

    The loader already refuses control and bidirectional characters; an Org built directly
    in Python has not been through it, so they are replaced here too (SVG is XML, which
    cannot hold most control characters at all). Ampersands are escaped, so no character
    reference a name holds is ever expanded: names are drawn exactly as written.
    """
    import graphviz

    # Graphviz expands character and entity references (&#1;, &#xD800;, &amp;) inside
    # labels, which would put unsafe or invalid characters into the SVG and show escaped
    # names unescaped. An ampersand written as &amp; reaches the SVG as itself.
    cleaned = UNSAFE_CHARACTERS.sub("\ufffd", " ".join(value.split()))
    return graphviz.escape(cleaned.replace("&", "&amp;"))


def label(*lines: str | None) -> str:
    """Lines of user text as one DOT label; never read as an HTML-like ``<...>`` label."""
    import graphviz

    # str.join returns a plain str, dropping escape()'s NoHtml marker: mark the whole again.
    return graphviz.nohtml(r"\n".join(text(line) for line in lines if line))


def _node_attributes(node: Node) -> dict[str, str]:
    attributes = {"label": label(*node.lines, node.note), **NODE_STYLE[node.kind]}
    if node.severity is not None:
        fill, border, width = SEVERITY_STYLE[node.severity]
        attributes.update(fillcolor=fill, color=border, penwidth=width)
    return attributes


def write_dot(scene: Scene) -> str:
    import graphviz  # imported here to keep `import orgdesign` fast

    graph_attr = {
        "rankdir": scene.direction,
        "fontname": FONT,
        "nodesep": "0.25",
        "ranksep": "0.45" if scene.view == "people" else "1.1",
        "newrank": "true",
        "bgcolor": "white",
        "pad": "0.2",
    }
    if scene.title:
        graph_attr.update(label=text(scene.title), labelloc="t", fontsize="18")
    graph = graphviz.Digraph(
        name="org",
        graph_attr=graph_attr,
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": "white",
            "color": "#475467",
            "fontname": FONT,
            "fontsize": "11",
            "margin": "0.14,0.06",
        },
        edge_attr={"color": "#667085", "arrowhead": "none", "fontname": FONT, "fontsize": "9"},
    )
    clusters = {
        group.key: graphviz.Digraph(
            name=f"cluster_{index}",
            graph_attr={
                "label": label(group.label),
                "style": "rounded,filled",
                "fillcolor": "#f5f7fa",
                "color": "#c7cdd6",
                "fontsize": "12",
                "fontcolor": "#344054",
                "labeljust": "l",
                "margin": "12",
            },
        )
        for index, group in enumerate(scene.groups)
    }
    for node in scene.nodes:
        home = clusters.get(node.group or "", graph)
        home.node(node.id, **_node_attributes(node))
    for edge in scene.edges:
        graph.edge(edge.tail, edge.head, **_edge_attributes(edge))
    # Nest groups deepest first, so each is complete when its parent takes it in.
    for group in reversed(scene.groups):
        clusters.get(group.parent or "", graph).subgraph(clusters[group.key])
    if scene.legend:
        graph.node("_legend", label=_legend(scene), shape="plaintext", style="", fontsize="10")
    return graph.source


def _edge_attributes(edge: Edge) -> dict[str, str]:
    attributes = dict(EDGE_STYLE[edge.kind])
    if edge.length > 1:
        attributes["minlen"] = str(edge.length)
    return attributes


# Legend swatches per node kind: (fill, border, border style).
_SWATCH = {
    "person": ("white", "#475467", "rounded"),
    "vacant": ("#fafafa", "#98a2b3", "dashed"),
    "partner": ("#ece9fb", "#5b4b9a", ""),
    "team": ("#eef1f5", "#475467", ""),
    "function": ("#e8f5ec", "#3b7d4f", ""),
    "more": ("#f2f4f7", "#667085", "dotted"),
}


def _legend(scene: Scene) -> str:
    """A key of the node kinds, lines and finding colours on this chart, as one HTML-like
    table label. Only fixed text of ours goes into it, never user text."""
    kinds = {node.kind for node in scene.nodes}
    lines = {edge.kind for edge in scene.edges}
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>']
    for kind, meaning in NODE_KEY.items():
        if kind in kinds:
            fill, border, style = _SWATCH[kind]
            rows.append(_swatch_row(fill, border, style, "1", meaning))
    for severity in scene.severities:
        fill, border, width = SEVERITY_STYLE[severity]
        rows.append(_swatch_row(fill, border, "", "2", f"{severity} finding (! CODE)"))
    for kind, meaning in EDGE_KEY.items():
        if kind in lines:
            style = EDGE_STYLE[kind]
            pen = style.get("style", "")
            width = "2" if float(style.get("penwidth", "1")) >= 1.5 else "1"
            color = style.get("color", "#667085")
            rows.append(
                f'<TR><TD SIDES="B" BORDER="{width}" COLOR="{color}"'
                f"{f' STYLE={chr(34)}{pen}{chr(34)}' if pen in ('dashed', 'dotted') else ''} "
                'FIXEDSIZE="TRUE" WIDTH="34" HEIGHT="10"></TD>'
                f'<TD ALIGN="LEFT">{meaning}</TD></TR>'
            )
    table = (
        '<TABLE BORDER="1" COLOR="#98a2b3" STYLE="rounded" CELLBORDER="0" CELLSPACING="5" '
        'CELLPADDING="2">' + "".join(rows) + "</TABLE>"
    )
    return f"<{table}>"


def _swatch_row(fill: str, border: str, style: str, width: str, meaning: str) -> str:
    styled = f' STYLE="{style}"' if style else ""
    return (
        f'<TR><TD BGCOLOR="{fill}" BORDER="{width}" COLOR="{border}"{styled} '
        f'FIXEDSIZE="TRUE" WIDTH="34" HEIGHT="16"></TD><TD ALIGN="LEFT">{meaning}</TD></TR>'
    )
