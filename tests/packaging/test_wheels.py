"""Each addon builds into an installable wheel with the setuptools-odoo layout."""
import os
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDONS = ["sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports"]


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_builds_a_wheel(addon, tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--no-build-isolation", "--wheel-dir", str(tmp_path),
         os.path.join(ROOT, "setup", addon)],
        check=True, cwd=str(tmp_path))
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1, wheels
    name = wheels[0].name
    assert name.startswith("odoo11_addon_%s-11.0." % addon), name
    with zipfile.ZipFile(str(wheels[0])) as whl:
        names = whl.namelist()
        assert "odoo/addons/%s/__manifest__.py" % addon in names
        assert "odoo/addons/%s/i18n/zh_CN.po" % addon in names
        metadata = next(n for n in names if n.endswith("METADATA"))
        requires = [line for line in whl.read(metadata).decode().splitlines()
                    if line.startswith("Requires-Dist")]
    # Odoo dependencies become requirements on the other addons' wheels
    if addon == "sales_intelligence":
        assert any("odoo11-addon-contract" in r for r in requires), requires
    if addon == "sales_intelligence_reports":
        assert any("odoo11-addon-sales-intelligence-kb" in r
                   for r in requires), requires
