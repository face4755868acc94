"""flake8 and pylint-odoo are clean on the addons. They run from the lint
environment on the system Python (pylint-odoo needs Python >= 3.10)."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINT_VENV = os.environ.get("LINT_VENV", os.path.join(ROOT, ".venv-lint"))
LINT_BIN = os.path.join(LINT_VENV, "bin")
ADDONS = ["sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports"]


def _run(*cmd):
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    return proc.returncode, proc.stdout


def test_flake8_clean():
    code, out = _run(os.path.join(LINT_BIN, "flake8"), *ADDONS, "scripts", "tests")
    assert code == 0, out


@pytest.mark.parametrize("addon", ADDONS)
def test_pylint_odoo_clean(addon):
    code, out = _run(os.path.join(LINT_BIN, "pylint"), "--rcfile=.pylintrc", addon)
    assert code == 0, out


def test_oca_module_checks_clean():
    """XML, CSV and manifest checks of OCA's pre-commit hooks."""
    code, out = _run(os.path.join(LINT_BIN, "oca-checks-odoo-module"), *ADDONS)
    assert code == 0, out


def test_oca_po_checks_clean():
    po_files = [os.path.join(addon, "i18n", name) for addon in ADDONS
                for name in sorted(os.listdir(os.path.join(ROOT, addon, "i18n")))]
    # Odoo 11 exports one entry per view for arch_db terms and wraps lines its
    # own way: the checks written for later series flag both, so they are off.
    code, out = _run(os.path.join(LINT_BIN, "oca-checks-po"), "--disable",
                     "po-duplicate-model-definition,po-pretty-format", *po_files)
    assert code == 0, out


def test_addon_readmes_match_their_fragments():
    code, out = _run(sys.executable, "scripts/gen_addon_readme.py", "--check")
    assert code == 0, out
