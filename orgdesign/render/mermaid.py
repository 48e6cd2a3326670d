"""A scene as a Mermaid ``flowchart``, for GitHub markdown and other Mermaid hosts.

Node names are ``n0``, ``n1``... in scene order (ids may hold characters Mermaid reads as
syntax); user text goes only inside quoted labels, with Mermaid's entity codes for the
characters that would end or restyle them.
"""

from __future__ import annotations

from orgdesign.loader import UNSAFE_CHARACTERS
from orgdesign.render.scene import Scene

# Characters Mermaid would read inside a quoted label, as its ``#code;`` entities.
_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "\\": "#92;",
}
_TABLE = str.maketrans(_ENTITIES)

ARROWS = {
    "reports": "-->",
    "more": "-.->",
    "dotted": "-.->|dotted|",
    "manages": "-.-",
    "runs": "---",
    "decision": "==>|D|",
    "execution": "-->|E|",
    "input": "-.->|I|",
    "review": "-.->|R|",
    "approval": "-->",
    "handoff": "-.->",
}

CLASSES = {
    "vacant": "fill:#fafafa,stroke:#98a2b3,stroke-dasharray:5 4,color:#667085",
    "context": "fill:#f2f4f7,stroke:#667085,stroke-dasharray:2 3,color:#475467",
    "partner": "fill:#ece9fb,stroke:#5b4b9a,color:#2e2557",
    "team": "fill:#eef1f5,stroke:#475467",
    "function": "fill:#e8f5ec,stroke:#3b7d4f,color:#1f4d2c",
    "workflow": "fill:#eef1f5,stroke:#344054",
    "more": "fill:#f2f4f7,stroke:#667085,stroke-dasharray:2 3",
    "error": "fill:#f8c9c4,stroke:#b42318,stroke-width:3px",
    "warning": "fill:#fde9a9,stroke:#a15c07,stroke-width:2px",
    "info": "fill:#d5e7fb,stroke:#1d5fa8,stroke-width:2px",
}


LINE_COLORS = {"error": "#b42318", "warning": "#a15c07", "info": "#1d5fa8"}


def text(value: str) -> str:
    """User text inside a quoted Mermaid label."""
    return UNSAFE_CHARACTERS.sub("\ufffd", " ".join(value.split())).translate(_TABLE)


def write_mermaid(scene: Scene) -> str:
    names = {node.id: f"n{index}" for index, node in enumerate(scene.nodes)}
    lines = [f"flowchart {scene.direction}"]
    if scene.title:
        lines.insert(0, f'---\ntitle: "{text(scene.title)}"\n---')
    children: dict[str | None, list[str]] = {}
    for group in scene.groups:
        children.setdefault(group.parent, []).append(group.key)
    members: dict[str | None, list[str]] = {}
    for node in scene.nodes:
        shape = ("[[", "]]") if node.kind == "function" else ("[", "]")
        if node.kind == "partner":
            shape = ("[/", "/]")
        if node.kind == "workflow":
            shape = (">", "]")
        label = "<br/>".join(text(line) for line in (*node.lines, node.note) if line)
        members.setdefault(node.group, []).append(f'{names[node.id]}{shape[0]}"{label}"{shape[1]}')
    groups = {group.key: group for group in scene.groups}
    group_names = {group.key: f"g{index}" for index, group in enumerate(scene.groups)}

    def emit(key: str | None, indent: str) -> None:
        for statement in members.get(key, ()):
            lines.append(indent + statement)
        for child in children.get(key, ()):
            lines.append(f'{indent}subgraph {group_names[child]}["{text(groups[child].label)}"]')
            emit(child, indent + "  ")
            lines.append(f"{indent}end")

    emit(None, "  ")
    for edge in scene.edges:
        arrow = ARROWS[edge.kind]
        if edge.label and "|" not in arrow:
            arrow = f"{arrow}|{text(edge.label)}|"
        lines.append(f"  {names[edge.tail]} {arrow} {names[edge.head]}")
    used: dict[str, list[str]] = {}
    for node in scene.nodes:
        if node.kind in CLASSES:
            used.setdefault(node.kind, []).append(names[node.id])
        if node.severity is not None:
            used.setdefault(node.severity, []).append(names[node.id])
    for name, style in CLASSES.items():
        if name in used:
            lines.append(f"  classDef {name} {style}")
            lines.append(f"  class {','.join(used[name])} {name}")
    flagged: dict[str, list[str]] = {}  # a flagged chain's lines, by severity
    for index, edge in enumerate(scene.edges):
        if edge.severity is not None:
            flagged.setdefault(edge.severity, []).append(str(index))
    for severity, indexes in flagged.items():
        color = LINE_COLORS[severity]
        lines.append(f"  linkStyle {','.join(indexes)} stroke:{color},stroke-width:3px")
    return "\n".join(lines) + "\n"
