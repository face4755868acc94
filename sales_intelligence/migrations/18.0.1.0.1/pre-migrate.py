# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.0.1 adds a unique key: one lead per source invoice. A database
made by 18.0.1.0.0 may hold an invoice linked to two leads (an invoice turned
into a lead again after its first lead was won or lost): the oldest lead keeps
the invoice, the later ones lose the link and stay as they are. The open
anomaly key existed already as an index; duplicates are closed the same way
in case the index was ever dropped by hand. Nothing to do on a database
without duplicates; Odoo does not run migrations on a fresh install."""
import logging

from odoo.tools import SQL
from odoo.tools.sql import table_exists

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    if table_exists(cr, "si_invoice_lead_rel"):
        cr.execute(SQL("""
            DELETE FROM si_invoice_lead_rel r
             USING si_invoice_lead_rel first
             WHERE first.invoice_id = r.invoice_id AND first.lead_id < r.lead_id
        """))
        if cr.rowcount:
            _logger.info("One lead per source invoice: %s later links removed",
                         cr.rowcount)
    if table_exists(cr, "si_anomaly"):
        cr.execute(SQL("""
            UPDATE si_anomaly a SET state = 'closed', date_closed = current_date
              FROM si_anomaly first
             WHERE a.state = 'open' AND first.state = 'open'
               AND first.anomaly_type = a.anomaly_type
               AND COALESCE(first.user_id, 0) = COALESCE(a.user_id, 0)
               AND COALESCE(first.lead_id, 0) = COALESCE(a.lead_id, 0)
               AND first.id < a.id
        """))
        if cr.rowcount:
            _logger.info("One open anomaly per condition: %s duplicates closed",
                         cr.rowcount)
