"""Run the benchmark suite: every scheduled job and analysis of the product
through its own entry points, beside a hand-written SQL floor giving the
same result, on a benchmark database (see `make bench`).

    .venv/bin/python benchmarks/run.py -c .odoo/odoo.cfg \
        -d sales_intelligence_bench --size 1000000 [--only dormant,pool] [--tracking]

Prints one table (job, rows, seconds, queries, peak memory, floor seconds
and queries, ratio = seconds / floor, whether both gave the same result) and
writes it to build/bench-<size>.md (and .json). The database is left as it
was, apart from the one-time completion of its data (suite/dataset.py).
The jobs run without chatter tracking, as the floors write none; with
--tracking they log it as the scheduled jobs do.
"""
import argparse
import importlib
import os
import platform
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, HERE)
from odoo_env import odoo_env  # noqa: E402

from suite import dataset  # noqa: E402
from suite.bench import Bench  # noqa: E402

# the slowest last: at 1,000,000 leads the renewal scan and the recycling
# take longest
MODULES = ["lead_jobs", "targets", "bundles", "analyses", "reports",
           "contracts", "pool_jobs"]


def load_average():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "?"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--size", default=None,
                        help="label of the table (default: the number of leads)")
    parser.add_argument("--only", default="",
                        help="comma-separated modules or case names to run")
    parser.add_argument("--out", default=os.path.join(ROOT, "build"))
    parser.add_argument("--tracking", action="store_true",
                        help="run the jobs with the chatter tracking the scheduled "
                             "jobs log (its messages are not part of the floors)")
    args = parser.parse_args(argv)
    only = {name for name in args.only.split(",") if name}
    started = time.time()
    failed = []
    with odoo_env(args.config, args.database, log_level="warn", commit=False) as env:
        sizes = dataset.prepare(env)
        size = args.size or str(sizes["crm_lead"])
        bench = Bench(env, size, tracking=args.tracking)
        load_before = load_average()
        for module_name in MODULES:
            try:
                module = importlib.import_module("suite.%s" % module_name)
            except ImportError:
                if not only or module_name in only:
                    traceback.print_exc()
                    failed.append(module_name)
                continue
            optional = [case for case in getattr(module, "OPTIONAL", [])
                        if case.__name__ in only]
            for case in module.CASES + optional:
                if only and module_name not in only and case.__name__ not in only:
                    continue
                try:
                    case(bench)
                except Exception:  # a broken case is reported, the others run
                    traceback.print_exc()
                    failed.append("%s.%s" % (module_name, case.__name__))
                    env.cr.rollback()
                    env.invalidate_all()
        env.cr.rollback()
    tracked = " (jobs with chatter tracking)" if args.tracking else ""
    header = ("Database %s%s: %s; %s, %d cores; load average %s before, %s after; "
              "%.0f s in all.\n" % (
                  args.database, tracked,
                  ", ".join("%s %d" % item for item in sizes.items()),
                  platform.machine(), os.cpu_count() or 0, load_before,
                  load_average(), time.time() - started))
    if failed:
        header += "Cases that failed: %s.\n" % ", ".join(failed)
    path = bench.write(args.out, header)
    print()
    print(bench.table(header))
    print("written to %s" % path)
    return 1 if failed or not all(r["same"] for r in bench.results) else 0


if __name__ == "__main__":
    sys.exit(main())
