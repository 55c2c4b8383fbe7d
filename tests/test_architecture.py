"""Our apps import one way, so each can be read, tested and changed from the bottom up:

    socialeconomy (configuration) → content apps (support, search, serving, editorial, content …)
    → pages (shared base, blocks, settings) → leaves (actortypes, security, addresses)
    → the foundation (fragments: the site-wide cache every layer may keep its lookups in)

A lower app never imports a higher one: signals, hooks and model lookups point upward by name
(``apps.get_model("pages", "AboutPage")``), not by import. Content apps may use each other, but
never in a circle.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

CONFIGURATION = "socialeconomy"
SHARED = "pages"
# Apps that import no other app of ours but the foundation, so any app may import them.
LEAVES = {"actortypes", "security", "addresses"}
# Below the leaves: imports no app of ours at all.
FOUNDATION = {"fragments"}


def our_packages():
    """Our apps' top-level package names, and the configuration package."""
    base = Path(settings.BASE_DIR).resolve()
    names = {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    }
    return names | {CONFIGURATION}


def layer(package):
    """-1 for the foundation, 0 for a leaf, 1 for pages, 2 for a content app, 3 for the
    configuration."""
    if package in FOUNDATION:
        return -1
    if package in LEAVES:
        return 0
    if package == SHARED:
        return 1
    if package == CONFIGURATION:
        return 3
    return 2


def imports_between(base, packages):
    """(importing file, its package, imported module, the module's package) for each import of
    one of the packages by another, in every Python file of the packages (migrations too)."""
    found = []
    for package in sorted(packages):
        for path in sorted((base / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    target = module.split(".")[0]
                    if target in packages and target != package:
                        found.append((path.relative_to(base).as_posix(), package, module, target))
    return found


def upward(imports):
    """The (file, module) pairs among imports that go against the direction."""
    return {
        (path, module)
        for path, package, module, target in imports
        if layer(target) > layer(package) or layer(target) == layer(package) != 2
    }


def project_imports():
    return imports_between(Path(settings.BASE_DIR).resolve(), our_packages())


def test_the_check_knows_every_app_of_ours():
    assert {
        "actortypes",
        "addresses",
        "fragments",
        "pages",
        "content",
        "editorial",
        "search",
        "security",
        "serving",
    } <= our_packages()


def test_no_app_imports_an_app_above_it():
    assert upward(project_imports()) == set()


def test_leaves_import_no_app_of_ours_but_the_foundation():
    assert [
        (path, module)
        for path, package, module, target in project_imports()
        if package in LEAVES | FOUNDATION and target not in FOUNDATION
    ] == []


def test_content_apps_do_not_import_each_other_in_a_circle():
    graph = {}
    for _path, package, _module, target in project_imports():
        if layer(package) == layer(target) == 2:
            graph.setdefault(package, set()).add(target)

    def cycle_from(package, trail):
        if package in trail:
            return trail[trail.index(package) :] + [package]
        for target in sorted(graph.get(package, ())):
            cycle = cycle_from(target, trail + [package])
            if cycle:
                return cycle
        return None

    for package in sorted(graph):
        cycle = cycle_from(package, [])
        assert cycle is None, " → ".join(cycle)


def test_the_check_catches_an_upward_import_of_any_kind(tmp_path):
    for package, source in [
        ("pages", "from search.views import search\n"),
        ("actortypes", "def preview():\n    import pages.models\n"),
        ("search", "from socialeconomy.settings import base\n"),
        ("editorial", "from . import roles\nfrom editorial.roles import x\n"),
    ]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "module.py").write_text(source)

    imports = imports_between(
        tmp_path, {"pages", "actortypes", "search", "editorial", CONFIGURATION}
    )

    assert upward(imports) == {
        ("pages/module.py", "search.views"),
        ("actortypes/module.py", "pages.models"),
        ("search/module.py", "socialeconomy.settings"),
    }
