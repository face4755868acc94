"""Demo data of rep grading, matching and the lead pool: Chinese provinces
grouped in sales regions, company profiles, graded and tagged reps, tagged
leads, one pool per team with recycling rules run once, claims, releases and
automatic assignments. Called by generate_demo_data.py after the follow-ups.
"""
import time

from odoo.exceptions import UserError

MARKER = "sales_intelligence.demo_pool"
SEQUENCE = 20

PROVINCES = {
    # code: (name, cities)
    "SH": ("Shanghai", ["Shanghai"]),
    "JS": ("Jiangsu", ["Nanjing", "Suzhou"]),
    "ZJ": ("Zhejiang", ["Hangzhou", "Ningbo"]),
    "GD": ("Guangdong", ["Shenzhen", "Guangzhou", "Dongguan"]),
    "FJ": ("Fujian", ["Xiamen"]),
    "BJ": ("Beijing", ["Beijing"]),
    "TJ": ("Tianjin", ["Tianjin"]),
    "SD": ("Shandong", ["Qingdao"]),
    "SC": ("Sichuan", ["Chengdu"]),
    "CQ": ("Chongqing", ["Chongqing"]),
    "HB": ("Hubei", ["Wuhan"]),
    "HN": ("Hunan", ["Changsha"]),
}
REGIONS = [
    ("East China", "EAST", ["SH", "JS", "ZJ"]),
    ("South China", "SOUTH", ["GD", "FJ"]),
    ("North China", "NORTH", ["BJ", "TJ", "SD"]),
    ("Central and West China", "WEST", ["SC", "CQ", "HB", "HN"]),
]
REP_TAGS = {
    "sales_intelligence.si_tag_dimension_experience": [
        "Under 2 years", "2-5 years", "Over 5 years"],
    "sales_intelligence.si_tag_dimension_performance": [
        "Top closer", "Steady", "Improving"],
}
NEEDS = ["ERP implementation", "Cloud migration", "Data analytics",
         "Manufacturing execution", "E-commerce integration", "After-sales service"]
SIZES = ["SME", "Key account"]
QUALIFICATIONS = ["ISO 9001", "ISO 14001", "High-tech enterprise (高新技术企业)",
                  "CMMI level 3", "AAA credit rating"]
RELEASE_REASONS = ["Outside my region", "Customer asked for another contact",
                   "Too many open leads this month", "客户需求与我负责的产品线不符"]


def _tags(env, dimension_xmlid, names):
    dimension = env.ref(dimension_xmlid)
    Tag = env["si.tag"]
    return Tag.browse([
        (Tag.search([("dimension_id", "=", dimension.id), ("name", "=", name)])
         or Tag.create({"name": name, "dimension_id": dimension.id})).id
        for name in names])


