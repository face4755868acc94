"""Demo data the analyses of the reports addon need on top of the features'
own: the pool history spread over the last months (the pool module makes it
all at once, so every time in pool would be zero), dead leads revived by a
revival campaign (some to a pool, some to their owner), and deliveries on
confirmed sale orders (fully delivered older orders, partly delivered recent
ones) for the contracted demand. Runs after every feature's demo data."""
from datetime import datetime, timedelta

from odoo.tools import SQL

MARKER = "sales_intelligence_reports.demo_analyses"
SEQUENCE = 50
REQUIRES = ("si.pool.analysis", "si.demand.analysis", "si.lead.revive.wizard",
            "si.lead.analysis.snapshot")
TO_POOL = ("release", "recycle", "move")
REVIVED = 24


def generate(env, rng):
    """Returns a summary."""
    history = _spread_pool_history(env, rng)
    revived = _revive_dead_leads(env, rng)
    delivered = _deliver_orders(env, rng)
    # the last demo module: the conversion snapshot follows every lead made
    env.flush_all()
    env["si.lead.analysis.snapshot"]._rebuild()
    return "%d history rows dated, %d leads revived, %d order lines delivered" % (
        history, revived, delivered)


def _spread_pool_history(env, rng):
    """Each lead's ownership rows, in their order, dated from 30 to 150
    days ago with 1 to 25 days between them; leads waiting in a pool are in
    it since their last row."""
    rows = env["si.lead.assignment"].sudo().search([], order="lead_id, date, id")
    now = datetime.now().replace(microsecond=0)
    last = {}
    for lead, lead_rows in rows.grouped("lead_id").items():
        day = now - timedelta(days=rng.randint(30, 150), hours=rng.randint(0, 23))
        for row in lead_rows:
            row.date = min(day, now)
            if row.kind in TO_POOL:
                last[lead] = row.date
            day += timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 23))
    for lead, day in last.items():
        if lead.pool_id and not lead.user_id:
            env.cr.execute(SQL("UPDATE crm_lead SET pool_date = %s WHERE id = %s",
                               day, lead.id))
    env["crm.lead"].invalidate_model(["pool_date"])
    return len(rows)


def _revive_dead_leads(env, rng):
    """A revival campaign over some dead leads: half back to their owner,
    half to a pool; the revivals dated over the last 60 days."""
    dead = env["crm.lead"].with_context(active_test=False).search(
        [("chance_level", "=", "none"), ("user_id", "!=", False)], order="id")
    if not dead:
        return 0
    leads = env["crm.lead"].browse(rng.sample(dead.ids, min(REVIVED, len(dead))))
    pool = env["si.lead.pool"].search([], limit=1)
    half = len(leads) // 2
    Wizard = env["si.lead.revive.wizard"]
    campaign = env["utm.campaign"].create({"name": "Revival campaign"})
    Wizard.create({"lead_ids": [(6, 0, leads[:half].ids)], "chance_level": "medium",
                   "campaign_id": campaign.id,
                   "note": "Budget released for next year"}).action_revive()
    if pool:
        Wizard.create({"lead_ids": [(6, 0, leads[half:].ids)], "pool_id": pool.id,
                       "campaign_id": campaign.id,
                       "note": "New product line fits their need"}).action_revive()
    followups = env["si.lead.followup"].search(
        [("lead_id", "in", leads.ids), ("kind", "=", "revive")])
    now = datetime.now().replace(microsecond=0)
    for followup in followups:
        followup.date = now - timedelta(days=rng.randint(1, 60))
    return len(leads)


def _deliver_orders(env, rng):
    """Order lines of confirmed orders delivered: all of orders older than
    60 days, part of half of the recent ones."""
    lines = env["sale.order.line"].search([
        ("state", "=", "sale"), ("display_type", "=", False),
        ("qty_delivered_method", "=", "manual"), ("product_uom_qty", ">", 0)])
    old = datetime.now() - timedelta(days=60)
    count = 0
    for line in lines:
        if line.order_id.date_order < old:
            line.qty_delivered = line.product_uom_qty
        elif rng.random() < 0.5:
            line.qty_delivered = round(line.product_uom_qty * rng.choice(
                (0.25, 0.5, 0.75)))
        else:
            continue
        count += 1
    return count
