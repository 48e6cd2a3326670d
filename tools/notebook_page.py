"""Execute a notebook and write it as a docs page: ``python tools/notebook_page.py NB PAGE``.

Markdown cells are copied, code cells become Python blocks, rich outputs are embedded as the
HTML the objects display in Jupyter, and text outputs become text blocks. The notebook runs
in its own directory, as Jupyter runs it. A cell that raises fails the run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

#: Seconds one cell may take.
CELL_TIMEOUT = 120


def execute(path: Path) -> Any:
    """The notebook at ``path``, executed with the ``python3`` kernel."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def _fence(language: str, text: str) -> str:
    return f"```{language}\n{text.rstrip()}\n```\n"


def to_markdown(notebook: Any, source: str) -> str:
    """The executed notebook as a mkdocs page."""
    parts = [
        f"<!-- Generated from {source} by tools/notebook_page.py; do not edit. -->\n",
    ]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source.rstrip() + "\n")
        elif cell.cell_type == "code":
            parts.append(_fence("python", cell.source))
            for output in cell.outputs:
                parts.append(_output(output))
    return "\n".join(part for part in parts if part)


def _output(output: Any) -> str:
    kind = output.output_type
    if kind == "stream":
        return _fence("text", output.text)
    if kind == "error":
        raise RuntimeError(f"the notebook raised {output.ename}: {output.evalue}")
    data = output.get("data", {})
    if "text/html" in data:
        # One raw HTML block: Markdown leaves everything inside the outer div alone.
        body = "".join(data["text/html"]).strip()
        return f'<div class="nb-output">\n{body}\n</div>\n'
    if "text/plain" in data:
        return _fence("text", "".join(data["text/plain"]))
    return ""


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tools/notebook_page.py NOTEBOOK PAGE", file=sys.stderr)
        return 2
    notebook_path, page = Path(argv[0]), Path(argv[1])
    page.write_text(to_markdown(execute(notebook_path), notebook_path.as_posix()), "utf-8")
    print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
