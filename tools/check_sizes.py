"""Keeps the house small: no module of the code base over 300 lines, no use-case function over
50 lines. Prints what is over and exits 1; `--report` prints the largest of each for the record.

Run by `make check`."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 300
MAX_SERVICE_FUNCTION_LINES = 50
CODE = ["chalicelib", "app.py", "cli.py", "local", "bench", "tests", "tools"]


def modules() -> list[Path]:
    found: list[Path] = []
    for entry in CODE:
        path = ROOT / entry
        found += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return found


def service_functions() -> list[tuple[str, int]]:
    sizes = []
    for path in sorted((ROOT / "chalicelib" / "services").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                sizes.append((f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", length))
    return sizes


def main(argv: list[str]) -> int:
    module_sizes = [(str(p.relative_to(ROOT)), len(p.read_text(encoding="utf-8").splitlines())) for p in modules()]
    function_sizes = service_functions()
    too_long = [(name, n) for name, n in module_sizes if n > MAX_MODULE_LINES]
    too_long += [(name, n) for name, n in function_sizes if n > MAX_SERVICE_FUNCTION_LINES]
    if "--report" in argv:
        for title, sizes in (("modules", module_sizes), ("service functions", function_sizes)):
            print(f"largest {title}:")
            for name, n in sorted(sizes, key=lambda s: -s[1])[:5]:
                print(f"  {n:4d}  {name}")
    for name, n in too_long:
        print(f"too long: {name} ({n} lines)")
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
