"""The demo dataset of Sales Intelligence, made of modules run in order.

Each module of this package that defines

    MARKER    the ir.config_parameter key set once its data exist
    SEQUENCE  its place in the run (base data first, then the features)
    REQUIRES  the models it needs (optional): when one is not installed the
              module is skipped, without its marker, and runs on a later update
    generate(env, rng)  makes its data (returns a short summary or a count)

is a demo module. A database gets a module's data once: on the next update
of a database made before a feature existed, only that feature's data are
added. Each module runs in its own transaction (its data and its marker are
committed together); a failure rolls that module back and stops the run, so
the next run starts again at the module that failed.
"""
import importlib
import logging
import pkgutil
import random
from time import monotonic

_logger = logging.getLogger(__name__)

# Mail side effects (tracking, followers, chatter logs, mails to assignees)
# cost time and are not demo content: history is written explicitly.
CONTEXT = {
    # the database's language for every record and message of the demo
    "lang": "en_US",
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_activity_quick_update": True,
    "no_reset_password": True,
    # the project's batch jobs commit between batches when run by the
    # scheduler: here each demo module is one transaction
    "si_no_commit": True,
}


def demo_modules():
    """The demo modules of this package, in the order of their SEQUENCE."""
    modules = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module("%s.%s" % (__name__, info.name))
        if hasattr(module, "MARKER") and hasattr(module, "generate"):
            modules.append(module)
    return sorted(modules, key=lambda m: (m.SEQUENCE, m.__name__))


def short_name(module):
    return module.__name__.rsplit(".", 1)[-1]


def missing_models(env, module):
    return [model for model in getattr(module, "REQUIRES", ()) if model not in env]


def run(env, seed=2024, only=None):
    """Run the demo modules not yet run on env's database; returns True when
    none failed. `only`: names of the modules to consider (default: all)."""
    env = env(context=dict(env.context, **CONTEXT))
    params = env["ir.config_parameter"].sudo()
    for module in demo_modules():
        name = short_name(module)
        if only and name not in only:
            continue
        if params.get_param(module.MARKER):
            _logger.info("demo %s: already in the database", name)
            continue
        missing = missing_models(env, module)
        if missing:
            _logger.info("demo %s: skipped, %s not installed", name,
                         ", ".join(missing))
            continue
        started = monotonic()
        try:
            result = module.generate(env, random.Random(seed))
            params.set_param(module.MARKER, "1")
            env.flush_all()
            env.cr.commit()
        except Exception:
            _logger.exception("demo %s: failed, rolled back (the next run "
                              "tries it again)", name)
            env.cr.rollback()
            env.invalidate_all()
            return False
        _logger.info("demo %s: done in %.1fs (%s)", name, monotonic() - started,
                     result)
    return True
