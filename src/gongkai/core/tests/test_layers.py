"""The layers of docs/architecture.md, checked on the import graph of src/gongkai (Python's ast, no import runs).

An edge is any `import gongkai.x…` or `from gongkai.x… import …` in a module, at module level or inside a
function: a deferred import hides a cycle from Python at start-up, not from a reader, so both count. Tests,
migrations and the test support packages (`testing`, `browser_tests`, `conftest.py`) are left out: tests
wire the apps together on purpose.

The rules:
- no import cycle between apps, and none between modules;
- no domain app imports an interface (back office, portal, API);
- no interface writes a model itself (`.save()`, `.delete()`, `.create()`…): it calls a service;
- no interface decides by role: it asks the rules modules and `orgs.access`.

The exceptions that remain are listed below with their reason; each must still exist, so a fixed one is struck
off the list and cannot come back unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # src/gongkai
SKIPPED_DIRS = {"tests", "migrations", "testing", "browser_tests"}
DOMAIN = {
    "orgs",
    "workdays",
    "catalog",
    "search",
    "foi",
    "reports",
    "documents",
    "ops",
    "proposals",
    "interaction",
    "interpretation",
    "workreport",
    "supervision",
    "servicecatalog",
}
INTERFACES = {"backoffice", "portal", "api"}
WRITES = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}

# App-level edges allowed to close a cycle (docs/adr/0007-import-layers.md): none. A reach from a lower app
# to a higher one is turned round: the higher app provides it at start-up (core.deadlines, search.services.
# provide, foi.reported.provide).
ALLOWED_APP_EDGES: set[tuple[str, str]] = set()

# Module-level edges allowed to close a cycle inside one app.
ALLOWED_MODULE_EDGES = {
    # a service enqueues its task; the task, run later, calls the service (django-tasks' pattern)
    ("gongkai.documents.services", "gongkai.documents.tasks"),
    ("gongkai.foi.services.redaction", "gongkai.foi.tasks"),
    ("gongkai.foi.notifications", "gongkai.foi.tasks"),
    # labels of a model's choices read the model's enums; the model's display methods read the labels
    ("gongkai.foi.models", "gongkai.foi.labels"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(rel.parts[:-1]) or rel.name == "conftest.py":
            continue
        parts = rel.with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("gongkai", *parts))] = path
    return found


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _imports(tree: ast.Module) -> list[tuple[str, int]]:
    """(imported module, line) for every gongkai import, at any depth; `from a import b` yields a.b when b
    is a module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.module, node.lineno))
            out += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return [(name, line) for name, line in out if name.startswith("gongkai.") and name in MODULES]


def module_graph() -> dict[str, set[str]]:
    return {m: {t for t, _ in _imports(TREES[m]) if t != m} for m in MODULES}


def app_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, targets in module_graph().items():
        app = module.split(".")[1] if module.count(".") else ""
        for target in targets:
            other = target.split(".")[1]
            if app and other != app:
                graph.setdefault(app, set()).add(other)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _without(graph: dict[str, set[str]], allowed: set[tuple[str, str]]) -> dict[str, set[str]]:
    return {a: {b for b in targets if (a, b) not in allowed} for a, targets in graph.items()}


def test_the_checker_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_apps():
    assert cycles(_without(app_graph(), ALLOWED_APP_EDGES)) == []


def test_no_import_cycle_between_modules():
    assert cycles(_without(module_graph(), ALLOWED_MODULE_EDGES)) == []


@pytest.mark.parametrize(
    ("allowed", "graph"),
    [(ALLOWED_APP_EDGES, app_graph), (ALLOWED_MODULE_EDGES, module_graph)],
    ids=["apps", "modules"],
)
def test_every_allowed_edge_still_exists(allowed, graph):
    edges = graph()
    assert [(a, b) for a, b in sorted(allowed) if b not in edges.get(a, ())] == []


def test_no_domain_app_imports_an_interface():
    found = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        if module.split(".")[1:2] and module.split(".")[1] in DOMAIN
        for target, line in _imports(TREES[module])
        if target.split(".")[1] in INTERFACES
    ]
    assert found == []


