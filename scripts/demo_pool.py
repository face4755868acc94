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


def create_regions(env):
    """Chinese provinces (Odoo has none) grouped in sales regions; returns the
    regions and {city: province}."""
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
    return regions, by_city


def profile_companies(env, rng, by_city):
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


def create_reps(env, rng, regions, needs, sizes):
    """A profile for each demo rep: the first four S, then A, B, C."""
    grades = [env.ref("sales_intelligence.si_rep_grade_%s" % code)
              for code in ("s", "a", "b", "c")]
    rep_tags = {xmlid: _tags(env, xmlid, names) for xmlid, names in REP_TAGS.items()}
    experience = rep_tags["sales_intelligence.si_tag_dimension_experience"]
    performance = rep_tags["sales_intelligence.si_tag_dimension_performance"]
    industries = env["res.partner.industry"].search([])
    users = env["res.users"].search([("login", "=like", "rep%")], order="login")
    for index, user in enumerate(users):
        level = min(index // 4, 3) if index < 12 else 2
        tags = (needs.browse(rng.sample(needs.ids, 2)) | experience[min(3 - level, 2)]
                | performance[min(level, 2)] | (sizes[1] if level < 2 else sizes[0]))
        env["si.rep"].create({
            "user_id": user.id,
            "grade_id": grades[level].id,
            "experience_years": (8, 5, 3, 1)[level],
            "tag_ids": [(6, 0, tags.ids)],
            "region_ids": [(6, 0, [r.id for r in rng.sample(regions, 2)])],
            "industry_ids": [(6, 0, rng.sample(industries.ids,
                                               min(3, len(industries))))],
            "max_open_leads": rng.choice([60, 80, 100, 120]),
            "max_daily_claims": 15 if level == 0 else 0,
        })
    return users


def tag_leads(env, rng, needs, sizes):
    for lead in env["crm.lead"].search([("stage_id.probability", "<", 100)]):
        tags = needs.browse(rng.sample(needs.ids, rng.choice([0, 1, 1, 2])))
        size = lead.partner_id.commercial_partner_id.si_company_size
        if size:
            tags |= sizes[1] if size in ("large", "enterprise") else sizes[0]
        if tags:
            lead.with_context(si_assignment_logged=True).write(
                {"si_tag_ids": [(6, 0, tags.ids)], "si_rematch_suggested": False})


def create_pools(env):
    Pool = env["si.lead.pool"]
    for team in env["crm.team"].search([("member_ids", "!=", False)]):
        Pool.create({
            "name": "%s Pool" % team.name,
            "team_id": team.id,
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


def claim_and_release(env, rng, users, ctx):
    """Reps claim a sixth of the pooled leads and release a dozen of theirs."""
    Lead, Pool = env["crm.lead"], env["si.lead.pool"]
    in_pool = Lead.search([("pool_id", "!=", False)], order="id")
    for lead in in_pool[: len(in_pool) // 6]:
        candidates = users.filtered(lambda u: u.sale_team_id == lead.team_id
                                    and u != lead.previous_user_id)
        if not candidates:
            continue
        try:
            with env.cr.savepoint():
                lead.sudo(rng.choice(candidates)).with_context(ctx).action_pool_claim()
        except UserError:  # a limit of the demo rep: the lead stays in the pool
            continue
    owned = Lead.search([("user_id", "in", users.ids), ("pool_id", "=", False),
                         ("stage_id.probability", "<", 100),
                         ("chance_level", "in", ("low", "medium"))], limit=400)
    for lead in owned.browse(rng.sample(owned.ids, min(12, len(owned)))):
        pool = Pool.search([("team_id", "=", lead.team_id.id)], limit=1)
        if pool:
            lead._send_to_pool(pool, rng.choice(RELEASE_REASONS))


def generate(env, rng):
    """Add the pool demo data once; returns the number of recycled leads."""
    params = env["ir.config_parameter"].sudo()
    if params.get_param(MARKER):
        return 0
    started = time.time()
    ctx = dict(env.context, si_no_commit=True)
    regions, by_city = create_regions(env)
    profile_companies(env, rng, by_city)
    needs = _tags(env, "sales_intelligence.si_tag_dimension_specialty", NEEDS)
    sizes = _tags(env, "sales_intelligence.si_tag_dimension_size", SIZES)
    users = create_reps(env, rng, regions, needs, sizes)
    tag_leads(env, rng, needs, sizes)
    create_pools(env)
    recycled = env["si.lead.pool"].with_context(ctx).cron_recycle_leads()
    claim_and_release(env, rng, users, ctx)
    assigned = env["si.rep"].with_context(ctx).cron_auto_assign()
    # newly owned leads without follow-ups are dormant for their new owners
    env["si.dormant.rule"].with_context(ctx).cron_detect_dormant()
    params.set_param(MARKER, "1")
    print("pool demo: %d regions, %d reps, %d leads recycled, %d in pools, %d "
          "auto-assigned in %.1fs" % (
              len(regions), len(users), recycled,
              env["crm.lead"].search_count([("pool_id", "!=", False)]), assigned,
              time.time() - started))
    return recycled
