"""Count the import cycles in a package, for before/after figures of a restructuring.

    .venv/bin/python tools/count_cycles.py [PACKAGE] [--edges] [--exclude-type-checking]

Builds the import graph of PACKAGE (default: chalicelib) with grimp, the library import-linter uses,
and prints every strongly connected component of more than one module: a set of modules each of which
reaches every other one through imports, i.e. an import cycle.

It then prints the cycles between siblings, which is what the `acyclic_siblings` contract in
.importlinter forbids: for each package, every import between two of its descendants counts as an
import between the two children of the package that contain them (chalicelib.adapters.x importing
chalicelib.zgw.y is chalicelib.adapters importing chalicelib.zgw), and the cycles among those
children are listed. A package can be in such a cycle without any of its modules being in a module
cycle. Exit code 1 when there is a cycle of either kind.

Counted: the imports written in the package's modules, including those inside functions and, unless
--exclude-type-checking, under `if TYPE_CHECKING:` (the same graph `lint-imports` checks). Not counted:
the implicit import of a package's __init__ when one of its submodules is imported. A module that
imports itself is not a cycle.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp

REPO_ROOT = Path(__file__).resolve().parent.parent


def import_graph(package: str, exclude_type_checking: bool) -> dict[str, set[str]]:
    """Each module of the package with the modules of the package it imports directly."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=exclude_type_checking, cache_dir=None)
    return {
        module: {imported for imported in graph.find_modules_directly_imported_by(module) if imported != module}
        for module in graph.modules
    }


def strongly_connected_components(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's algorithm, without recursion (a long import chain must not hit the recursion limit)."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(edges.get(root, ())))]
        index[root] = lowlink[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            if successors:
                successor = successors.pop(0)
                if successor not in index:
                    index[successor] = lowlink[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, sorted(edges.get(successor, ()))))
                elif successor in on_stack:
                    lowlink[node] = min(lowlink[node], index[successor])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
            if lowlink[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The components that are cycles (more than one module), largest first."""
    found = [component for component in strongly_connected_components(edges) if len(component) > 1]
    return sorted(found, key=lambda component: (-len(component), component))


def sibling_cycles(edges: Mapping[str, Iterable[str]]) -> dict[str, list[list[str]]]:
    """For each package, the cycles among its children, with imports between descendants lifted to them."""
    modules = set(edges)
    packages = sorted({module.rpartition(".")[0] for module in modules if "." in module} & modules)
    found: dict[str, list[list[str]]] = {}
    for package in packages:
        prefix = package + "."

        def child(module: str, prefix: str = prefix) -> str | None:
            if not module.startswith(prefix):
                return None
            return prefix + module[len(prefix) :].split(".")[0]

        lifted: dict[str, set[str]] = {}
        for importer, imported_modules in edges.items():
            importer_child = child(importer)
            if importer_child is None:
                continue
            for imported in imported_modules:
                imported_child = child(imported)
                if imported_child is not None and imported_child != importer_child:
                    lifted.setdefault(importer_child, set()).add(imported_child)
        if package_cycles := cycles(lifted):
            found[package] = package_cycles
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", nargs="?", default="chalicelib")
    parser.add_argument("--edges", action="store_true", help="also list the imports inside each cycle")
    parser.add_argument(
        "--exclude-type-checking", action="store_true", help="leave out imports under `if TYPE_CHECKING:`"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO_ROOT))
    edges = import_graph(args.package, args.exclude_type_checking)
    found = cycles(edges)

    in_cycles = sum(len(component) for component in found)
    print(f"{args.package}: {len(edges)} modules, {len(found)} import cycle(s) involving {in_cycles} module(s)")
    for number, component in enumerate(found, start=1):
        print(f"\ncycle {number} ({len(component)} modules):")
        members = set(component)
        for module in component:
            print(f"  {module}")
            if args.edges:
                for imported in sorted(edges[module] & members):
                    print(f"      -> {imported}")

    between_siblings = sibling_cycles(edges)
    count = sum(len(package_cycles) for package_cycles in between_siblings.values())
    print(f"\ncycles between siblings (the acyclic_siblings contract): {count}")
    for package, package_cycles in between_siblings.items():
        for component in package_cycles:
            names = ", ".join(module[len(package) + 1 :] for module in component)
            print(f"  in {package} ({len(component)}): {names}")
    return 1 if found or between_siblings else 0


if __name__ == "__main__":
    sys.exit(main())
