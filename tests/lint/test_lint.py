"""flake8, pylint-odoo and OCA's module and PO checks are clean on the addons,
checked as Odoo 18.0 addons. They run from the lint environment (.venv-lint,
built from requirements-lint.txt by scripts/bootstrap.sh; $LINT_VENV names
another one)."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINT_VENV = os.environ.get("LINT_VENV", os.path.join(ROOT, ".venv-lint"))
LINT_BIN = os.path.join(LINT_VENV, "bin")
ADDONS = ["sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports"]
ODOO_VERSION = "18.0"


def _run(*cmd):
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    return proc.returncode, proc.stdout


def test_flake8_clean():
    code, out = _run(os.path.join(LINT_BIN, "flake8"), *ADDONS, "scripts", "tests")
    assert code == 0, out


@pytest.mark.parametrize("addon", ADDONS)
def test_pylint_odoo_clean(addon):
    code, out = _run(os.path.join(LINT_BIN, "pylint"), "--rcfile=.pylintrc",
                     "--valid-odoo-versions=%s" % ODOO_VERSION, addon)
    assert code == 0, out


def test_oca_module_checks_clean():
    """XML, CSV and manifest checks of OCA's pre-commit hooks."""
    code, out = _run(os.path.join(LINT_BIN, "oca-checks-odoo-module"), *ADDONS)
    assert code == 0, out


def test_oca_po_checks_clean():
    po_files = [os.path.join(addon, "i18n", name) for addon in ADDONS
                for name in sorted(os.listdir(os.path.join(ROOT, addon, "i18n")))]
    # as in OCA's repositories: the files are Odoo's own export (re-saved by
    # scripts/update_translations.sh), whose line wrapping is not checked
    code, out = _run(os.path.join(LINT_BIN, "oca-checks-po"),
                     "--disable=po-pretty-format", *po_files)
    assert code == 0, out


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_is_an_odoo_18_addon(addon):
    import ast
    with open(os.path.join(ROOT, addon, "__manifest__.py")) as manifest:
        version = ast.literal_eval(manifest.read())["version"]
    assert version.startswith(ODOO_VERSION + "."), version


def test_addon_readmes_match_their_fragments():
    code, out = _run(sys.executable, "scripts/gen_addon_readme.py", "--check")
    assert code == 0, out
