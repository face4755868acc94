"""Demo data of the lead intake paths: an H5 form, a PC form and an app /
partner-site channel, with submissions sent through the intake service the
endpoints use (new leads, additions to open leads, a contract customer
rejected, spam caught). Runs after the pool, so new leads meet the teams'
matching."""
from odoo.addons.sales_intelligence.tools.intake import clean_submission

from .reference import CN_CITIES, CN_GIVEN, CN_GIVEN_2, CN_SURNAMES, SYLLABLES, TEAMS

MARKER = "sales_intelligence.demo_intake"
SEQUENCE = 25
REQUIRES = ("si.intake.channel", "si.intake.submission")

CHANNELS = [
    # (name, kind, code, team key of reference.TEAMS, entry channel, source)
    ("Spring campaign H5 page", "h5", "spring-h5", "online", "app_h5", "App/H5"),
    ("Website contact page (PC)", "pc", "contact-pc", "east", "pc", "PC"),
    ("Company app and partner sites", "api", "app", "south", "app_h5", "App/H5"),
]
NEEDS = ["We are looking for a quotation for 30 users.",
         "Please call me about the new product line.",
         "想了解一下贵公司的解决方案和价格。",
         "We need on-site training for our sales team next month.",
         "请尽快联系我，我们有一个采购项目。"]


def generate(env, rng):
    """Add the intake demo data; returns a summary."""
    channels = create_channels(env)
    outcomes = {}
    for channel in channels:
        for _i in range(rng.randint(6, 9)):
            values = _person(rng, channel)
            outcome = _submit(env, channel, values, rng)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        # a person who already has an open lead writes again
        lead = env["crm.lead"].search([("email_normalized", "!=", False),
                                       ("active", "=", True), ("probability", "<", 100),
                                       ("si_intake_channel_id", "=", False)],
                                      limit=1, offset=rng.randint(0, 50))
        if lead:
            values = dict(_person(rng, channel), email=lead.email_normalized,
                          message="Any news about my request?")
            outcome = _submit(env, channel, values, rng)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if channel.kind != "api":
            outcome = _submit(env, channel, _person(rng, channel), rng, spam=True)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    # a customer under a running contract asks through the app
    running = env["contract.contract"]._running_contract_partners().filtered("email")
    if running:
        values = dict(_person(rng, channels[2]), email=running[0].email,
                      company_name=running[0].name)
        outcome = _submit(env, channels[2], values, rng)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return "%d channels, submissions: %s" % (len(channels), ", ".join(
        "%d %s" % (count, outcome) for outcome, count in sorted(outcomes.items())))


def create_channels(env):
    Team, Source = env["crm.team"], env["utm.source"]
    medium = env.ref("utm.utm_medium_website", raise_if_not_found=False)
    campaign = env["utm.campaign"].search([], limit=1)
    channels = env["si.intake.channel"]
    team_names = {key: name for key, name, _mode, _manager in TEAMS}
    for name, kind, code, team_key, entry, source_name in CHANNELS:
        team = Team.search([("name", "=", team_names[team_key])], limit=1) \
            or Team.search([], order="id", limit=1)
        source = Source.search([("name", "=", source_name)], limit=1)
        channels |= channels.create({
            "name": name,
            "kind": kind,
            "code": code,
            "team_id": team.id,
            "entry_channel": entry,
            "source_id": source.id or False,
            "medium_id": medium.id if medium and kind != "api" else False,
            "campaign_id": campaign.id or False,
            "require_phone": kind == "h5",
            "consent_text": "I agree that the company contacts me about my request."
            if kind != "api" else False,
        })
    return channels


def _person(rng, channel):
    surname = rng.choice(CN_SURNAMES)
    given = rng.choice(CN_GIVEN) + rng.choice(CN_GIVEN_2)
    city, area = rng.choice(CN_CITIES)[:2]
    company = "%s %s%s Technology Co., Ltd." % (
        city, rng.choice(SYLLABLES), rng.choice(SYLLABLES).lower())
    login = "%s.%s%d" % (given.lower(), surname.lower(), rng.randint(1, 999))
    return {
        "contact_name": "%s %s" % (surname, given),
        "email": "%s@example.cn" % login,
        "phone": "+86 1%d %04d %04d" % (rng.randint(30, 89), rng.randint(0, 9999),
                                        rng.randint(0, 9999)),
        "company_name": company if channel.kind != "h5" else "",
        "message": rng.choice(NEEDS),
        "referrer": "https://partner%d.example.cn/offer" % rng.randint(1, 3)
        if channel.kind == "api" else "",
        "campaign": "",
        "country": "CN",
        "vat": "",
    } | ({"phone": "+86 %s %04d %04d" % (
        area, rng.randint(0, 9999), rng.randint(0, 9999))}
         if channel.kind == "pc" else {})


def _submit(env, channel, values, rng, spam=False):
    """One submission through the service, cleaned and validated as the
    endpoints do (an invalid one is left out)."""
    values, too_long = clean_submission(values)
    if channel._intake_validate(values, too_long, consent=True):
        return "invalid"
    submission_id = "demo-%s-%08d" % (channel.code, rng.randint(0, 10 ** 8))
    return channel._intake_submit(values, submission_id, spam=spam)
