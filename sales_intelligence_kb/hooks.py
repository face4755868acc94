# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Installation on a database that already holds many sale orders.

The addon adds stored computed fields to sale orders and their lines (the
floor-price flag and state). Odoo would compute them line by line at
installation; before installation no product has a floor price, so every
line is at or above its floor: the columns are created with that value (an
existing column is not computed again by the ORM).
"""
from odoo.tools import SQL


def pre_init_hook(env):
    env.cr.execute(SQL("""
        ALTER TABLE sale_order_line
            ADD COLUMN IF NOT EXISTS is_below_floor boolean DEFAULT false;
        ALTER TABLE sale_order_line ALTER COLUMN is_below_floor DROP DEFAULT;
        ALTER TABLE sale_order
            ADD COLUMN IF NOT EXISTS floor_state varchar DEFAULT 'ok';
        ALTER TABLE sale_order ALTER COLUMN floor_state DROP DEFAULT;
    """))
