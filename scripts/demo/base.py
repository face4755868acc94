"""Base demo data, on Odoo's own models only: a Chinese/international sales
organisation with two B2B teams and one B2C team, users rep1..rep12,
manager1..2 and finance, about 300 companies with their contacts and 100
individuals (unique names), 1,500 leads and opportunities over 18 months
with their history, products, ~600 confirmed sale orders since January last
year, ~100 posted customer invoices and 80 OCA contracts.

Records are made in batches through the ORM; dates are then set back with one
UPDATE per table.
"""
import logging
from datetime import date, datetime, time, timedelta
from time import monotonic

from . import reference as ref
from .base_leads import LeadSteps
from .base_people import PeopleSteps
from .base_sales import SalesSteps

# Kept from the first version of the demo, so that databases that already
# have the base data do not get it twice.
MARKER = "sales_intelligence.demo_data_version"
SEQUENCE = 0
REQUIRES = ("crm.lead", "sale.order", "account.move")

_logger = logging.getLogger(__name__)


class BaseDemo(PeopleSteps, LeadSteps, SalesSteps):
    """Creates the dataset; each step stores what later steps need."""

    def __init__(self, env, rng, invoices=ref.N_INVOICES):
        self.env = env
        self.rng = rng
        self.today = date.today()
        # Odoo stores UTC; dates are relative to the moment of the run
        self.now = datetime.utcnow().replace(second=0, microsecond=0)
        self.company = env.ref("base.main_company")
        self.invoice_count = invoices

    def pick(self, items, weights=None):
        if weights:
            return self.rng.choices(items, weights=weights)[0]
        return self.rng.choice(items)

    def moment(self, day):
        """A working-hours datetime (Shanghai) on the given date, not after now."""
        value = datetime.combine(day, time(1 + self.rng.randint(0, 9),
                                           self.rng.randint(0, 59)))
        return min(value, self.now - timedelta(minutes=5))

    def get_or_create(self, model, domain, vals):
        record = self.env[model].with_context(active_test=False).search(
            domain, limit=1)
        return record or self.env[model].create(vals)

    def step(self, label, method):
        start = monotonic()
        method()
        _logger.info("demo data: %-22s %6.1fs", label, monotonic() - start)

    def run(self):
        self.step("languages", self.create_languages)
        self.step("reference data", self.create_reference_data)
        self.step("products", self.create_products)
        self.step("users and teams", self.create_users_and_teams)
        self.step("partners", self.create_partners)
        self.step("leads", self.create_leads)
        self.step("lead history", self.create_history)
        self.step("sale orders", self.create_sale_orders)
        self.step("invoices", self.create_invoices)
        self.step("contracts", self.create_contracts)

    def summary(self):
        leads = self.env["crm.lead"].with_context(active_test=False).browse(
            [p["lead"].id for p in self.plans])
        counts = [
            ("users", len(self.users)),
            ("teams", len(self.teams)),
            ("companies", len(self.companies)),
            ("contacts", sum(len(c["contacts"]) for c in self.companies)),
            ("individuals", len(self.individuals)),
            ("leads", len(leads)),
            ("won", len(leads.filtered(lambda r: r.stage_id.is_won))),
            ("lost", len(leads.filtered(lambda r: not r.active))),
            ("unassigned", len(leads.filtered(lambda r: not r.user_id))),
            ("sale orders", len(self.orders)),
            ("invoices", len(self.invoices)),
            ("contracts", len(self.contracts)),
        ]
        return ", ".join("%d %s" % (count, label) for label, count in counts)


def generate(env, rng):
    """Make the base dataset; returns a summary of the counts."""
    demo = BaseDemo(env, rng)
    demo.run()
    return demo.summary()
