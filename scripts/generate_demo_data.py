"""Generate the demo dataset of Sales Intelligence (see scripts/demo/).

Usage: generate_demo_data.py -c CONFIG -d DATABASE [--seed N] [--only MODULE]

Runs in-process with the ORM. Each demo module (base data, follow-ups, pool,
contracts, targets, knowledge base) runs once per database: a second run
adds nothing, a run after an update adds the data of new features only.
"""
import argparse
import logging
import os
import sys
from time import monotonic

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import demo  # noqa: E402
from odoo_env import odoo_env  # noqa: E402

_logger = logging.getLogger("demo")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--only", action="append",
                        help="run only this demo module (repeatable)")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args()
    start = monotonic()
    with odoo_env(args.config, args.database, log_level=args.log_level) as env:
        done = demo.run(env, seed=args.seed, only=args.only)
    _logger.info("demo data of %s: %s in %.1fs", args.database,
                 "done" if done else "stopped on a failure", monotonic() - start)
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main())
