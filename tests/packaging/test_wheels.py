"""Each addon builds into an installable wheel the way OCA packages 18.0
addons: a pyproject.toml in the addon with the ``whool`` build backend, giving
a wheel named odoo_addon_<addon>-18.0.* whose requirements are the wheels of
the addons it depends on (odoo-addon-<dependency>==18.0.*) and odoo itself.

The addon is built from a copy of the working tree: whool ships the files git
knows of when it builds inside a checkout, and the copy checks what is on disk.
"""
import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDONS = ["sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports"]
ODOO_SERIES = "18.0"
# Odoo's own addons are part of the odoo distribution, not wheels of their own
ODOO_CORE = {"crm", "sale_management", "sale_crm", "account", "sale", "mail",
             "base", "web", "sales_team", "product", "utm", "digest",
             "spreadsheet_dashboard_sale", "spreadsheet_dashboard",
             "phone_validation", "hr_expense"}


def _normalize(requirement):
    """A requirement with its distribution name normalized (PEP 503)."""
    name, spec = re.match(r"([A-Za-z0-9_.-]+)(.*)", requirement.strip()).groups()
    return re.sub(r"[-_.]+", "-", name).lower() + spec.replace(" ", "")


def _manifest(addon):
    with open(os.path.join(ROOT, addon, "__manifest__.py")) as manifest:
        return ast.literal_eval(manifest.read())


def _build(addon, tmp_path):
    assert os.path.exists(os.path.join(ROOT, addon, "pyproject.toml")), (
        "%s/pyproject.toml is missing: it holds [build-system] requires = "
        '["whool"], build-backend = "whool.buildapi"' % addon)
    src = tmp_path / "src" / addon
    shutil.copytree(os.path.join(ROOT, addon), str(src),
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
           "--wheel-dir", str(dist), str(src)]
    if importlib.util.find_spec("whool"):
        # offline: the build backend is installed already
        cmd.insert(4, "--no-build-isolation")
    proc = subprocess.run(cmd, cwd=str(tmp_path), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_builds_a_wheel(addon, tmp_path):
    wheel = _build(addon, tmp_path)
    assert wheel.name.startswith("odoo_addon_%s-%s." % (addon, ODOO_SERIES)), \
        wheel.name
    with zipfile.ZipFile(str(wheel)) as whl:
        names = whl.namelist()
        assert "odoo/addons/%s/__manifest__.py" % addon in names
        assert "odoo/addons/%s/i18n/zh_CN.po" % addon in names
        assert not [n for n in names if "__pycache__" in n]
        metadata = next(n for n in names if n.endswith("METADATA"))
        lines = whl.read(metadata).decode().splitlines()
    name = next(line.split(": ", 1)[1] for line in lines if line.startswith("Name:"))
    assert _normalize(name) == _normalize("odoo-addon-" + addon), name
    requires = {_normalize(line.split(": ", 1)[1])
                for line in lines if line.startswith("Requires-Dist")}
    # every Odoo dependency becomes a requirement on its wheel, and only those
    expected = {_normalize("odoo==%s.*" % ODOO_SERIES)}
    for dependency in _manifest(addon)["depends"]:
        if dependency not in ODOO_CORE:
            expected.add(_normalize("odoo-addon-%s==%s.*" % (dependency, ODOO_SERIES)))
    expected |= {_normalize(p) for p in _manifest(addon).get(
        "external_dependencies", {}).get("python", [])}
    assert requires == expected, requires


def test_reports_depend_only_on_what_they_use(tmp_path):
    """The product's two addons, Odoo's digest and dashboards, OCA's XLSX reports."""
    assert sorted(_manifest("sales_intelligence_reports")["depends"]) == [
        "digest", "report_xlsx", "sales_intelligence", "sales_intelligence_kb",
        "spreadsheet_dashboard"]
