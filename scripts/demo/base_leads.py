"""Base demo data, second part: 18 months of leads and opportunities (won,
lost with a reason, open, unassigned), backdated, with their notes, logged
calls, planned activities and followers."""
import uuid
from datetime import timedelta

from psycopg2.extras import execute_values

from . import reference as ref


class LeadSteps:
    """Steps of BaseDemo (see base.py) that make the CRM history."""

    def line_for(self, mode, industry=None):
        lines = [ln for ln in self.lines if ln["mode"] == mode]
        if industry:
            fits = [ln for ln in lines
                    if self.industries[industry] in ln["industries"]]
            lines = fits or lines
        return self.pick(lines)

    def order_lines_for(self, line, mode):
        """(product, qty, price, discount) tuples of a plausible deal."""
        products = line["products"]
        count = self.rng.randint(1, min(3, len(products)))
        chosen = [products[0]] + self.rng.sample(products[1:], count - 1)
        deal = []
        for product, qty, _rule in chosen:
            factor = self.rng.uniform(0.5, 2.5) if mode == "b2b" else 1
            qty = max(1, int(round(qty * factor)))
            discount = self.pick([0, 0, 0, 5, 10]) if mode == "b2b" else 0
            deal.append((product, qty, product.list_price, discount))
        return deal

    def outcome(self, mode, age):
        """'won', 'lost' or 'open' for a lead created age days ago."""
        settled = age > (90 if mode == "b2b" else 21)
        if settled:
            weights = [30, 45, 25] if mode == "b2b" else [40, 45, 15]
        else:
            weights = [8, 12, 80]
        return self.pick(["won", "lost", "open"], weights)

    def plan_lead(self):
        """The whole story of one lead, as plain values (no ORM yet)."""
        rng = self.rng
        age = int(ref.HISTORY_DAYS * rng.random() ** 1.3)
        mode = "b2b" if rng.random() < 0.68 else "b2c"
        created = self.moment(self.today - timedelta(days=age))
        plan = {"mode": mode, "created": created, "outcome": self.outcome(mode, age)}
        if mode == "b2b":
            customer = self.pick(self.companies)
            team = customer["region"]
            plan["line"] = self.line_for("b2b", customer["industry"])
            cycle = rng.randint(20, 150)
        else:
            customer = None
            team = "online"
            plan["line"] = self.line_for("b2c")
            cycle = rng.randint(1, 20)
        plan.update(customer=customer, team=team,
                    user=self.pick(self.team_reps[team]),
                    deal=self.order_lines_for(plan["line"], mode),
                    source=self.pick(self.sources, ref.SOURCE_WEIGHTS[mode]))
        plan["revenue"] = round(sum(q * p * (1 - d / 100.0)
                                    for _p, q, p, d in plan["deal"]), 2)
        closed = created + timedelta(days=cycle, hours=rng.randint(0, 6))
        if closed >= self.now:
            closed = created + (self.now - created) * rng.uniform(0.3, 0.95)
        plan["closed"] = closed
        plan["deadline"] = (created + timedelta(days=cycle)).date()
        plan["type"] = "opportunity"
        if plan["outcome"] == "open" and rng.random() < 0.3:
            plan["type"] = "lead"
            if rng.random() < 0.45:
                plan["user"] = None  # waiting for assignment
        elif plan["outcome"] == "lost" and rng.random() < 0.15:
            plan["type"] = "lead"  # disqualified before becoming an opportunity
        return plan

    def lead_vals(self, plan):
        line = plan["line"]
        vals = {
            "type": plan["type"],
            "team_id": self.teams[plan["team"]].id,
            "user_id": plan["user"].id if plan["user"] else False,
            "source_id": plan["source"].id,
            "expected_revenue": plan["revenue"],
            "date_deadline": plan["deadline"],
            "priority": self.pick(["0", "1", "2", "3"], [35, 35, 20, 10]),
            "company_id": self.company.id,
        }
        customer = plan["customer"]
        if customer:
            contact = self.pick(customer["contacts"])
            company = customer["partner"]
            vals.update({
                "name": "%s: %s" % (company.name.split(" Co.,")[0], line["name"]),
                "partner_name": company.name,
                "contact_name": contact.name,
                "email_from": contact.email,
                "phone": self.reformat_phone(contact.phone),
                "mobile": contact.mobile,
                "function": contact.function,
                "city": customer["city"],
                "country_id": company.country_id.id,
            })
            # Only qualified opportunities are linked to the customer record.
            if plan["type"] == "opportunity":
                vals["partner_id"] = contact.id
        else:
            person = self.pick(self.individuals)
            known = self.rng.random() < 0.6
            vals.update({
                "name": "%s: %s" % (person.name, plan["deal"][0][0].name),
                "contact_name": person.name,
                "email_from": person.email,
                "mobile": person.mobile,
                "city": person.city,
                "country_id": person.country_id.id,
                "partner_id": person.id if known else False,
            })
        plan["partner"] = (customer["partner"] if customer else
                           self.env["res.partner"].browse(vals.get("partner_id")))
        return vals

    def reformat_phone(self, phone):
        """The same number as typed by someone else (for dedupe demos)."""
        if not phone or not phone.startswith("+86") or self.rng.random() < 0.6:
            return phone
        _cc, area, *rest = phone.split()
        return "0%s-%s" % (area, "".join(rest))

    def create_leads(self):
        Lead = self.env["crm.lead"]
        self.plans = sorted((self.plan_lead() for _i in range(ref.N_LEADS)),
                            key=lambda p: p["created"])
        # New, Qualified, Proposition, then any stage an addon may have added
        stage_weights = ([35, 35, 30] + [10] * len(self.open_stages))[
            :len(self.open_stages)]
        vals_list = []
        for plan in self.plans:
            vals = self.lead_vals(plan)
            stage = self.pick(self.open_stages, stage_weights)
            if plan["type"] == "lead":
                stage = self.open_stages[0]
            vals["stage_id"] = stage.id
            vals_list.append(vals)
        for plan, lead in zip(self.plans, Lead.create(vals_list)):
            plan["lead"] = lead
        won = [p["lead"].id for p in self.plans if p["outcome"] == "won"]
        Lead.browse(won).action_set_won()
        lost_plans = [p for p in self.plans if p["outcome"] == "lost"]
        for plan in lost_plans:
            plan["reason"] = self.lost_reason_for(plan)
        for name in ref.LOST_REASONS:
            lost = Lead.browse([p["lead"].id for p in lost_plans
                                if p["reason"] == name])
            if lost:
                lost.action_set_lost(lost_reason_id=self.lost_reasons[name].id)
        self.backdate_leads()

    def lost_reason_for(self, plan):
        if plan["type"] == "lead":
            return self.pick(["No purchase intent", "No response"])
        weights = [25, 25, 15, 15, 15, 5] if plan["mode"] == "b2b" else \
            [35, 20, 10, 20, 5, 10]
        return self.pick(ref.LOST_REASONS, weights)

    def backdate_leads(self):
        """Dates of the story, in one UPDATE (the ORM sets them to now)."""
        self.env.flush_all()
        rows = []
        for plan in self.plans:
            created, closed = plan["created"], plan["closed"]
            is_open = plan["outcome"] == "open"
            opened = min(created + timedelta(hours=self.rng.randint(1, 48)),
                         self.now)
            assigned = plan["user"] is not None
            stage_update = closed
            if is_open:
                stage_update = created + (self.now - created) * self.rng.uniform(
                    0.2, 1.0)
            rows.append((
                plan["lead"].id, created, self.now if is_open else closed,
                opened if assigned else None,
                None if is_open else closed,
                stage_update,
                opened if plan["type"] == "opportunity" else None,
            ))
        execute_values(self.env.cr, """
            UPDATE crm_lead l SET create_date = v.created, write_date = v.written,
                   date_open = v.opened,
                   day_open = EXTRACT(DAY FROM v.opened - v.created),
                   date_closed = v.closed,
                   day_close = EXTRACT(DAY FROM v.closed - v.created),
                   date_last_stage_update = v.stage_update,
                   date_conversion = v.converted
              FROM (VALUES %s) AS v(id, created, written, opened, closed,
                                    stage_update, converted)
             WHERE l.id = v.id""", rows,
                       template="(%s, %s::timestamp, %s::timestamp, %s::timestamp,"
                                " %s::timestamp, %s::timestamp, %s::timestamp)")
        self.env["crm.lead"].invalidate_model()

    # --- follow-up history ------------------------------------------------------
    def create_history(self):
        """Notes and logged calls (backdated), planned activities on open
        leads (some overdue), and reps following their leads."""
        messages, activities, followed = [], [], {}
        lead_model = self.env["ir.model"]._get("crm.lead")
        for plan in self.plans:
            lead, user = plan["lead"], plan["user"]
            if not user:
                continue
            followed.setdefault(user, []).append(lead.id)
            end = self.now if plan["outcome"] == "open" else plan["closed"]
            span = (end - plan["created"]).total_seconds()
            count = self.rng.randint(0, 2) if plan["mode"] == "b2c" else \
                self.rng.randint(1, 4)
            offsets = sorted(self.rng.uniform(0.05, 1.0) for _i in range(count))
            for offset in offsets:
                when = plan["created"] + timedelta(seconds=span * offset)
                messages.append((self.message_vals(plan, when), user, when))
            if plan["outcome"] == "open" and self.rng.random() < 0.75:
                activities.append((self.activity_vals(plan, lead_model),
                                   min(self.now, plan["created"] + timedelta(days=1))))
        records = self.env["mail.message"].create([m for m, _u, _w in messages])
        self.env.flush_all()
        execute_values(self.env.cr, """
            UPDATE mail_message m SET create_date = v.day, write_date = v.day,
                   create_uid = v.uid, write_uid = v.uid
              FROM (VALUES %s) AS v(id, day, uid) WHERE m.id = v.id""",
                       [(r.id, w, u.id) for r, (_m, u, w) in zip(records, messages)],
                       template="(%s, %s::timestamp, %s)")
        Lead = self.env["crm.lead"]
        for user, lead_ids in followed.items():
            Lead.browse(lead_ids)._message_subscribe(
                partner_ids=user.partner_id.ids)
        # planned the day after the lead came in (no mail to the assignees)
        planned = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True).create([a for a, _d in activities])
        self.env.flush_all()
        execute_values(self.env.cr, """
            UPDATE mail_activity a SET create_date = v.day, write_date = v.day
              FROM (VALUES %s) AS v(id, day) WHERE a.id = v.id""",
                       [(r.id, d) for r, (_a, d) in zip(planned, activities)],
                       template="(%s, %s::timestamp)")
        self.env.invalidate_all()

    def message_vals(self, plan, when):
        lead, user = plan["lead"], plan["user"]
        call = self.rng.random() < 0.5
        return {
            "model": "crm.lead",
            "res_id": lead.id,
            "record_name": lead.name,
            "message_type": "comment",
            "subtype_id": self.note_subtype.id,
            "mail_activity_type_id": self.activity_type("phonecall").id
            if call else False,
            "body": "<p>%s</p>" % self.note_text(plan, user.lang == "zh_CN"),
            "author_id": user.partner_id.id,
            "email_from": '"%s" <%s>' % (user.name, user.email),
            "reply_to": user.email,
            "message_id": "<si-demo-%s@example.com>" % uuid.UUID(
                int=self.rng.getrandbits(128)),
            "date": when,
        }

    def activity_vals(self, plan, lead_model):
        draw = self.rng.random()
        if draw < 0.3:  # overdue
            deadline = self.today - timedelta(days=self.rng.randint(1, 20))
        elif draw < 0.4:
            deadline = self.today
        else:
            deadline = self.today + timedelta(days=self.rng.randint(1, 21))
        return {
            "res_model_id": lead_model.id,
            "res_id": plan["lead"].id,
            "activity_type_id": self.pick(self.activity_types).id,
            "summary": self.pick(ref.ACTIVITY_SUMMARIES),
            "date_deadline": deadline,
            "user_id": plan["user"].id,
        }

    def activity_type(self, category):
        return self.activity_types.filtered(
            lambda t: t.category == category)[:1] or self.activity_types[:1]

    def note_text(self, plan, chinese):
        customer = plan["customer"]
        lead = plan["lead"]
        values = {
            "contact": lead.contact_name or "the customer",
            "company": customer["partner"].name if customer else lead.contact_name,
            "city": lead.city or "Shanghai",
        }
        return self.pick(ref.NOTES_ZH if chinese else ref.NOTES_EN).format(**values)
