# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lead-to-rep matching, without the ORM: the score of a rep for a lead with
the contribution of each factor, and a balanced assignment of many leads that
respects the reps' capacity.

Every factor is a number between 0 and 1; the score is their weighted mean on
a 0-100 scale, so that the contributions add up to the score and explain it.
"""
from collections import namedtuple

from .allocation import allocate

FACTORS = ("industry", "region", "specialty", "grade", "capacity", "history")

# industry_ids, region_ids, tag_ids: frozensets of ids. grade_level: 0 (lowest
# grade) .. 1 (best grade). capacity: maximum open leads, 0 for no limit.
# win_rates: {industry_id: win rate}, the rep's overall rate under None.
RepProfile = namedtuple("RepProfile", [
    "user_id", "sales_mode", "industry_ids", "region_ids", "tag_ids",
    "grade_level", "capacity", "win_rates",
])
# value_level: 0 (small lead) .. 1 (key lead), compared with the grade.
LeadProfile = namedtuple("LeadProfile", [
    "lead_id", "sales_mode", "industry_id", "region_id", "tag_ids", "value_level",
])
Match = namedtuple("Match", ["lead_id", "user_id", "score", "contributions"])


def check_weights(weights):
    """Raise ValueError unless the weights are non-negative and not all zero."""
    if any(weights.get(factor, 0) < 0 for factor in FACTORS):
        raise ValueError("negative weight")
    if not sum(weights.get(factor, 0) for factor in FACTORS):
        raise ValueError("all weights are zero")


def factor_values(lead, rep, load):
    """Each factor between 0 and 1 for this rep holding `load` open leads."""
    if rep.capacity:
        capacity = max(rep.capacity - load, 0) / rep.capacity
    else:
        capacity = 1.0
    values = {
        "industry": float(bool(lead.industry_id)
                          and lead.industry_id in rep.industry_ids),
        "region": float(bool(lead.region_id) and lead.region_id in rep.region_ids),
        "specialty": (len(lead.tag_ids & rep.tag_ids) / len(lead.tag_ids)
                      if lead.tag_ids else 0.0),
        "grade": 1.0 - abs(lead.value_level - rep.grade_level),
        "capacity": capacity,
        "history": rep.win_rates.get(lead.industry_id,
                                     rep.win_rates.get(None, 0.0)),
    }
    # levels and rates out of range (bad data) count as their nearest bound
    return {factor: min(max(float(value), 0.0), 1.0)
            for factor, value in values.items()}


def _exact_points(lead, rep, weights, load):
    """The unrounded points of each factor, in the order of FACTORS."""
    total = float(sum(weights.get(factor, 0) for factor in FACTORS))
    values = factor_values(lead, rep, load)
    return [100.0 * weights.get(factor, 0) * values[factor] / total
            for factor in FACTORS]


def score(lead, rep, weights, load=0):
    """(score 0-100, {factor: points}) of `rep` for `lead`. The points are
    rounded to cents so that they add up exactly to the score (rounding each
    on its own could give 100.02 for six equal factors)."""
    exact = _exact_points(lead, rep, weights, load)
    points = round(sum(exact), 2)
    parts = allocate(points, exact) if points > 0 else [0.0] * len(FACTORS)
    return points, dict(zip(FACTORS, parts))


def is_eligible(lead, rep, load):
    """A rep takes leads of their sales mode, while below capacity."""
    if lead.sales_mode and rep.sales_mode and lead.sales_mode != rep.sales_mode:
        return False
    return not rep.capacity or load < rep.capacity


def _ranked(lead, reps, weights, loads):
    """[(score, load, rep)] of the eligible reps for `lead`, best first: the
    scores alone, their explanation is worked out for the reps kept."""
    ranked = []
    for rep in reps:
        load = loads.get(rep.user_id, 0)
        if is_eligible(lead, rep, load):
            points = round(sum(_exact_points(lead, rep, weights, load)), 2)
            ranked.append((points, load, rep))
    ranked.sort(key=lambda item: (-item[0], item[1], item[2].user_id))
    return ranked


def _match(lead, rep, weights, load):
    points, contributions = score(lead, rep, weights, load)
    return Match(lead.lead_id, rep.user_id, points, contributions)


def rank(lead, reps, weights, loads, limit=None):
    """The eligible reps for `lead`, best first, as Match tuples."""
    ranked = _ranked(lead, reps, weights, loads)
    return [_match(lead, rep, weights, load)
            for _points, load, rep in (ranked[:limit] if limit else ranked)]


def assign_balanced(leads, reps, weights, loads, tie_margin=1.0):
    """Assign each lead to its best eligible rep, the most valuable leads first.

    Reps whose scores are within `tie_margin` points of the best are treated
    as equal and the least loaded of them gets the lead, so that a run does
    not hand every lead to one rep. `loads` ({user_id: open leads}) is updated
    as leads are assigned; leads no rep can take are left out of the result.
    """
    result = []
    for lead in sorted(leads, key=lambda lead: (-lead.value_level, lead.lead_id)):
        ranked = _ranked(lead, reps, weights, loads)
        if not ranked:
            continue
        best = ranked[0][0]
        tied = [item for item in ranked if best - item[0] <= tie_margin]
        _points, load, rep = min(tied, key=lambda item: (item[1], -item[0],
                                                         item[2].user_id))
        loads[rep.user_id] = load + 1
        result.append(_match(lead, rep, weights, load))
    return result
