"""A scene as Graphviz DOT, built with the graphviz package.

User text only ever reaches DOT inside ``label`` attributes, escaped with
`graphviz.escape` and marked as plain text so that graphviz never reads it as an
HTML-like label. Node names are ids, which the loader restricts to
``[A-Za-z0-9][A-Za-z0-9._@-]*``; the writer's own nodes start with ``_``.
"""

from __future__ import annotations

from orgdesign.loader import UNSAFE_CHARACTERS
from orgdesign.render.scene import Edge, Node, Scene, wrap

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
    "context": {
        "style": "rounded,dotted,filled",
        "fillcolor": "#f2f4f7",
        "color": "#667085",
        "fontcolor": "#475467",
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
    "workflow": {
        "shape": "box",
        "style": "filled",
        "fillcolor": "#eef1f5",
        "color": "#344054",
        "fontsize": "10",
        "margin": "0.12,0.05",
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
    # The functions view: D solid, E bold, I and R thin.
    "decision": {"color": "#1d2939", "penwidth": "1.3"},
    "execution": {"color": "#3b7d4f", "penwidth": "3"},
    "input": {"color": "#667085", "style": "dashed", "penwidth": "0.8"},
    "review": {"color": "#667085", "style": "dotted", "penwidth": "0.8"},
    # The workflows view: the steps of a chain, in order.
    "approval": {"color": "#475467", "penwidth": "1.3", "arrowhead": "normal", "arrowsize": "0.6"},
    "handoff": {
        "color": "#3b7d4f",
        "penwidth": "1.3",
        "style": "dashed",
        "arrowhead": "normal",
        "arrowsize": "0.6",
    },
}

# What the legend explains, per node and edge kind.
NODE_KEY = {
    "person": "Person",
    "vacant": "Open role",
    "context": "Outside this file",
    "partner": "Partner",
    "team": "Team",
    "function": "Function",
    "workflow": "Workflow",
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
    "approval": "approval step",
    "handoff": "handoff step",
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


def hover(value: str) -> str:
    """Hover text (lines split by newlines) as a DOT ``tooltip`` for other Graphviz users;
    the SVG that orgdesign returns gets the exact text from `hover_texts` instead."""
    import graphviz

    lines = (UNSAFE_CHARACTERS.sub("\ufffd", " ".join(line.split())) for line in value.split("\n"))
    return graphviz.nohtml(r"\n".join(graphviz.escape(line) for line in lines))


def hover_texts(scene: Scene) -> dict[str, str]:
    """Hover text by the SVG element id `write_dot` gives each node and edge."""
    texts = {f"node-{node.id}": node.tooltip for node in scene.nodes if node.tooltip}
    texts.update(
        (f"edge-{index}", edge.tooltip) for index, edge in enumerate(scene.edges) if edge.tooltip
    )
    return {key: UNSAFE_CHARACTERS.sub("\ufffd", value) for key, value in texts.items()}


def _node_attributes(node: Node, wrapped: bool) -> dict[str, str]:
    lines = wrap(node.lines) if wrapped else node.lines
    attributes = {"label": label(*lines, node.note), **NODE_STYLE[node.kind]}
    if node.severity is not None:
        fill, border, width = SEVERITY_STYLE[node.severity]
        attributes.update(fillcolor=fill, color=border, penwidth=width)
    if node.tooltip:
        attributes["tooltip"] = hover(node.tooltip)
    if node.tooltip or not node.id.startswith("_"):  # the SVG element: "node-" and the id
        attributes["id"] = f"node-{node.id}"
    return attributes


def write_dot(scene: Scene) -> str:
    import graphviz  # imported here to keep `import orgdesign` fast

    graph_attr = {
        "rankdir": scene.direction,
        "fontname": FONT,
        # Across the page cards are stacked down it: less room between them.
        "nodesep": "0.25" if scene.direction in ("TB", "BT") else "0.1",
        "ranksep": "0.45" if scene.view == "people" else "1.1",
        "newrank": "true",
        # All lines before the cards, dotted lines first: solid lines and cards cover them.
        "outputorder": "edgesfirst",
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
                "margin": "8",
            },
        )
        for index, group in enumerate(scene.groups)
    }
    stacked = {leaf: stack for stack in scene.stacks for leaf in stack.leaves}
    column = {leaf: f"_stack{i}" for i, stack in enumerate(scene.stacks) for leaf in stack.leaves}
    for node in scene.nodes:
        home = clusters.get(node.group or "", graph)
        attributes = _node_attributes(node, scene.direction in ("TB", "BT"))
        if node.id in column:  # one Graphviz group per stack keeps its cards in line
            attributes["group"] = column[node.id]
        home.node(node.id, **attributes)
    # A stack: a bus of points down the left of the column, one short line to each leaf;
    # whatever hangs off a leaf sits on its row, to the right.
    rows: dict[str, list[str]] = {leaf: [leaf] for leaf in stacked}
    for index, stack in enumerate(scene.stacks):
        group = next((n.group for n in scene.nodes if n.id == stack.leaves[0]), None)
        home = clusters.get(group or "", graph)
        previous = stack.manager
        for step, leaf in enumerate(stack.leaves):
            bus = f"_bus{index}_{step}"
            home.node(bus, shape="point", width="0.01", label="", group=f"_bus{index}")
            rows[leaf].insert(0, bus)
            graph.edge(previous, bus, **EDGE_STYLE["reports"], weight="20")
            graph.edge(bus, leaf, **EDGE_STYLE["reports"], weight="20")
            if step:  # an unseen line down the column holds the cards one above the other
                graph.edge(stack.leaves[step - 1], leaf, style="invis", weight="50")
            previous = bus
    # Dotted lines first: SVG paints in order, so solid lines are drawn over them.
    ordered = sorted(enumerate(scene.edges), key=lambda pair: pair[1].kind != "dotted")
    for index, edge in ordered:
        if edge.kind == "reports" and edge.head in stacked:
            continue  # drawn as the stack's bus
        if edge.tail in stacked and edge.kind in ("runs", "manages", "more"):
            rows[edge.tail].append(edge.head)
        attributes = _edge_attributes(edge)
        if edge.tooltip:
            attributes["id"] = f"edge-{index}"
        elif edge.kind == "dotted":  # moved beneath the solid lines in the SVG
            attributes["id"] = f"dotted_{index}"
        graph.edge(edge.tail, edge.head, **attributes)
    # Each level on one rank: peers share a row (a column, left to right).
    by_level: dict[int, list[str]] = {}
    for person, level in scene.levels.items():
        if person not in stacked:
            by_level.setdefault(level, []).append(person)
    for level in sorted(by_level):
        members = " ".join(_quote(p) for p in sorted(by_level[level]))
        graph.body.append(f"\t{{rank=same; {members}}}\n")
    for leaf in sorted(rows):
        graph.body.append(f"\t{{rank=same; {' '.join(_quote(n) for n in rows[leaf])}}}\n")
    # Nest groups deepest first, so each is complete when its parent takes it in.
    for group in reversed(scene.groups):
        clusters.get(group.parent or "", graph).subgraph(clusters[group.key])
    if scene.legend:
        # On the last rank, after everything on it, so it sits in a corner rather than
        # among the people (graphviz-pure does not place rank=sink).
        graph.node("_legend", label=_legend(scene), shape="plaintext", style="", fontsize="10")
        deepest = _deepest(scene)
        if deepest is not None:
            graph.body.append(f"\t{{rank=same; {_quote(deepest)} _legend}}\n")
    return graph.source


