"""Benchmark the contract renewal scan of sales_intelligence on a large database.

    .venv/bin/python benchmarks/bench_renewal.py \
        -c .odoo/odoo.cfg -d sales_intelligence_bench

Measures, on every customer contract of the database (100,000 with the
default benchmark data), the nightly renewal job as it runs in production:
the set-based scan (contracts whose notice is due marked upcoming, one
statement), the creation of the renewal opportunities of the contracts found
(ORM, with their value summary and the owner's to-do, in keyset batches), and
a re-run, which finds nothing new. Then the same scan done the naive way
(ORM, one contract at a time) on a sample, in the same process. Results are
printed as times and as the ratio naive / set-based per contract, which does
not depend on the machine's speed. Everything is rolled back at the end: the
database is unchanged.
"""
import argparse

from bench_lead_jobs import timed
from odoo_env import odoo_env

from odoo import fields
from odoo.tools import SQL

SAMPLE = 5000
CTX = {"tracking_disable": True, "mail_create_nolog": True,
       "mail_notrack": True}


def reset(env):
    """Every contract back to 'not due', without renewal opportunity."""
    env.flush_all()
    cr = env.cr
    cr.execute(SQL("UPDATE contract_contract SET renewal_state = 'not_due', "
                   "renewal_lead_id = NULL WHERE contract_type = 'sale'"))
    cr.execute(SQL("DELETE FROM mail_activity WHERE res_model = 'crm.lead' "
                   "AND res_id IN (SELECT id FROM crm_lead "
                   "WHERE renewal_contract_id IS NOT NULL)"))
    cr.execute(SQL("DELETE FROM crm_lead WHERE renewal_contract_id IS NOT NULL"))
    env.invalidate_all()


def naive_scan(env, sample_ids):
    """The scan as a per-record loop: what the set-based job replaces."""
    today = fields.Date.context_today(env.user)
    Lead = env["crm.lead"]
    due = 0
    for contract in env["contract.contract"].browse(sample_ids):
        if contract.contract_type != "sale" or not contract.date_end:
            continue
        left = (contract.date_end - today).days
        notice = (contract.renewal_notice_days
                  or contract.contract_template_id.renewal_notice_days
                  or contract.team_id.renewal_notice_days or 60)
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
    with odoo_env(args.config, args.database, context=CTX) as env:
        cr = env.cr
        cr.execute(SQL("SELECT count(*) FROM contract_contract "
                       "WHERE contract_type = 'sale'"))
        n_contracts = cr.fetchone()[0]
        print("contracts: %d" % n_contracts)
        reset(env)
        Contract = env["contract.contract"]
        t_scan, marked = timed("scan: notices due (first run)",
                               Contract._mark_renewal_notices_due)
        t_leads, created = timed("renewal opportunities created",
                                 Contract._create_pending_renewal_leads)
        t_rerun, again = timed("whole job re-run (nothing new)",
                               Contract._cron_scan_renewals)
        assert again == 0, "the re-run created opportunities"
        cr.execute(SQL("SELECT id FROM contract_contract WHERE contract_type = 'sale' "
                       "ORDER BY random() LIMIT %s", SAMPLE))
        sample = [r[0] for r in cr.fetchall()]
        env.invalidate_all()
        t_naive, _ = timed("naive ORM scan, %d-contract sample" % len(sample),
                           naive_scan, env, sample)
        per_naive = t_naive / max(len(sample), 1)
        per_set = t_scan / max(n_contracts, 1)
        print()
        print("naive per contract:     %.3f ms -> %.0f s for all %d contracts "
              "(estimated)" % (per_naive * 1000, per_naive * n_contracts, n_contracts))
        print("set-based per contract: %.4f ms" % (per_set * 1000))
        print("ratio naive / set-based: %.0fx" % (per_naive / max(per_set, 1e-9)))
        print("opportunity creation: %.1f ms each (%d due of %d contracts)"
              % (t_leads / max(created, 1) * 1000, marked, n_contracts))
        print("re-run / first run (scan + creation): %.2f"
              % (t_rerun / max(t_scan + t_leads, 1e-9)))
        # measurements only: leave the database as it was
        cr.rollback()


if __name__ == "__main__":
    main()
