"""Demo data of the rep evaluation (sales_intelligence_reports): every demo
rep evaluated over the last quarter and over this quarter so far, by a sales
manager; the grade review of the last quarter confirmed for two reps (one
grade adjusted by the manager, with the development plan assigned) and left
to review, with its proposed grades, for the others."""
from datetime import date

from dateutil.relativedelta import relativedelta

MARKER = "sales_intelligence_reports.demo_rep_evaluation"
# After the targets (35) and the knowledge base (40): the evaluation reads
# the completion of the targets, the daily plans and the required reading.
SEQUENCE = 50
REQUIRES = ("si.rep.evaluation", "si.grade.review.wizard", "si.kb.article")


def _quarters(today):
    this = today.replace(day=1, month=3 * ((today.month - 1) // 3) + 1)
    last = this - relativedelta(months=3)
    return (last, this - relativedelta(days=1)), (this, today)


def generate(env, rng):
    """Evaluations of two periods and a partly confirmed grade review;
    returns a summary."""
    manager = (env["res.users"].search([("login", "=", "manager1")])
               or env.ref("base.user_admin"))
    company = env.ref("base.main_company")
    env = env(user=manager.id, context=dict(
        env.context, allowed_company_ids=[company.id]))
    reps = env["si.rep"].search([("company_id", "=", company.id)])
    Evaluation = env["si.rep.evaluation"]
    (last_from, last_to), (this_from, this_to) = _quarters(date.today())
    last = Evaluation._evaluate(reps, last_from, last_to)
    current = Evaluation._evaluate(reps, this_from, this_to,
                                   refresh_actuals=False)
    # the review of the last quarter: the two best reps confirmed, the
    # first one with another grade than proposed
    reviewed = last.sorted("score", reverse=True)[:2]
    wizard = env["si.grade.review.wizard"].with_context(
        active_model="si.rep.evaluation", active_ids=reviewed.ids).create({})
    first = wizard.line_ids[:1]
    grades = list(env["si.rep.grade"].search(
        [("company_id", "in", (False, company.id))]))
    if first.proposed_grade_id in grades:
        index = grades.index(first.proposed_grade_id)
        # one grade below the proposal (or above, for the lowest grade)
        other = grades[index + 1] if index + 1 < len(grades) else grades[index - 1]
        if other != first.proposed_grade_id:
            first.write({"new_grade_id": other.id,
                         "note": "Strong quarter on a few large deals: one "
                                 "step at a time."})
    wizard.action_confirm()
    # the weakest rep's development plan is assigned without a review yet
    weakest = last.sorted("score")[:1]
    if weakest.training_article_ids and not weakest.training_assigned:
        weakest.action_assign_training()
    return "%d evaluations of %s - %s, %d of %s - %s, %d reviewed" % (
        len(last), last_from, last_to, len(current), this_from, this_to,
        len(reviewed))
