"""axe-core in the page under test, through Playwright, with the page's own CSP left on.

`page.evaluate` runs in the page through the DevTools protocol, which a Content-Security-Policy
does not govern; `add_script_tag` would be blocked by our `default-src 'none'`, as it should be.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import axe_playwright_python

# WCAG 2.1 A and AA, plus axe's best practices (landmarks, one h1, heading order, ...).
RUN_ONLY = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}


@functools.cache
def _source() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Any) -> list[dict[str, Any]]:
    page.evaluate(_source())
    results = page.evaluate(
        "options => axe.run(document, options)", {"runOnly": RUN_ONLY, "resultTypes": ["violations"]}
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
    ]


def version(page: Any) -> str:
    page.evaluate(_source())
    return page.evaluate("axe.version")
