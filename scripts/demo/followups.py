"""Demo data of the follow-up features: 18 months of follow-ups (backdated),
chance levels, plans and key leads, dead leads, dormant leads and anomalies,
rejected duplicates, referrals and leads made from invoices. Runs once the
base CRM data exist."""
from datetime import datetime, timedelta

MARKER = "sales_intelligence.demo_followups"
# The later feature modules build on the follow-ups.
SEQUENCE = 10
REQUIRES = ("si.lead.followup", "si.dormant.rule", "si.anomaly")
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
# follow-ups per create call (the create override works lead by lead)
CHUNK = 800


def generate(env, rng):
    """Add the follow-up demo data; returns the number of follow-ups."""
    leads = env["crm.lead"].search([("user_id", "!=", False)], order="id")
    count, last_chance = _followups(env, rng, leads)
    _chance_levels(env, rng, leads, last_chance)
    _plans_and_key_leads(rng, leads)
    _quality(env, rng, leads)
    env["si.dormant.rule"]._cron_detect_dormant()
    env["si.anomaly"]._cron_scan_anomalies()
    return "%d follow-ups" % count


def _followups(env, rng, leads):
    """Follow-ups spread over each lead's life, dated in the past (the last
    one before now); returns their count and the last chance of each lead."""
    now = datetime.utcnow().replace(microsecond=0) - timedelta(minutes=5)
    vals_list, stamps, last_chance = [], [], {}
    for lead in leads:
        created = lead.create_date
        span = max((now - created).total_seconds(), 3600)
        won = lead.stage_id.is_won
        count = rng.randint(3, 9) if won else rng.choice([0, 1, 2, 3, 4, 6, 8])
        dates = sorted(created + timedelta(seconds=rng.uniform(0, span))
                       for _ in range(count))
        chance = lead.chance_level
        for when in dates:
            content, outcome = rng.choice(NOTES)
            after = rng.choice(CHANCES)
            vals_list.append({
                "lead_id": lead.id,
                "kind": "followup",
                "user_id": lead.user_id.id,
                "date": when,
                "channel": rng.choice(CHANNELS),
                "content": content,
                "outcome": outcome,
                "chance_before": chance,
                "chance_after": after,
                "stage_before_id": lead.stage_id.id,
                "stage_after_id": lead.stage_id.id,
            })
            stamps.append((lead.user_id.id, when))
            chance = after
        if dates:
            last_chance[lead.id] = chance
    Followup = env["si.lead.followup"]
    records = Followup
    start = 0
    while start < len(vals_list):
        # cut between leads: one create per chunk of leads
        end = min(start + CHUNK, len(vals_list))
        while end < len(vals_list) and \
                vals_list[end]["lead_id"] == vals_list[end - 1]["lead_id"]:
            end += 1
        records |= Followup.create(vals_list[start:end])
        start = end
    env.flush_all()
    if records:
        env.cr.execute("""
            UPDATE si_lead_followup f
               SET create_date = v.day, write_date = v.day,
                   create_uid = v.uid, write_uid = v.uid
              FROM unnest(%s::int[], %s::int[], %s::timestamp[]) AS v(id, uid, day)
             WHERE f.id = v.id
        """, [records.ids, [u for u, _d in stamps], [d for _u, d in stamps]])
        env["si.lead.followup"].invalidate_model()
    return len(records), last_chance


def _chance_levels(env, rng, leads, last_chance):
    """Open leads take the chance of their last follow-up; low ones get a
    reason; half the lost ones die (chance none, with their lost reason)."""
    ctx = dict(env.context, si_followup_logged=True)
    open_leads = leads.filtered(lambda rec: rec.active and not rec.stage_id.is_won)
    by_chance = {}
    for lead in open_leads:
        if lead.id in last_chance:
            by_chance.setdefault(last_chance[lead.id], []).append(lead.id)
    Lead = env["crm.lead"].with_context(ctx)
    for chance, ids in by_chance.items():
        Lead.browse(ids).write({"chance_level": chance})
    reasons = env["crm.lost.reason"].search([])
    low = Lead.browse(by_chance.get("low", [])).filtered(
        lambda rec: not rec.chance_reason_id)
    by_reason = {}
    for lead in low:
        by_reason.setdefault(reasons[lead.id % len(reasons)].id, []).append(lead.id)
    lost = Lead.with_context(active_test=False).search(
        [("active", "=", False), ("probability", "=", 0)])
    dead = {}
    for lead in lost.filtered(lambda rec: rng.random() < 0.5):
        reason = lead.lost_reason_id or rng.choice(reasons)
        dead.setdefault(reason.id, []).append(lead.id)
    for reason_id, ids in by_reason.items():
        Lead.browse(ids).write({"chance_reason_id": reason_id})
    for reason_id, ids in dead.items():
        Lead.browse(ids).write({"chance_level": "none", "chance_reason_id": reason_id})


def _plans_and_key_leads(rng, leads):
    opportunities = leads.filtered(
        lambda rec: rec.active and rec.type == "opportunity"
        and not rec.stage_id.is_won)
    key, plans = [], {}
    for lead in opportunities:
        if rng.random() < 0.08:
            key.append(lead.id)
        if rng.random() < 0.15:
            frequency = rng.choice(["weekly", "weekly", "monthly", "daily"])
            plans.setdefault(frequency, []).append(lead.id)
    leads.browse(key).write({"is_key_lead": True})
    for frequency, ids in plans.items():
        # each lead with a plan gets its planned follow-up to-do
        leads.browse(ids).write({"followup_frequency": frequency})


def _quality(env, rng, leads):
    """Duplicates (some rejected), referrals and leads made from invoices."""
    Lead = env["crm.lead"]
    originals = leads.filtered(lambda rec: rec.email_from and rec.active)[:12]
    web_form = env.ref("sales_intelligence.utm_source_web_form")
    copies = Lead.create([{
        "name": "%s (again)" % original.name,
        "type": "lead",
        "email_from": original.email_from.upper(),
        "partner_name": original.partner_name,
        "team_id": original.team_id.id,
        "source_id": web_form.id,
    } for original in originals])
    for index, (copy, original) in enumerate(zip(copies, originals)):
        if index % 2:
            copy.action_reject("duplicate", "Same contact as %s" % original.name)
    customers = leads.partner_id.commercial_partner_id.filtered("is_company")
    referral = env.ref("sales_intelligence.utm_source_referral")
    owners = leads.user_id
    Lead.create([{
        "name": "Referral from %s" % referrer.name,
        "type": "lead",
        "source_id": referral.id,
        "entry_channel": "referral",
        "referred_by_id": referrer.id,
        "user_id": rng.choice(owners).id,
    } for referrer in customers[:8]])
    env.flush_all()
    env.cr.execute("""
        SELECT m.id FROM account_move m
         WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
           AND NOT EXISTS (SELECT 1 FROM crm_lead l JOIN res_partner p
                             ON p.id = l.partner_id
                            WHERE p.commercial_partner_id = m.commercial_partner_id)
         ORDER BY m.id LIMIT 6
    """)
    invoices = env["account.move"].browse([r[0] for r in env.cr.fetchall()])
    finance = env["res.users"].search([("login", "=", "finance")], limit=1)
    if invoices and finance:
        # as the finance user: leads from invoices are theirs to make
        invoices.with_user(finance).action_create_leads()
