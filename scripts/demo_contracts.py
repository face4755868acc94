"""Demo data of the sustainable-contract features: won-deal summaries of the
won opportunities (factors, competitors, the work that mattered, some
published), usage and service lines on the running contracts, fulfilment
report settings, contracts expiring within 30, 60 and 90 days, and the
renewal notices with their opportunities (some in renewal, renewed or lost).
Called by generate_demo_data.py once the contracts and follow-ups exist.
"""
import time
from datetime import date, timedelta

from odoo import fields

MARKER = "sales_intelligence.demo_contracts"
# After the follow-ups (10): summaries count the follow-ups of won deals.
SEQUENCE = 20
COMPETITORS = ["Kingdee", "Yonyou", "SAP", "Salesforce", "本地服务商", "Oracle",
               "Microsoft Dynamics", "金蝶", "用友"]
KEY_WORK = [
    "On-site demo with the plant manager",
    "Two-week free trial on their production line",
    "Reference visit to an existing customer",
    "Detailed ROI analysis for the finance director",
    "技术交流会，解答IT部门的问题",
    "免费试用两周，客户团队反馈良好",
    "参观现有客户，增强信心",
]
NOTES = ["Long relationship with the purchasing manager",
         "客户决策快，预算充足", "We answered within one hour", ""]


def generate(env, rng):
    """Add the contract demo data once; returns the number of summaries."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(MARKER):
        return 0
    started = time.time()
    summaries = _won_summaries(env, rng)
    contracts = env["account.analytic.account"].search(
        [("recurring_invoices", "=", True)], order="id")
    _teams_and_expiries(env, rng, contracts)
    lines = _fulfilment(env, rng, contracts)
    opportunities = _renewals(env, rng)
    params.set_param(MARKER, "1")
    print("contract demo data: %d won-deal summaries, %d fulfilment lines, "
          "%d renewal opportunities in %.0fs"
          % (len(summaries), lines, len(opportunities), time.time() - started))
    return len(summaries)


def _won_summaries(env, rng):
    leads = env["crm.lead"].search([("probability", "=", 100),
                                    ("type", "=", "opportunity")], order="id")
    Summary = env["si.won.summary"]
    Summary._create_for_leads(leads)
    # summaries made when the demo deals were won are still to complete
    summaries = Summary.search([("lead_id", "in", leads.ids), ("state", "!=", "done")])
    factors = env["si.won.factor"].search([])
    for summary in summaries:
        if rng.random() < 0.25:
            continue  # left for the rep to complete
        summary.write({
            "factor_ids": [(6, 0, [f.id for f in rng.sample(
                list(factors), rng.randint(1, 3))])],
            "competitors": ", ".join(rng.sample(COMPETITORS, rng.randint(0, 2))),
            "key_work": rng.choice(KEY_WORK),
            "note": rng.choice(NOTES) or False,
            "state": "done",
        })
    done = summaries.filtered(lambda s: s.state == "done")
    best = done.sorted(lambda s: -s.amount)[:6]
    best.write({"is_published": True})
    best._publish_case_study()
    return summaries


def _teams_and_expiries(env, rng, contracts):
    """Contracts belong to their responsible's team; some more end within
    30, 60 and 90 days; one team gives 90 days' notice."""
    env.cr.execute("""
        UPDATE account_analytic_account c SET team_id = u.sale_team_id
          FROM res_users u
         WHERE u.id = c.user_id AND c.team_id IS NULL AND c.recurring_invoices
    """)
    contracts.invalidate_cache()
    today = date.today()
    later = contracts.filtered(
        lambda c: c.date_end and fields.Date.from_string(c.date_end)
        > today + timedelta(days=120))
    for contract, (low, high) in zip(
            later[:9], [(5, 30)] * 3 + [(31, 60)] * 3 + [(61, 90)] * 3):
        contract.date_end = fields.Date.to_string(
            today + timedelta(days=rng.randint(low, high)))
    team = contracts.mapped("team_id")[:1]
    team.renewal_notice_days = 90


def _fulfilment(env, rng, contracts):
    types = {t.category: t for t in env["si.fulfilment.type"].search([])}
    today = date.today()
    running = contracts.filtered(
        lambda c: not c.date_end or fields.Date.from_string(c.date_end) >= today)
    Line = env["si.fulfilment.line"]
    count = 0
    for contract in running:
        contract.write({
            "fulfilment_status": rng.choice(
                ["on_track", "on_track", "on_track", "at_risk", "off_track"]),
            "dependence_level": rng.choice(["low", "medium", "medium", "high"]),
            "fulfilment_report_frequency": rng.choice(
                ["none", "none", "monthly", "quarterly"]),
        })
        for month in range(6):
            day = fields.Date.to_string(today - timedelta(days=30 * month + 3))
            Line.create({"contract_id": contract.id, "type_id": types["consumption"].id,
                         "date": day, "name": "Monthly usage",
                         "quantity": rng.randint(20, 160)})
            Line.create({"contract_id": contract.id, "type_id": types["service"].id,
                         "date": day, "name": "Support tickets closed",
                         "quantity": rng.randint(0, 12)})
            count += 2
        Line.create({"contract_id": contract.id, "type_id": types["value"].id,
                     "date": fields.Date.to_string(today - timedelta(days=10)),
                     "name": "Cost saved (customer estimate)",
                     "value_amount": rng.randrange(5000, 80000, 500)})
        count += 1
    return count


def _renewals(env, rng):
    """The renewal scan, then some renewals worked, renewed or lost."""
    env["account.analytic.account"].cron_scan_renewals()
    contracts = env["account.analytic.account"].search(
        [("renewal_state", "=", "upcoming")], order="date_end")
    leads = contracts.mapped("renewal_lead_id")
    stages = env["crm.stage"].search([("probability", "<", 100)], order="sequence")
    for contract in contracts[:4]:
        contract.renewal_lead_id.write({"stage_id": stages[-1].id})
    for contract in contracts[4:6]:
        contract._renew(date_end=fields.Date.to_string(
            fields.Date.from_string(contract.date_end) + timedelta(days=365)))
    reason = env["crm.lost.reason"].search([], limit=1)
    for contract in contracts[6:7]:
        contract._mark_renewal_lost(reason, "Budget moved to another project")
    return leads
