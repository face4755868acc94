"""flake8 and pylint-odoo are clean on the addons. They run from the lint
environment on the system Python (pylint-odoo needs Python >= 3.10)."""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINT_BIN = os.path.join(os.environ.get("LINT_VENV", os.path.join(ROOT, ".venv-lint")), "bin")
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
