# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Explained matching and balanced assignment of leads to Odoo's team members:
the thin ORM part around tools/matching.py."""
from collections import defaultdict

from odoo import _, api, models
from odoo.tools import SQL

from ..tools.matching import RepProfile, assign_balanced, rank


class SiRep(models.Model):
    _inherit = "si.rep"

    @api.model
    def _member_profiles(self, members):
        """The matching profile of each of these team memberships, with the
        open leads of their users: ([RepProfile], {user id: open leads}).

        Odoo's team members are the candidates; the rep profile, when there is
        one, brings grade, tags, regions and industries, the membership the
        capacity (its assignment_max)."""
        reps = self.search([("user_id", "in", members.user_id.ids)])
        by_user = {rep.user_id: rep for rep in reps}
        history = self._history_of(members.user_id.ids)
        levels = self.env["si.rep.grade"]._grade_levels()
        profiles, loads = [], {}
        for member in members:
            user = member.user_id
            rep = by_user.get(user, self.browse())
            figures = history.get(user.id, {"by_industry": {}})
            won, lost = figures.get("won", 0), figures.get("lost", 0)
            win_rates = {None: won / (won + lost) if won + lost else 0.0}
            for industry_id, (i_won, i_lost) in figures["by_industry"].items():
                if industry_id and i_won + i_lost:
                    win_rates[industry_id] = i_won / (i_won + i_lost)
            profiles.append(RepProfile(
                user_id=user.id,
                sales_mode=rep.sales_mode or member.crm_team_id.sales_mode or False,
                industry_ids=frozenset(rep.industry_ids.ids),
                region_ids=frozenset(rep.region_ids.ids),
                tag_ids=frozenset(rep.tag_ids.ids),
                grade_level=levels.get(rep.grade_id.id, 0.0),
                capacity=member.assignment_max,
                win_rates=win_rates,
            ))
            loads[user.id] = figures.get("open", 0)
        return profiles, loads

    # --- matching and assignment ---------------------------------------------------
    @api.model
    def _team_members(self, teams, automatic=False):
        """The active memberships of active users in `teams`; automatic
        assignment skips the members who opted out of it (Odoo's flag)."""
        domain = [("crm_team_id", "in", teams.ids), ("user_id.active", "=", True)]
        if automatic:
            domain.append(("assignment_optout", "=", False))
        return self.env["crm.team.member"].search(domain)

    @api.model
    def _factor_labels(self):
        return {
            "industry": _("industry fit"),
            "region": _("region fit"),
            "specialty": _("specialty vs needs"),
            "grade": _("grade vs lead value"),
            "capacity": _("free capacity"),
            "history": _("win history"),
        }

    @api.model
    def _explain(self, contributions, labels=None):
        """The factors of a score, largest first: "industry fit +30.0, ..."."""
        labels = labels or self._factor_labels()
        return ", ".join("%s %+.1f" % (labels[factor], points)
                         for factor, points in sorted(
                             contributions.items(), key=lambda item: -item[1])
                         if points)

    @api.model
    def _suggest(self, lead, limit=5):
        """The best `limit` members of the lead's team for `lead` (of the
        company's teams for a lead without team), as Match tuples."""
        teams = lead.team_id or self.env["crm.team"].search(
            [("company_id", "in", [lead.company_id.id or self.env.company.id, False])])
        profiles, loads = self._member_profiles(self._team_members(teams))
        unique = list({profile.user_id: profile for profile in profiles}.values())
        weights = (lead.team_id or self.env["crm.team"].new({}))._matching_weights()
        return rank(lead._matching_profiles()[0][2], unique, weights, loads, limit)

    @api.model
    def _plan_assignment(self, leads, automatic=False):
        """Balanced best owners for `leads` among the members of their teams,
        team by team: ([Match], {lead id: pool id})."""
        by_team, pools = defaultdict(list), {}
        for team_id, pool_id, profile in leads._matching_profiles():
            if team_id:
                by_team[team_id].append(profile)
            pools[profile.lead_id] = pool_id
        teams = self.env["crm.team"].browse(list(by_team))
        members = self._team_members(teams, automatic=automatic)
        profiles, loads = self._member_profiles(members)
        team_reps = defaultdict(list)
        for member, profile in zip(members, profiles):
            team_reps[member.crm_team_id.id].append(profile)
        matches = []
        for team in teams:
            matches += assign_balanced(by_team[team.id], team_reps[team.id],
                                       team._matching_weights(), loads)
        return matches, pools

    @api.model
    def _auto_assign(self, leads, kind, reason):
        """Give `leads` to their best-matching reps through the ownership
        function, with each score and its explanation; returns how many
        were assigned."""
        matches, _pools = self._plan_assignment(leads, automatic=True)
        labels = self._factor_labels()
        Users = self.env["res.users"]
        # one ownership change for the whole batch: one history insert and
        # one summary insert, whatever the number of reps
        self.env["crm.lead"].browse([m.lead_id for m in matches])._si_change_owner(
            kind, owners={m.lead_id: Users.browse(m.user_id) for m in matches},
            reason={m.lead_id: "%s %s" % (reason, self._explain(
                m.contributions, labels)) for m in matches},
            scores={m.lead_id: m.score for m in matches})
        return len(matches)

    @api.model
    def _cron_auto_assign(self, batch_size=5000):
        """Hourly: unassigned leads of the teams that use the explained
        matching (and did not opt out of automatic assignment) go to their
        best-matching members, a committed batch at a time."""
        return self._auto_assign_batches(
            [("user_id", "=", False), ("pool_id", "=", False),
             ("team_id.si_assignment_mode", "=", "matching"),
             ("team_id.assignment_optout", "=", False),
             "|", ("stage_id", "=", False), ("stage_id.is_won", "=", False)],
            "auto", _("Automatic assignment:"), batch_size)

    @api.model
    def _lock_unassigned(self, leads):
        """The leads of `leads` still without an owner, locked for the batch;
        a lead a user is editing at this moment is skipped, not waited for,
        and assigned by the next run."""
        leads.flush_recordset(["user_id"])
        self.env.cr.execute(SQL("""
            SELECT id FROM crm_lead
             WHERE id = ANY(%s) AND user_id IS NULL
          ORDER BY id
               FOR UPDATE SKIP LOCKED
        """, leads.ids))
        locked = leads.browse([row[0] for row in self.env.cr.fetchall()])
        locked.invalidate_recordset(["user_id", "pool_id"])
        return locked

    @api.model
    def _auto_assign_batches(self, domain, kind, reason, batch_size=5000):
        """Auto-assign the leads of `domain` team by team, in id order, a
        committed batch at a time (never in tests); returns how many were
        assigned. A batch holds the leads of one team, so that it changes
        the owner of as few reps' leads as the team has members: each rep's
        leads of a batch are one write."""
        Lead = self.env["crm.lead"]
        teams = [team for [team] in Lead._read_group(domain, ["team_id"])]
        count = 0
        for index, team in enumerate(teams):
            last_id = 0
            while True:
                leads = Lead.search(
                    domain + [("team_id", "=", team.id), ("id", ">", last_id)],
                    order="id", limit=batch_size)
                if not leads:
                    break
                count += self._auto_assign(self._lock_unassigned(leads), kind, reason)
                last_id = leads[-1].id
                Lead._commit_batch(done=count, remaining=int(
                    len(leads) == batch_size or index < len(teams) - 1))
        return count
