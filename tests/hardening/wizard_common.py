"""Helpers of the wizard rights tests: a refusal asserted without the
savepoint of Odoo's assertRaises, a user of another company."""
from contextlib import contextmanager

from odoo import Command

SALESMAN = ["sales_team.group_sale_salesman"]


@contextmanager
def refused(case, exception, regex="", msg=None):
    """The refusal, with what was written before it kept: Odoo's
    assertRaises rolls back to a savepoint, as a request does; this does
    not, and so shows that the refusal comes before any write (a caller
    catching the error keeps nothing half-written either). The cache is
    emptied first, as assertRaises does: reads must meet the access rules."""
    case.env.invalidate_all()
    try:
        yield
    except exception as error:
        if regex:
            case.assertRegex(str(error), regex, msg)
    else:
        case.fail(msg or "%s not raised" % exception.__name__)


def company_user(case, login, groups, name="SI Wizard Company B"):
    """A user of a company of their own (created with it), no other."""
    company = case.env["res.company"].create({"name": name})
    user = case._create_user(login, groups)
    user.write({"company_ids": [Command.set(company.ids)], "company_id": company.id})
    return company, user
