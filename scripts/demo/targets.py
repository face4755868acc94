"""Demo data of the sales targets: a seasonality profile, this year's plan
(last year's confirmed sale orders plus 15 %) decomposed by month, industry
and team by last year's shares (without sales last year: months by the
seasonality profile, teams equally) and split to the reps by their last
year's results, confirmed, with completion refreshed, and the daily plans of
the last two weeks (reminders for today's only)."""
from datetime import date, timedelta

from odoo.exceptions import UserError

MARKER = "sales_intelligence.demo_targets"
# After the follow-ups (10) and the contracts (30): daily plans count the
# follow-up log.
SEQUENCE = 35
REQUIRES = ("si.target.plan", "si.daily.plan", "si.target.seasonality")
GROWTH = 1.15
DAILY_PLAN_DAYS = 14


def _seasonality(env):
    profile = env["si.target.seasonality"].create({
        "name": "Chinese New Year dip, year-end peak",
        "month_01": 0.9, "month_02": 0.5, "month_03": 1.0, "month_04": 1.0,
        "month_05": 1.0, "month_06": 1.1, "month_07": 0.9, "month_08": 0.9,
        "month_09": 1.0, "month_10": 0.8, "month_11": 1.2, "month_12": 1.4,
    })
    profile.with_context(lang="zh_CN").name = "春节淡季、年底旺季"
    return profile


def _decompose(env, plan, profile):
    try:
        with env.cr.savepoint():
            wizard = env["si.target.decompose.wizard"].create({"plan_id": plan.id})
            wizard.action_compute_shares()
    except UserError:
        # no sales last year: the seasonality profile splits the months
        wizard = env["si.target.decompose.wizard"].create({
            "plan_id": plan.id, "month_method": "seasonality",
            "seasonality_id": profile.id, "industry_method": "none",
            "team_method": "equal"})
        wizard.action_compute_shares()
    wizard.action_apply()


def generate(env, rng):
    """This year's plan, confirmed, and the daily plans of the last two
    weeks; returns a summary."""
    profile = _seasonality(env)
    today = date.today()
    company = env.ref("base.main_company")
    Plan = env["si.target.plan"]
    plan = Plan.search([("company_id", "=", company.id), ("year", "=", today.year)])
    if not plan:
        last = Plan._actual_rows(company, "sale", date(today.year - 1, 1, 1),
                                 date(today.year, 1, 1))
        last_total = sum(row[4] for row in last) or 1000000.0
        plan = Plan.create({
            "name": "Sales Target %d" % today.year,
            "company_id": company.id,
            "year": today.year,
            "basis": "sale",
            "amount_total": round(last_total * GROWTH, -4),
        })
        _decompose(env, plan, profile)
        env["si.target.rep.wizard"].create(
            {"plan_id": plan.id, "method": "history"}).action_apply()
        plan.action_confirm()
    DailyPlan = env["si.daily.plan"]
    plans = 0
    for back in range(DAILY_PLAN_DAYS, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        plans += len(DailyPlan._cron_generate_daily_plans(today=day, remind=not back))
    return "plan %s: %d team targets, %d rep targets, %d daily plans" % (
        plan.name, len(plan.line_ids), len(plan.rep_line_ids), plans)
