"""Demo data of the follow-up features: 18 months of follow-ups, plans, key,
dormant and dead leads, anomalies, rejected duplicates, referrals and leads
made from invoices. Called by generate_demo_data.py once the CRM data exist.
"""
import time
from datetime import datetime, timedelta

CHANNELS = ["call", "call", "call", "visit", "meeting", "negotiation", "email",
            "message"]
NOTES = [
    ("Discussed requirements and budget", "Send a proposal"),
    ("Demo of the product to the IT team", "Technical questions to answer"),
    ("电话沟通采购流程，客户预算已批", "下周发送报价"),
    ("拜访客户工厂，了解生产线需求", "安排技术交流"),
    ("Negotiated payment terms", "Legal review of the contract"),
    ("客户对价格有顾虑，竞争对手报价更低", "准备价值分析材料"),
    ("Follow-up e-mail with case studies", "Waiting for feedback"),
    ("微信沟通，客户决策人变更", "约见新的决策人"),
]
CHANCES = ["high", "medium", "medium", "low"]
MARKER = "sales_intelligence.demo_followups"
# Order among the scripts/demo_*.py modules: the later ones build on follow-ups.
SEQUENCE = 10


def generate(env, rng):
    """Add the follow-up demo data once; returns the number of follow-ups."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(MARKER):
        return 0
    started = time.time()
    leads = env["crm.lead"].search([("user_id", "!=", False)], order="id")
    now = datetime.utcnow()
    rows = []
    for lead in leads:
        created = datetime.strptime(lead.create_date[:19], "%Y-%m-%d %H:%M:%S")
        span = max((now - created).days, 1)
        won = lead.stage_id.probability >= 100
        count = rng.choice([0, 1, 2, 3, 4, 6, 8]) if not won else rng.randint(3, 9)
        dates = sorted(created + timedelta(days=rng.uniform(0, span))
                       for _ in range(count))
        chance = lead.chance_level
        for date in dates:
            content, outcome = rng.choice(NOTES)
            after = rng.choice(CHANCES)
            rows.append((lead.id, "followup", lead.user_id.id,
                         date.strftime("%Y-%m-%d %H:%M:%S"), rng.choice(CHANNELS),
                         content, outcome, chance, after, lead.stage_id.id,
                         lead.stage_id.id, lead.user_id.id, lead.team_id.id or None,
                         lead.company_id.id or None, chance != after, False))
            chance = after
    env.cr.executemany("""
        INSERT INTO si_lead_followup
               (lead_id, kind, user_id, date, channel, content, outcome,
                chance_before, chance_after, stage_before_id, stage_after_id,
                lead_user_id, team_id, company_id, chance_changed, stage_changed,
                create_uid, create_date, write_uid, write_date)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
                1, now() at time zone 'UTC', 1, now() at time zone 'UTC')
    """, rows)
    leads._refresh_followup_stats()
    _chance_levels(env, rng, leads)
    _plans_and_key_leads(rng, leads)
    _quality(env, rng, leads)
    env["si.dormant.rule"].cron_detect_dormant()
    env["si.anomaly"].cron_scan_anomalies()
    params.set_param(MARKER, "1")
    print("follow-up demo data: %d follow-ups in %.0fs"
          % (len(rows), time.time() - started))
    return len(rows)


def _chance_levels(env, rng, leads):
    """Open leads take the chance of their last follow-up; some lost ones die."""
    env.cr.execute("""
        UPDATE crm_lead l SET chance_level = f.chance_after
          FROM (SELECT DISTINCT ON (lead_id) lead_id, chance_after
                  FROM si_lead_followup ORDER BY lead_id, date DESC) f
         WHERE f.lead_id = l.id AND l.active
    """)
    reasons = env["crm.lost.reason"].search([])
    env.cr.execute("""
        UPDATE crm_lead SET chance_reason_id = (%s::int[])[1 + id %% %s]
         WHERE chance_level = 'low' AND chance_reason_id IS NULL
    """, (reasons.ids, len(reasons)))
    leads.invalidate_cache()
    lost = env["crm.lead"].with_context(active_test=False).search(
        [("active", "=", False), ("probability", "=", 0)])
    for lead in lost.filtered(lambda rec: rng.random() < 0.5):
        lead.with_context(si_followup_logged=True).write({
            "chance_level": "none",
            "chance_reason_id": (lead.lost_reason or rng.choice(reasons)).id})


def _plans_and_key_leads(rng, leads):
    opportunities = leads.filtered(
        lambda rec: rec.active and rec.type == "opportunity" and rec.probability < 100)
    for lead in opportunities:
        if rng.random() < 0.08:
            lead.is_key_lead = True
        if rng.random() < 0.15:
            lead.followup_frequency = rng.choice(
                ["weekly", "weekly", "monthly", "daily"])


def _quality(env, rng, leads):
    """Duplicates (some rejected), referrals and leads made from invoices."""
    Lead = env["crm.lead"]
    originals = leads.filtered(lambda rec: rec.email_from and rec.active)[:12]
    for index, original in enumerate(originals):
        copy = Lead.create({
            "name": "%s (again)" % original.name,
            "type": "lead",
            "email_from": original.email_from.upper(),
            "partner_name": original.partner_name,
            "team_id": original.team_id.id,
            "source_id": env.ref("sales_intelligence.utm_source_web_form").id,
        })
        if index % 2:
            copy.action_reject("duplicate", "Same contact as %s" % original.name)
    customers = leads.mapped("partner_id").filtered("is_company")
    referral = env.ref("sales_intelligence.utm_source_referral")
    for referrer in customers[:8]:
        Lead.create({
            "name": "Referral from %s" % referrer.name,
            "type": "lead",
            "source_id": referral.id,
            "referred_by_id": referrer.id,
            "user_id": rng.choice(leads.mapped("user_id")).id,
        })
    env.cr.execute("""
        SELECT i.id FROM account_invoice i
         WHERE i.type = 'out_invoice' AND i.state IN ('open', 'paid')
           AND NOT EXISTS (SELECT 1 FROM crm_lead l JOIN res_partner p
                             ON p.id = l.partner_id
                            WHERE p.commercial_partner_id = i.commercial_partner_id)
         ORDER BY i.id LIMIT 6
    """)
    invoices = env["account.invoice"].browse([r[0] for r in env.cr.fetchall()])
    if invoices:
        invoices.action_create_leads()
