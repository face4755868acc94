# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The lead analysis follows the record rules of its leads since 18.0: the
rules of its own that earlier versions shipped (own and unassigned leads, all
leads, company) are removed, they would narrow what the lead rules show."""

OLD_RULES = (
    "si_lead_analysis_rule_company",
    "si_lead_analysis_rule_salesman",
    "si_lead_analysis_rule_all_leads",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_rule WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'sales_intelligence_reports'
               AND model = 'ir.rule' AND name IN %s)
        """,
        (OLD_RULES,),
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'sales_intelligence_reports'
           AND model = 'ir.rule' AND name IN %s
        """,
        (OLD_RULES,),
    )