def generate(env, rng):
    """Add the pool demo data once; returns the number of pooled leads."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(MARKER):
        return 0
    started = time.time()
    china = env.ref("base.cn")
    State, Region = env["res.country.state"], env["si.region"]
    states = {}
    for code, (name, _cities) in PROVINCES.items():
        states[code] = State.search([("country_id", "=", china.id),
                                     ("code", "=", code)]) or State.create(
            {"name": name, "code": code, "country_id": china.id})
    regions = [Region.create({"name": name, "code": code,
                              "state_ids": [(6, 0, [states[c].id for c in codes])]})
               for name, code, codes in REGIONS]
    by_city = {city: states[code] for code, (_n, cities) in PROVINCES.items()
               for city in cities}

    # company profiles, and provinces from the cities
    companies = env["res.partner"].search([("is_company", "=", True),
                                           ("customer", "=", True)])
    for company in companies:
        values = {
            "si_company_size": rng.choice(["micro", "small", "medium", "medium",
                                           "large", "enterprise"]),
            "si_registered_capital": rng.choice([1, 5, 10, 20, 50, 100, 500]) * 1e6,
            "si_customer_level": rng.choice(["a", "b", "b", "c", "c", "c", "d"]),
            "si_qualification": ", ".join(rng.sample(QUALIFICATIONS, 2)),
        }
        if company.city in by_city:
            values["state_id"] = by_city[company.city].id
        company.write(values)

    # graded, tagged reps
    grades = [env.ref("sales_intelligence.si_rep_grade_%s" % code)
              for code in ("s", "a", "b", "c")]
    needs = _tags(env, "sales_intelligence.si_tag_dimension_specialty", NEEDS)
    sizes = _tags(env, "sales_intelligence.si_tag_dimension_size", SIZES)
    rep_tags = {xmlid: _tags(env, xmlid, names) for xmlid, names in REP_TAGS.items()}
    industries = env["res.partner.industry"].search([])
    users = env["res.users"].search([("login", "=like", "rep%")], order="login")
    for index, user in enumerate(users):
        grade = grades[min(index // 4, 3)] if index < 12 else grades[2]
        tags = (needs.browse(rng.sample(needs.ids, 2))
                | rep_tags["sales_intelligence.si_tag_dimension_experience"][
                    min(3 - grades.index(grade), 2)]
                | rep_tags["sales_intelligence.si_tag_dimension_performance"][
                    min(grades.index(grade), 2)])
        if grade in grades[:2]:
            tags |= sizes[1]
        env["si.rep"].create({
            "user_id": user.id,
            "grade_id": grade.id,
            "experience_years": {0: 8, 1: 5, 2: 3, 3: 1}[grades.index(grade)],
            "tag_ids": [(6, 0, tags.ids)],
            "region_ids": [(6, 0, [r.id for r in rng.sample(regions, 2)])],
            "industry_ids": [(6, 0, industries.browse(
                rng.sample(industries.ids, min(3, len(industries)))).ids)],
            "max_open_leads": rng.choice([60, 80, 100, 120]),
            "max_daily_claims": 15 if grade == grades[0] else 0,
        })

    # lead tags on open leads
    Lead = env["crm.lead"]
    open_leads = Lead.search([("stage_id.probability", "<", 100)])
    for lead in open_leads:
        tags = needs.browse(rng.sample(needs.ids, rng.choice([0, 1, 1, 2])))
        size = lead.partner_id.commercial_partner_id.si_company_size
        if size in ("large", "enterprise"):
            tags |= sizes[1]
        elif size:
            tags |= sizes[0]
        if tags:
            lead.with_context(si_assignment_logged=True).write(
                {"si_tag_ids": [(6, 0, tags.ids)], "si_rematch_suggested": False})

    # one pool per team, its rules run once
    Pool = env["si.lead.pool"]
    for team in env["crm.team"].search([("member_ids", "!=", False)]):
        Pool.create({
            "name": "%s Pool" % team.name,
            "team_id": team.id,
            "mask_contact": True,
            "daily_claim_limit": 10,
            "hold_limit": 120,
            "auto_reassign": team.sales_mode == "b2c",
            "rule_ids": [
                (0, 0, {"name": "No follow-up for 45 days", "trigger": "no_followup",
                        "days": 45, "warn_days": 7}),
                (0, 0, {"name": "Low chance, 20 days", "trigger": "no_followup",
                        "days": 20, "warn_days": 5, "chance_level": "low"}),
                (0, 0, {"name": "No progress for 120 days", "trigger": "no_progress",
                        "days": 120, "warn_days": 10}),
                (0, 0, {"name": "Dead leads", "trigger": "dead"}),
            ],
        })
    ctx = dict(env.context, si_no_commit=True)
    pooled = Pool.with_context(ctx).cron_recycle_leads()

    # reps claim and release some leads; unassigned leads are matched
    in_pool = Lead.search([("pool_id", "!=", False)], order="id")
    for lead in in_pool[: len(in_pool) // 6]:
        candidates = users.filtered(lambda u: u.sale_team_id == lead.team_id
                                    and u != lead.previous_user_id)
        if candidates:
            user = rng.choice(candidates)
            try:
                with env.cr.savepoint():
                    lead.sudo(user).with_context(ctx).action_pool_claim()
            except UserError:  # a limit of the demo rep: leave it in the pool
                continue
    owned = Lead.search([("user_id", "in", users.ids), ("pool_id", "=", False),
                         ("stage_id.probability", "<", 100),
                         ("chance_level", "in", ("low", "medium"))], limit=400)
    for lead in owned.browse(rng.sample(owned.ids, min(12, len(owned)))):
        pool = Pool.search([("team_id", "=", lead.team_id.id)], limit=1)
        if pool:
            lead._send_to_pool(pool, rng.choice(RELEASE_REASONS))
    assigned = env["si.rep"].with_context(ctx).cron_auto_assign()
    # newly owned leads without follow-ups are dormant for their new owners
    env["si.dormant.rule"].with_context(ctx).cron_detect_dormant()
    params.set_param(MARKER, "1")
    print("pool demo: %d regions, %d reps, %d leads recycled, %d in pools, %d "
          "auto-assigned in %.1fs" % (
              len(regions), len(users), pooled,
              Lead.search_count([("pool_id", "!=", False)]), assigned,
              time.time() - started))
    return pooled
