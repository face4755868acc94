"""Open an Odoo environment from a script: the one way the project's scripts
(demo and benchmark data) and benchmarks reach a database in-process.

    from odoo_env import odoo_env

    with odoo_env("/path/to/odoo.cfg", "mydb") as env:
        env["crm.lead"].search_count([])

The configuration file is parsed (addons path, database server), the
registry of the database loaded and a cursor opened; the transaction is
committed when the block ends normally and rolled back when it raises
(benchmarks that must leave nothing behind pass ``commit=False``).
"""
import contextlib
import logging

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config as odoo_config

_configured = set()


def parse_config(config, database, log_level=None):
    """Parse the server configuration once per process."""
    key = (config, database)
    if key in _configured:
        return
    args = ["-c", config, "-d", database]
    if log_level:
        args.append("--log-level=%s" % log_level)
    odoo_config.parse_config(args, setup_logging=True)
    _configured.add(key)


@contextlib.contextmanager
def odoo_env(config, database, context=None, uid=odoo.SUPERUSER_ID,
             log_level=None, commit=True):
    """Yield an environment on `database`; commit on success.

    :param config: path of the Odoo configuration file
    :param database: name of the database (its addons must be installed)
    :param context: context of the environment (default: empty)
    :param uid: user of the environment (default: the superuser)
    :param log_level: the server's log level, when not the configuration's
    :param commit: False to roll back at the end even on success
    """
    parse_config(config, database, log_level=log_level)
    registry = Registry(database)
    # the cursor commits when the block ends without error, else rolls back
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, dict(context or {}))
        yield env
        if commit:
            env.flush_all()
        else:
            cr.rollback()
            env.invalidate_all()
    logging.getLogger(__name__).debug("%s on %s", "committed" if commit
                                      else "rolled back", database)
