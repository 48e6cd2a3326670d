"""Draw the example charts the README and the docs show: ``python tools/example_charts.py``.

Each chart is rendered from a file under ``examples/`` into ``docs/images/``. Rendering is
deterministic, so a test compares the committed files with fresh renders.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Image name -> (example file, render options).
CHARTS: dict[str, tuple[str, dict[str, Any]]] = {
    "quickstart.svg": ("quickstart.org.yaml", {"highlight": True}),
    "seed.svg": ("seed.org.yaml", {"highlight": True}),
    "series-a.svg": ("series-a.org.yaml", {"highlight": True}),
    "scale-up.svg": ("scale-up.org.yaml", {"highlight": True}),
    "scale-up-compact.svg": ("scale-up.org.yaml", {"highlight": True, "direction": "TB"}),
    "scale-up-cmo.svg": ("scale-up.org.yaml", {"highlight": True, "focus": "cmo", "depth": 1}),
    "scale-up-functions.svg": ("scale-up.org.yaml", {"highlight": True, "view": "functions"}),
    "scale-up-workflows.svg": ("scale-up.org.yaml", {"highlight": True, "view": "workflows"}),
}


def charts() -> dict[str, str]:
    """Image name -> SVG text."""
    import orgdesign as od

    result = {}
    for name, (example, options) in CHARTS.items():
        org = od.load(ROOT / "examples" / example)
        result[name] = od.render(org, **options).svg
    return result


def main() -> int:
    target = ROOT / "docs" / "images"
    target.mkdir(parents=True, exist_ok=True)
    for name, svg in charts().items():
        (target / name).write_text(svg, encoding="utf-8")
        print(f"wrote docs/images/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
