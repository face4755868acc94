"""Every user-visible string of the addons is in their .pot template and has a
Chinese translation in zh_CN.po. The reference is what Odoo 18 itself exports
from the test database (trans_export, i.e. TranslationModuleReader: fields,
selections, views, data, _() and self.env._() in Python, JS and QWeb), so a
new field, view or string without a translation fails here."""
import io
import os

import polib
import pytest
from odoo.modules.registry import Registry
from odoo.tools.translate import trans_export

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDONS = ["sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports"]
# Terms written the same way in Chinese
SAME_IN_CHINESE = {"ID", "B2B", "B2C", "res.config.settings"}


def _exported_msgids(request, addon):
    db = request.config.getoption("--odoo-database")
    buf = io.BytesIO()
    with Registry(db).cursor() as cr:
        trans_export(False, [addon], buf, "po", cr)
    return {e.msgid for e in polib.pofile(buf.getvalue().decode()) if e.msgid}


def _po(addon, name):
    path = os.path.join(ROOT, addon, "i18n", name)
    assert os.path.exists(path), "missing %s" % path
    return polib.pofile(path)


@pytest.mark.parametrize("addon", ADDONS)
def test_pot_template_is_current(request, addon):
    exported = _exported_msgids(request, addon)
    template = {e.msgid for e in _po(addon, addon + ".pot") if e.msgid}
    assert exported - template == set(), "run scripts/update_translations.sh"
    assert template - exported == set(), "run scripts/update_translations.sh"


@pytest.mark.parametrize("addon", ADDONS)
def test_chinese_translation_is_complete(request, addon):
    exported = _exported_msgids(request, addon)
    po = _po(addon, "zh_CN.po")
    translated = {e.msgid for e in po if e.msgstr.strip() and "fuzzy" not in e.flags
                  and (e.msgstr != e.msgid or e.msgid in SAME_IN_CHINESE)}
    assert exported - translated == set()
    assert po.metadata.get("Language") == "zh_CN"


def test_glossary_terms_are_used():
    """Spot-check the glossary of the brief (产品线, 销售知识库, 转化率)."""
    msgstrs = {e.msgid: e.msgstr for addon in ADDONS for e in _po(addon, "zh_CN.po")}
    assert msgstrs["Product Lines"] == "产品线"
    assert msgstrs["Knowledge Base"] == "销售知识库"
    assert "转化率" in msgstrs[next(m for m in msgstrs if m.startswith("Conversion rate"))]
