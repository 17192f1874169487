"""No import circle inside the memorial and donations apps: the models never import
their views, and what the models' routes call (``pages``) and the record's admin form
never import the views either."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["memorial", "donations"]


def imported_modules(path, package, top_level_only=False):
    """Every module ``path`` imports (absolute names), in functions too unless
    ``top_level_only``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([package, base]).rstrip(".")
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("module", ["models", "pages"])
def test_models_and_page_routes_never_import_the_views(app, module):
    imported = imported_modules(ROOT / app / f"{module}.py", app)
    assert f"{app}.views" not in imported


def test_the_record_form_does_not_import_the_models_when_it_loads():
    # memorial.models imports memorial.forms for the record's admin form.
    imported = imported_modules(ROOT / "memorial" / "forms.py", "memorial", True)
    assert not {name for name in imported if name.startswith("memorial.models")}
    assert "memorial.views" not in imported_modules(
        ROOT / "memorial" / "forms.py", "memorial"
    )


# Run in a fresh interpreter: which module first imported each app's views.
WHO_IMPORTS_THE_VIEWS = """
import builtins, json, sys
views = {"memorial.views", "donations.views"}
importers = {}
original = builtins.__import__
def watch(name, globals=None, locals=None, fromlist=(), level=0):
    before = views - set(sys.modules)
    module = original(name, globals, locals, fromlist, level)
    for loaded in before & set(sys.modules):
        importers[loaded] = (globals or {}).get("__name__")
    return module
builtins.__import__ = watch
import django
django.setup()
import memorial.models, memorial.pages, donations.models, donations.pages
print(json.dumps(importers))
"""


def test_in_a_fresh_interpreter_no_model_or_page_module_loads_the_views():
    import json
    import os

    result = subprocess.run(
        [sys.executable, "-c", WHO_IMPORTS_THE_VIEWS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "whitehelmets.settings.test"},
        check=True,
    )
    importers = json.loads(result.stdout.strip().splitlines()[-1])
    # The admin's registrations (wagtail_hooks) and URL modules may; nothing else.
    for views, importer in importers.items():
        assert importer.rsplit(".", 1)[-1] in {"wagtail_hooks", "urls"}, (
            views,
            importer,
        )