def _writes(tree: ast.Module) -> list[tuple[str, int]]:
    """Calls that write rows: `x.save()`, `x.delete()`, `Model.objects.create(…)`…, and `.update(…)` on a
    manager or a queryset (not on a dict held in a name)."""
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        queryset = isinstance(receiver, ast.Call) or (
            isinstance(receiver, ast.Attribute) and receiver.attr == "objects"
        )
        if method == "save" and node.args:
            continue  # a file-like save (python-docx, openpyxl: `doc.save(buffer)`); a model's save() takes none
        if method in WRITES or (method == "update" and queryset):
            out.append((method, node.lineno))
    return out


def test_the_write_finder_finds_writes():
    tree = ast.parse(
        "item.save()\nItem.objects.create(x=1)\nItem.objects.filter(pk=1).update(x=2)\nctx.update(a=1)\n"
        "doc.save(buffer)\n"
    )
    assert _writes(tree) == [("save", 1), ("create", 2), ("update", 3)]


def test_no_interface_writes_a_model():
    found = [
        f"{module}:{line} .{method}()"
        for module in MODULES
        if module.split(".")[1:2] and module.split(".")[1] in INTERFACES
        for method, line in _writes(TREES[module])
    ]
    assert found == []


# --- Permission logic lives in the rules modules and orgs.access ---------------------------------------------

# Names that decide by role: asking them is the rules modules' and orgs.access's work, not an interface's.
ROLE_CALLS = {"has_role", "holds_role", "membership_orgs", "orgs_q", "is_head", "_memberships"}
ROLE_NAMES = {"Membership"}
ROLE_ATTRIBUTES = {"memberships", "is_superuser"}  # org.memberships / user.memberships; the superuser flag


def _role_checks(tree: ast.Module) -> list[tuple[str, int]]:
    """Role decisions in a module: `Role.X` (a role, not `Role.choices`), calls of the membership and role
    helpers, `Membership` itself and queries of the `memberships` relation, role-set constants of its own."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            if isinstance(base, ast.Name) and base.id == "Role" and node.attr.isupper():
                out.append((f"Role.{node.attr}", node.lineno))
            elif node.attr in ROLE_CALLS or node.attr in ROLE_ATTRIBUTES:
                out.append((node.attr, node.lineno))
        elif isinstance(node, ast.Name) and (node.id in ROLE_CALLS or node.id in ROLE_NAMES):
            out.append((node.id, node.lineno))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.endswith("_ROLES"):
                    out.append((target.id, node.lineno))
    return sorted(out, key=lambda found: found[1])


def test_the_role_check_finder_finds_role_checks():
    tree = ast.parse(
        "if Role.OFFICE in roles: pass\n"
        "access.has_role(user, org, *x)\n"
        "org.memberships.filter(role=r)\n"
        "Membership.objects.all()\n"
        "EDIT_ROLES = ()\n"
        "field = forms.ChoiceField(choices=Role.choices)\n"
        "access.orgs_for(user)\n"
        "if request.user.is_superuser: pass\n"
    )
    assert _role_checks(tree) == [
        ("Role.OFFICE", 1),
        ("has_role", 2),
        ("memberships", 3),
        ("Membership", 4),
        ("EDIT_ROLES", 5),
        ("is_superuser", 8),
    ]


def test_no_interface_checks_a_role():
    """The back office, the portal and the API ask the rules modules (catalog.rules, foi.workflow, reports.rules)
    and orgs.access; they hold no role sets and query no memberships of their own."""
    found = [
        f"{module}:{line} {what}"
        for module in MODULES
        if module.split(".")[1:2] and module.split(".")[1] in INTERFACES
        for what, line in _role_checks(TREES[module])
    ]
    assert found == []


#: The modules that decide by role: each app's rules module (`<app>.rules`, foi's `workflow`) and the organisation
#: tree's access module.
RULES_MODULES = {
    "gongkai.orgs.access",
    "gongkai.catalog.rules",
    "gongkai.foi.workflow",
    "gongkai.reports.rules",
}


def test_no_service_or_selector_checks_a_role_of_its_own():
    """Services, selectors and every other module ask the rules modules: role sets, role checks and the
    superuser flag appear only there (and in orgs' models). The orgs app keeps its own memberships (it writes and
    lists them); the demo hands out roles as data."""
    found = []
    for module in MODULES:
        app = module.split(".")[1] if "." in module else ""
        rules = module in RULES_MODULES or module.endswith(".rules")
        if rules or module == "gongkai.orgs.models" or app in INTERFACES or app == "demo":
            continue
        for what, line in _role_checks(TREES[module]):
            if app == "orgs" and what in {"Membership", "memberships"}:
                continue
            found.append(f"{module}:{line} {what}")
    assert found == []