def _deepest(scene: Scene) -> str | None:
    """A node on the chart's last rank, following the lines that shape the layout."""
    stacked = {leaf: (stack, i) for stack in scene.stacks for i, leaf in enumerate(stack.leaves)}
    children: dict[str, list[tuple[str, int]]] = {}
    heads: set[str] = set()
    for edge in scene.edges:
        if edge.kind == "dotted" or (edge.kind == "reports" and edge.head in stacked):
            continue
        same_row = edge.tail in stacked and edge.kind in ("runs", "manages", "more")
        children.setdefault(edge.tail, []).append((edge.head, 0 if same_row else 1))
        heads.add(edge.head)
    for stack in scene.stacks:
        for step, leaf in enumerate(stack.leaves, start=1):
            children.setdefault(stack.manager, []).append((leaf, step))
            heads.add(leaf)
    rank: dict[str, int] = {}
    queue = [node.id for node in scene.nodes if node.id not in heads]
    for root in queue:
        rank[root] = 0
    while queue:  # longest path over a forest: each node is reached once
        following = []
        for current in queue:
            for child, step in children.get(current, ()):
                if child not in rank:
                    rank[child] = rank[current] + step
                    following.append(child)
        queue = following
    if not rank:
        return None
    return max(rank, key=lambda node: (rank[node], node))


def _quote(name: str) -> str:
    """A node name in DOT: ids are ``[A-Za-z0-9][A-Za-z0-9._@-]*``, ours start with ``_``."""
    return f'"{name}"'


def _edge_attributes(edge: Edge) -> dict[str, str]:
    attributes = dict(EDGE_STYLE[edge.kind])
    if edge.severity is not None:
        _fill, border, _width = SEVERITY_STYLE[edge.severity]
        # Colour, and for greyscale a heavier line and the code beside it.
        attributes.update(color=border, penwidth="3", fontcolor=border)
    if edge.label:
        attributes["label"] = label(edge.label)
    if edge.tooltip:
        attributes["tooltip"] = hover(edge.tooltip)
    return attributes


# Legend swatches per node kind: (fill, border, border style).
_SWATCH = {
    "person": ("white", "#475467", "rounded"),
    "vacant": ("#fafafa", "#98a2b3", "dashed"),
    "context": ("#f2f4f7", "#667085", "dotted"),
    "partner": ("#ece9fb", "#5b4b9a", ""),
    "team": ("#eef1f5", "#475467", ""),
    "function": ("#e8f5ec", "#3b7d4f", ""),
    "workflow": ("#eef1f5", "#344054", ""),
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
