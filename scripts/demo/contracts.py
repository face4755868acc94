"""Demo data of the sustainable-contract features: won-deal summaries of the
won opportunities (factors, competitors, the work that mattered, some
published), contracts in the teams of their responsibles, usage and service
lines on the running contracts, fulfilment report settings, contracts
expiring within 30, 60 and 90 days, and the renewal notices with their
opportunities (some in renewal, renewed or lost). Runs once the base data
(contracts) and the follow-ups exist."""
from datetime import date, timedelta

from odoo import Command

MARKER = "sales_intelligence.demo_contracts"
# After the follow-ups (10): summaries count the follow-ups of won deals.
SEQUENCE = 30
REQUIRES = ("contract.contract", "si.won.summary", "si.fulfilment.line")
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
    """Add the contract demo data; returns a short summary."""
    summaries = _won_summaries(env, rng)
    contracts = env["contract.contract"].search(
        [("contract_type", "=", "sale")], order="id")
    _teams_and_expiries(env, rng, contracts)
    lines = _fulfilment(env, rng, contracts)
    opportunities = _renewals(env)
    return "%d won-deal summaries, %d fulfilment lines, %d renewal opportunities" % (
        len(summaries), lines, len(opportunities))


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
            "factor_ids": [Command.set([f.id for f in rng.sample(
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
    """Contracts belong to their responsible's team (the default since the
    contracts are made after the team memberships; contracts of an older
    database get it here); some more end within 30, 60 and 90 days; one team
    gives 90 days' notice."""
    for contract in contracts.filtered(lambda c: not c.team_id and c.user_id):
        contract.team_id = contract.user_id.sale_team_id
    today = date.today()
    later = contracts.filtered(
        lambda c: c.date_end and c.date_end > today + timedelta(days=120))
    for contract, (low, high) in zip(
            later[:9], [(5, 30)] * 3 + [(31, 60)] * 3 + [(61, 90)] * 3):
        end = today + timedelta(days=rng.randint(low, high))
        # OCA computes the contract's end from its lines
        contract.contract_line_ids.filtered("date_end").write({"date_end": end})
    teams = contracts.team_id
    teams[:1].renewal_notice_days = 90


def _fulfilment(env, rng, contracts):
    types = {t.category: t for t in env["si.fulfilment.type"].search([])}
    today = date.today()
    running = contracts.filtered(lambda c: not c.date_end or c.date_end >= today)
    vals_list = []
    for contract in running:
        contract.write({
            "fulfilment_status": rng.choice(
                ["on_track", "on_track", "on_track", "at_risk", "off_track"]),
            "dependence_level": rng.choice(["low", "medium", "medium", "high"]),
            "fulfilment_report_frequency": rng.choice(
                ["none", "none", "monthly", "quarterly"]),
        })
        for month in range(6):
            day = today - timedelta(days=30 * month + 3)
            vals_list.append({"contract_id": contract.id,
                              "type_id": types["consumption"].id,
                              "date": day, "name": "Monthly usage",
                              "quantity": rng.randint(20, 160)})
            vals_list.append({"contract_id": contract.id,
                              "type_id": types["service"].id,
                              "date": day, "name": "Support tickets closed",
                              "quantity": rng.randint(0, 12)})
        vals_list.append({"contract_id": contract.id, "type_id": types["value"].id,
                          "date": today - timedelta(days=10),
                          "name": "Cost saved (customer estimate)",
                          "value_amount": rng.randrange(5000, 80000, 500)})
    env["si.fulfilment.line"].create(vals_list)
    return len(vals_list)


def _renewals(env):
    """The renewal scan, then some renewals worked, renewed or lost."""
    Contract = env["contract.contract"]
    Contract._cron_scan_renewals(batch_size=1000)
    contracts = Contract.search([("renewal_state", "=", "upcoming")],
                                order="date_end")
    leads = contracts.renewal_lead_id
    stages = env["crm.stage"].search([("is_won", "=", False)], order="sequence")
    for contract in contracts[:4]:
        contract.renewal_lead_id.write({"stage_id": stages[-1].id})
    for contract in contracts[4:6]:
        contract._renew(date_end=contract.date_end + timedelta(days=365))
    reason = env["crm.lost.reason"].search([], limit=1)
    for contract in contracts[6:7]:
        contract._mark_renewal_lost(reason, "Budget moved to another project")
    return leads
