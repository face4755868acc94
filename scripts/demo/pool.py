"""Demo data of rep grading, matching and the lead pool: Chinese provinces
grouped in sales regions, company profiles, graded and tagged reps, tagged
leads, one pool per team with recycling rules run once, claims, releases and
automatic assignments. Runs after the follow-ups."""
from odoo.exceptions import UserError

MARKER = "sales_intelligence.demo_pool"
SEQUENCE = 20
REQUIRES = ("si.lead.pool", "si.rep", "si.region", "si.tag")

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


def generate(env, rng):
    """Add the pool demo data; returns a summary."""
    regions, by_city = create_regions(env)
    profile_companies(env, rng, by_city)
    needs = _tags(env, "sales_intelligence.si_tag_dimension_specialty", NEEDS)
    sizes = _tags(env, "sales_intelligence.si_tag_dimension_size", SIZES)
    users = create_reps(env, rng, regions, needs, sizes)
    tag_leads(env, rng, needs, sizes)
    create_pools(env)
    # the demo teams use the explained matching (new teams keep Odoo's own)
    users.sale_team_id.write({"si_assignment_mode": "matching"})
    recycled = env["si.lead.pool"]._cron_recycle_leads()
    claimed, released = claim_and_release(env, rng, users)
    assigned = env["si.rep"]._cron_auto_assign()
    # newly owned leads without follow-ups are dormant for their new owners
    env["si.dormant.rule"]._cron_detect_dormant()
    return ("%d regions, %d reps, %d leads recycled, %d claimed, %d released, "
            "%d in pools, %d auto-assigned" % (
                len(regions), len(users), recycled, claimed, released,
                env["crm.lead"].search_count([("pool_id", "!=", False)]),
                assigned))


def _tags(env, dimension_xmlid, names):
    dimension = env.ref(dimension_xmlid)
    Tag = env["si.tag"]
    existing = {tag.name: tag for tag in Tag.search(
        [("dimension_id", "=", dimension.id), ("name", "in", names)])}
    new = Tag.create([{"name": name, "dimension_id": dimension.id}
                      for name in names if name not in existing])
    existing.update({tag.name: tag for tag in new})
    return Tag.browse([existing[name].id for name in names])


def create_regions(env):
    """Chinese provinces (Odoo has none) grouped in sales regions; returns the
    regions and {city: province}."""
    china = env.ref("base.cn")
    State, Region = env["res.country.state"], env["si.region"]
    found = {s.code: s for s in State.search([("country_id", "=", china.id),
                                              ("code", "in", list(PROVINCES))])}
    new = State.create([{"name": name, "code": code, "country_id": china.id}
                        for code, (name, _cities) in PROVINCES.items()
                        if code not in found])
    found.update({s.code: s for s in new})
    regions = list(Region.create([
        {"name": name, "code": code,
         "state_ids": [(6, 0, [found[c].id for c in codes])]}
        for name, code, codes in REGIONS]))
    by_city = {city: found[code] for code, (_n, cities) in PROVINCES.items()
               for city in cities}
    return regions, by_city


def profile_companies(env, rng, by_city):
    companies = env["res.partner"].search([("is_company", "=", True),
                                           ("customer_rank", ">", 0)], order="id")
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
    users = env["res.users"].search([("login", "=like", "rep%")])
    users = users.sorted(lambda u: int(u.login[3:]) if u.login[3:].isdigit() else 99)
    profiled = env["si.rep"].search([("user_id", "in", users.ids)]).user_id
    vals_list = []
    for index, user in enumerate(users):
        level = min(index // 4, 3) if index < 12 else 2
        tags = (needs.browse(rng.sample(needs.ids, 2)) | experience[min(3 - level, 2)]
                | performance[min(level, 2)] | (sizes[1] if level < 2 else sizes[0]))
        vals = {
            "user_id": user.id,
            "grade_id": grades[level].id,
            "experience_years": (8, 5, 3, 1)[level],
            "tag_ids": [(6, 0, tags.ids)],
            "region_ids": [(6, 0, [r.id for r in rng.sample(regions, 2)])],
            "industry_ids": [(6, 0, rng.sample(industries.ids,
                                               min(3, len(industries))))],
            "max_open_leads": rng.choice([60, 80, 100, 120]),
            "max_daily_claims": 15 if level == 0 else 0,
        }
        if user not in profiled:
            vals_list.append(vals)
    env["si.rep"].create(vals_list)
    return users


def tag_leads(env, rng, needs, sizes):
    """Needs and size tags on open leads, one write per set of tags."""
    by_tags = {}
    for lead in env["crm.lead"].search([("stage_id.is_won", "=", False)], order="id"):
        tags = needs.browse(rng.sample(needs.ids, rng.choice([0, 1, 1, 2])))
        size = lead.partner_id.commercial_partner_id.si_company_size
        if size:
            tags |= sizes[1] if size in ("large", "enterprise") else sizes[0]
        if tags:
            by_tags.setdefault(tuple(sorted(tags.ids)), []).append(lead.id)
    Lead = env["crm.lead"]
    for tag_ids, lead_ids in by_tags.items():
        Lead.browse(lead_ids).write(
            {"si_tag_ids": [(6, 0, list(tag_ids))], "si_rematch_suggested": False})


def create_pools(env):
    teams = env["crm.team"].search([("member_ids", "!=", False)])
    env["si.lead.pool"].create([{
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
    } for team in teams])


def claim_and_release(env, rng, users):
    """Reps claim a sixth of the pooled leads and release a dozen of theirs;
    returns (claimed, released)."""
    Lead, Pool = env["crm.lead"], env["si.lead.pool"]
    in_pool = Lead.search([("pool_id", "!=", False)], order="id")
    claimed = 0
    for lead in in_pool[: len(in_pool) // 6]:
        candidates = users.filtered(lambda u: u.sale_team_id == lead.team_id
                                    and u != lead.previous_user_id)
        if not candidates:
            continue
        try:
            with env.cr.savepoint():
                Pool._claim(lead, rng.choice(candidates))
                claimed += 1
        except UserError:  # a limit of the demo rep: the lead stays in the pool
            continue
    owned = Lead.search([("user_id", "in", users.ids), ("pool_id", "=", False),
                         ("stage_id.is_won", "=", False),
                         ("chance_level", "in", ("low", "medium"))],
                        order="id", limit=400)
    pools = {pool.team_id: pool for pool in Pool.search([])}
    released = 0
    for lead in owned.browse(rng.sample(owned.ids, min(12, len(owned)))):
        if lead.team_id in pools:
            lead._send_to_pool(pools[lead.team_id], rng.choice(RELEASE_REASONS))
            released += 1
    return claimed, released
