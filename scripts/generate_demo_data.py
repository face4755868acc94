"""Generate the realistic demo dataset of Sales Intelligence (placeholder)."""
import argparse

import odoo


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    with odoo.api.Environment.manage():
        registry = odoo.registry(args.database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            print("demo data: %d leads" % env["crm.lead"].search_count([]))


if __name__ == "__main__":
    main()
