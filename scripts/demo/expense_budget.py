"""Demo data of the sales expense budget: employees for the reps and team
leaders of this year's plan, a marketing expense product, the plan's budget
by category (a share of its target), decomposed with the target, and the
reps' expenses of every month so far: most approved or posted, some left in
draft or refused (they do not count), a few months over budget (the reps and
their leaders are warned)."""
from datetime import date

MARKER = "sales_intelligence.demo_expense_budget"
# After the targets (35): the plan is decomposed and split to the reps.
SEQUENCE = 36
REQUIRES = ("si.target.plan.budget", "hr.expense")
# Budget of each category, per unit of the target
BUDGET_SHARES = {
    "sales_intelligence.si_expense_category_travel": 0.012,
    "sales_intelligence.si_expense_category_entertainment": 0.008,
    "sales_intelligence.si_expense_category_marketing": 0.006,
    "sales_intelligence.si_expense_category_other": 0.002,
}
# Expense products of each category (Odoo Expenses' own and the demo's)
PRODUCTS = {
    "sales_intelligence.si_expense_category_travel": [
        "hr_expense.expense_product_travel_accommodation"],
    "sales_intelligence.si_expense_category_entertainment": [
        "hr_expense.expense_product_meal", "hr_expense.expense_product_gift"],
    "sales_intelligence.si_expense_category_other": [
        "hr_expense.expense_product_communication"],
}


def _marketing_product(env):
    product = env["product.product"].create({
        "name": "Trade Fairs and Events",
        "type": "service",
        "can_be_expensed": True,
        "standard_price": 0.0,
        "sale_ok": False,
        "purchase_ok": False,
        "default_code": "SI-MKT",
    })
    product.with_context(lang="zh_CN").name = "展会与活动"
    marketing = env.ref("sales_intelligence.si_expense_category_marketing")
    marketing.product_ids = [(4, product.id)]
    return product


def _employees(env, users, company):
    Employee = env["hr.employee"].with_company(company)
    existing = Employee.search([("user_id", "in", users.ids),
                                ("company_id", "=", company.id)])
    employees = {employee.user_id: employee for employee in existing}
    for user in users - existing.user_id:
        employees[user] = Employee.create({
            "name": user.name,
            "user_id": user.id,
            "company_id": company.id,
            "work_email": user.email or "%s@example.com" % user.login,
        })
    return employees


def _budget(env, plan):
    """The plan's budget by category; a confirmed plan goes back to draft
    for it and is confirmed again."""
    confirmed = plan.state == "confirmed"
    if confirmed:
        plan.action_reset_draft()
    budgets = {budget.category_id: budget for budget in plan.budget_line_ids}
    for xmlid, share in BUDGET_SHARES.items():
        category = env.ref(xmlid)
        amount = round(plan.amount_total * share, -2)
        if category in budgets:
            budgets[category].amount = amount
        else:
            env["si.target.plan.budget"].create({
                "plan_id": plan.id, "category_id": category.id, "amount": amount})
    if confirmed:
        plan.action_confirm()


def _expenses(env, rng, plan, employees, products, today):
    """Expenses of each rep for every month begun, around the rep's monthly
    budget of each category (some months above it)."""
    approver = env.ref("base.user_admin")
    Sheet = env["hr.expense.sheet"].with_company(plan.company_id)
    Expense = env["hr.expense"].with_company(plan.company_id)
    sheets = []
    for rep_line in plan.rep_line_ids.sorted(lambda r: (r.user_id.id, r.date_month)):
        month = rep_line.date_month
        if month > today or rep_line.user_id not in employees:
            continue
        employee = employees[rep_line.user_id]
        last_day = min(today, date(month.year, month.month, 28))
        values = []
        for cell in rep_line.budget_cell_ids:
            candidates = products.get(cell.category_id)
            if not candidates or not cell.amount or rng.random() < 0.25:
                continue
            values.append({
                "name": "%s %s" % (cell.category_id.name, month.strftime("%Y-%m")),
                "employee_id": employee.id,
                "product_id": rng.choice(candidates).id,
                "total_amount_currency": round(cell.amount * rng.uniform(0.4, 1.4), 2),
                "date": date(month.year, month.month,
                             rng.randint(1, max(last_day.day, 1))),
                "company_id": plan.company_id.id,
                "currency_id": plan.currency_id.id,
                "tax_ids": [(5, 0, 0)],
            })
        if not values:
            continue
        expenses = Expense.create(values)
        sheets.append((month, Sheet.create({
            "name": "%s %s" % (rep_line.user_id.name, month.strftime("%Y-%m")),
            "employee_id": employee.id,
            "company_id": plan.company_id.id,
            "expense_line_ids": [(6, 0, expenses.ids)],
        })))
    # each step for all the reports at once (one by one takes minutes)
    outcome = {"draft": Sheet, "cancel": Sheet, "approve": Sheet, "post": Sheet}
    for month, sheet in sheets:
        roll = rng.random()
        if month.month == today.month and roll < 0.5:
            outcome["draft"] |= sheet  # this month's report is not submitted yet
        elif roll < 0.05:
            outcome["cancel"] |= sheet
        elif roll < 0.6:
            outcome["post"] |= sheet
        else:
            outcome["approve"] |= sheet
    (outcome["cancel"] | outcome["approve"] | outcome["post"]).action_submit_sheet()
    outcome["cancel"].with_user(approver)._do_refuse("Not a sales expense")
    (outcome["approve"] | outcome["post"]).with_user(
        approver).action_approve_expense_sheets()
    outcome["post"].with_user(approver).action_sheet_move_post()
    counts = {state: len(records) for state, records in outcome.items()}
    return counts


def generate(env, rng):
    """Budget and expenses of this year's plan; returns a summary."""
    today = date.today()
    company = env.ref("base.main_company")
    plan = env["si.target.plan"].search([("company_id", "=", company.id),
                                         ("year", "=", today.year)], limit=1)
    if not plan or not plan.rep_line_ids:
        return "no decomposed plan for %d: nothing to budget" % today.year
    marketing = _marketing_product(env)
    products = {env.ref(xmlid): [env.ref(ref) for ref in refs]
                for xmlid, refs in PRODUCTS.items()}
    products[env.ref("sales_intelligence.si_expense_category_marketing")] = [marketing]
    users = plan.rep_line_ids.user_id | plan.line_ids.team_id.user_id
    employees = _employees(env, users, company)
    _budget(env, plan)
    counts = _expenses(env, rng, plan, employees, products, today)
    plan.action_refresh_actuals()
    over = plan.rep_line_ids.filtered("is_over_budget")
    return ("plan %s: budget %.0f, expenses %.0f, cost of sale %.1f %%, %d employees, "
            "reports %s, %d rep months over budget" % (
                plan.name, plan.budget_amount, plan.expense_amount, plan.cost_of_sale,
                len(employees), counts, len(over)))
