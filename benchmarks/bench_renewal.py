"""Benchmark the contract renewal scan of sales_intelligence on a large database.

    .venv/bin/python benchmarks/bench_renewal.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

Measures, on every contract of the database (100,000 with the default
benchmark data), the nightly renewal job as it runs in production: the
set-based scan (contracts whose notice is due marked, committed in id
batches), the creation of the renewal opportunities
of the contracts found (ORM, with their value summary and the owner's to-do),
and a re-run, which finds nothing new. Then the same scan done the naive way
(ORM, one contract at a time) on a sample, in the same process. Results are
printed as times and as the ratio naive / set-based per contract, which does
not depend on the machine's speed.
"""
import argparse

from bench_lead_jobs import timed

import odoo
from odoo import fields

SAMPLE = 5000


def reset(env):
    """Every contract back to 'not due', without renewal opportunity."""
    cr = env.cr
    cr.execute("UPDATE account_analytic_account SET renewal_state = 'not_due', "
               "renewal_lead_id = NULL WHERE recurring_invoices")
    cr.execute("DELETE FROM mail_activity WHERE res_model = 'crm.lead' AND res_id IN "
               "(SELECT id FROM crm_lead WHERE renewal_contract_id IS NOT NULL)")
    cr.execute("DELETE FROM crm_lead WHERE renewal_contract_id IS NOT NULL")
    cr.commit()
    env.clear()


def naive_scan(env, sample_ids):
    """The scan as a per-record loop: what the set-based job replaces."""
    today = fields.Date.from_string(fields.Date.context_today(env.user))
    Lead = env["crm.lead"]
    due = 0
    for contract in env["account.analytic.account"].browse(sample_ids):
        if not contract.recurring_invoices or not contract.date_end:
            continue
        left = (fields.Date.from_string(contract.date_end) - today).days
        notice = (contract.renewal_notice_days or contract.team_id.renewal_notice_days
                  or 60)
        if 0 <= left <= notice and contract.renewal_state in ("not_due", "renewed") \
                and not Lead.search_count([("renewal_contract_id", "=", contract.id),
                                           ("active", "=", True)]):
            due += 1
    return due


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with odoo.api.Environment.manage(), odoo.registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {
            "tracking_disable": True, "mail_create_nolog": True})
        cr.execute("SELECT count(*) FROM account_analytic_account "
                   "WHERE recurring_invoices")
        n_contracts = cr.fetchone()[0]
        print("contracts: %d" % n_contracts)
        reset(env)
        Contract = env["account.analytic.account"]
        t_scan, marked = timed("scan: notices due (first run)",
                               Contract._scan_renewal_notices)
        t_leads, created = timed("renewal opportunities created",
                                 Contract._create_pending_renewal_leads)
        t_rerun, again = timed("whole job re-run (nothing new)",
                               Contract.cron_scan_renewals)
        assert again == 0, "the re-run created opportunities"
        cr.execute("SELECT id FROM account_analytic_account WHERE recurring_invoices "
                   "ORDER BY random() LIMIT %s", (SAMPLE,))
        sample = [r[0] for r in cr.fetchall()]
        env.clear()
        t_naive, _ = timed("naive ORM scan, %d-contract sample" % SAMPLE,
                           naive_scan, env, sample)
        per_naive = t_naive / len(sample)
        per_set = t_scan / max(n_contracts, 1)
        print()
        print("naive per contract:     %.3f ms -> %.0f s for all %d contracts "
              "(estimated)" % (per_naive * 1000, per_naive * n_contracts, n_contracts))
        print("set-based per contract: %.4f ms" % (per_set * 1000))
        print("ratio naive / set-based: %.0fx" % (per_naive / per_set))
        print("opportunity creation: %.1f ms each (%d due of %d contracts)"
              % (t_leads / max(created, 1) * 1000, marked, n_contracts))
        print("re-run / first run (scan + creation): %.2f"
              % (t_rerun / (t_scan + t_leads)))


if __name__ == "__main__":
    main()
