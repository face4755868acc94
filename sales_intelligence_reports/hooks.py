# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def uninstall_hook(env):
    """crm_lead and the sales tables stay without the snapshots' triggers."""
    env["si.lead.analysis.snapshot"]._drop_trigger()
    env["si.demand.analysis"]._drop_store()
