# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead ownership: the one function through which every owner change goes
(claim, release, recycling, automatic and manual assignment, a write of the
salesperson), with the same field reset, one history row per lead and one
summary message per owner and run."""
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, fields, models
from odoo.exceptions import UserError

from ..tools.ownership import TO_POOL_KINDS, history_kind, owner_change_values
from ..tools.pool_limits import protected_until

# Marks the writes made by the ownership function itself. An object, not a
# flag: a context sent over RPC cannot hold it, so no client can pass it to
# skip the checks below.
_OWNER_CHANGE = object()


class CrmLead(models.Model):
    _inherit = "crm.lead"

    assignment_ids = fields.One2many(
        comodel_name="si.lead.assignment",
        inverse_name="lead_id",
        string="Ownership History",
    )

    # --- CRUD ---------------------------------------------------------------------
    def write(self, vals):
        if self.env.context.get("si_owner_change") is _OWNER_CHANGE:
            return super().write(vals)
        self._check_pool_editable()
        if "user_id" not in vals:
            return super().write(vals)
        vals = dict(vals)
        user = self.env["res.users"].browse(vals.pop("user_id") or [])
        self._check_reassignment(user)
        res = super().write(vals) if vals else True
        kind = self.env.context.get("si_owner_kind")
        # a team given with the owner stays (Odoo would otherwise recompute
        # it from the new owner)
        keep = {name: vals[name] for name in ("team_id",) if name in vals}
        changed = self._si_change_owner(kind if kind == "auto" else "manual",
                                        user=user, keep=keep)
        if user and changed and changed != self:
            # as Odoo does for a batch in which some leads change owner: the
            # assignment date of the others is updated too
            (self - changed).with_context(si_owner_change=_OWNER_CHANGE).write(
                {"date_open": self.env.cr.now()})
        return res

    # --- ownership ------------------------------------------------------------------
    def _check_reassignment(self, user):
        """A rep takes unassigned leads or gives up their own, but does not
        hand a lead to another rep: that is a manager's decision."""
        if (self.env.su or not user or user == self.env.user
                or self.env.user.has_group("sales_team.group_sale_salesman_all_leads")):
            return
        raise UserError(self.env._(
            "You cannot give \"%(lead)s\" to %(rep)s: only a sales manager "
            "assigns leads to other reps. Release it to the pool, or ask your "
            "manager to re-assign it.",
            # sudo: the name of a lead the rep is writing to
            lead=self[:1].sudo().name, rep=user.sudo().name))

    def _si_change_owner(self, kind, user=None, pool=None, reason=None, scores=None,
                         keep=None, owners=None):
        """Change the owner of these leads: the one function for every path.

        `kind`: manual, auto, claim, pool_assign (to `user`, or to each
        lead's own of `owners`, {lead id: res.users}, the owners an automatic
        assignment chose), release, recycle (to `pool`). `reason`: a text, or
        {lead id: text}; `scores`: {lead id: matching score}; `keep`: values
        written with the owner (a team given with it). Writes the values of
        tools.ownership, grouped so that leads changing the same way are
        written together (the previous owner on its own), one history row per
        lead, and one summary message per owner losing or gaining leads (Odoo
        notifies a salesperson written by hand itself). Leads sent to a pool
        lose their previous owner's activities only.
        Returns the leads whose owner changed."""
        Users = self.env["res.users"]
        owners = owners or {}
        default_user = user or Users
        pool = pool or self.env["si.lead.pool"]
        to_pool = kind in TO_POOL_KINDS
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        reasons = reason if isinstance(reason, dict) else {}
        scores = scores or {}
        groups, previous_groups = defaultdict(list), defaultdict(list)
        rows, gained, lost, dropped = [], defaultdict(list), defaultdict(list), []
        for lead in self:
            user = owners.get(lead.id, default_user)
            in_pool = bool(lead.pool_id) and not lead.user_id
            if not to_pool and lead.user_id == user and (user or not in_pool):
                continue
            if not to_pool and not user and in_pool:
                continue
            if to_pool and in_pool and lead.pool_id == pool:
                continue
            row_kind = history_kind(kind, in_pool, user.id)
            previous = lead.user_id or (lead.previous_user_id if in_pool else Users)
            protected = (protected_until(today, lead.pool_id.protection_days)
                         if row_kind == "claim" else False)
            values = owner_change_values(
                row_kind, user_id=user.id or False, pool_id=pool.id or False,
                previous_user_id=previous.id or False, now=now,
                protected_until=protected)
            values.update(keep or {})
            # the previous owner apart: the other values are the same for
            # most leads of a run, written (and recomputed from) at once
            if "previous_user_id" in values:
                previous_groups[values.pop("previous_user_id")].append(lead.id)
            groups[tuple(sorted(values.items()))].append(lead.id)
            rows.append({
                "lead_id": lead.id,
                "kind": row_kind,
                "user_id": user.id or False,
                "previous_user_id": (previous if to_pool else lead.user_id).id or False,
                "pool_id": (pool if to_pool else lead.pool_id).id or False,
                "score": scores.get(lead.id, 0.0),
                "reason": reasons.get(lead.id) or (reason if isinstance(reason, str)
                                                   else False),
                "author_id": self.env.uid,
            })
            if lead.user_id:
                lost[lead.user_id].append(lead)
                if to_pool:
                    dropped.append((lead.id, lead.user_id.id))
            if user:
                gained[user].append(lead)
        if not rows:
            return self.browse()
        changed = self.browse([row["lead_id"] for row in rows])
        if dropped:
            self._drop_owner_activities(dropped)
        context = {"si_owner_change": _OWNER_CHANGE,
                   "mail_auto_subscribe_no_notify": True}
        for values, ids in groups.items():
            self.browse(ids).with_context(**context).write(dict(values))
        # the previous owner is neither tracked nor followed: a write per
        # owner without the tracking that each write would prepare again
        for previous_id, ids in previous_groups.items():
            self.browse(ids).with_context(**context, tracking_disable=True).write(
                {"previous_user_id": previous_id})
        # the leads' companies given, not recomputed into the new rows by an
        # update of their own
        for row, lead in zip(rows, changed):
            row["company_id"] = lead.company_id.id
        # sudo: the history is written for every path, a rep's claim and
        # release included, while reps may only read it.
        self.env["si.lead.assignment"].sudo().create(rows)
        changed.invalidate_recordset(["assignment_ids"])
        if kind != "manual":
            # a salesperson written by hand is notified by Odoo itself
            self._post_owner_summaries(kind, gained, lost)
        return changed

    def _drop_owner_activities(self, pairs):
        """Remove the activities of the previous owners on leads sent to a
        pool; the activities of other users stay. `pairs`: (lead id, user id)."""
        pairs = set(pairs)
        # sudo: the owner's to-dos go with the lead, whoever sends it back
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "crm.lead"),
            ("res_id", "in", [lead_id for lead_id, _user in pairs]),
            ("user_id", "in", [user_id for _lead, user_id in pairs]),
        ])
        activities.filtered(
            lambda act: (act.res_id, act.user_id.id) in pairs).unlink()

    def _post_owner_summaries(self, kind, gained, lost):
        """One message per owner of this run: the leads they got, or lost,
        on their rep profile's chatter (a notification without one), in
        their inbox. Created together, one insert for all the owners, not
        posted one by one: a nightly run reaches hundreds of reps."""
        labels = dict(self.env["si.lead.assignment"]._fields["kind"]
                      ._description_selection(self.env))
        owners = set(gained) | set(lost)
        # sudo: the summary goes to the rep's own profile, which reps may not
        # write; it only lists leads this run changed.
        reps = self.env["si.rep"].sudo().search(
            [("user_id", "in", [owner.id for owner in owners])])
        profile = {rep.user_id: rep for rep in reps}
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        # the owners' partners in one read
        Users = self.env["res.users"]
        Users.browse([owner.id for owner in owners]).fetch(["partner_id"])
        # the sender and reply-to addresses of all the messages at once (the
        # messages' create would look them up one message at a time)
        author = self.env.user.partner_id
        email_from = author.email_formatted
        reply_to = reps._notify_get_reply_to(default=email_from)
        reply_to[False] = self.env["mail.thread"].sudo()._notify_get_reply_to(
            default=email_from)[False]
        values = []
        for owner in sorted(owners, key=lambda user: user.id):
            parts = []
            for leads, text in (
                    (gained.get(owner), self.env._("Leads you received")),
                    (lost.get(owner), self.env._("Leads you no longer own"))):
                if leads:
                    names = ", ".join(lead.sudo().name for lead in leads)
                    parts.append(Markup("<p>%s (%s): %s</p>") % (
                        text, len(leads), names))
            rep = profile.get(owner)
            partner = owner.partner_id.id
            values.append({
                "model": rep and "si.rep",
                "res_id": rep.id if rep else False,
                "record_name": rep and rep.display_name,
                "message_type": "comment" if rep else "user_notification",
                "subtype_id": note,
                "subject": False if rep else self.env._("Your leads changed"),
                "body": Markup("<p><b>%s</b></p>") % labels.get(kind, kind)
                + Markup("").join(parts),
                "author_id": author.id,
                "email_from": email_from,
                "reply_to": reply_to[rep.id if rep else False],
                "partner_ids": [Command.link(partner)],
                "notification_ids": [Command.create({
                    "res_partner_id": partner, "notification_type": "inbox"})],
            })
        # sudo: as above; messages on profiles and notifications of this run
        self.env["mail.message"].sudo().create(values)

    # --- entry points of the other paths ------------------------------------------
    def _set_owner(self, user, kind, score=None, reason=None):
        """Give these leads to `user` (claim, assignment): see _si_change_owner."""
        scores = {lead.id: score for lead in self} if score is not None else None
        return self._si_change_owner(kind, user=user, reason=reason, scores=scores)

    def _send_to_pool(self, pool, reason, kind="release"):
        """Release these leads (or move pooled ones) to `pool`, with `reason`."""
        return self._si_change_owner(kind, pool=pool, reason=reason)
