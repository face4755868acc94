"""Root pytest configuration of the whole suite (pytest-odoo does the Odoo set-up)."""
