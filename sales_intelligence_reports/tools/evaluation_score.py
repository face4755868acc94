# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The score of a rep evaluation, without the ORM.

Each factor has a measured value and a target value set by the evaluation
rule; its sub-score (0-100) says how close the value is to the target. The
score is the average of the sub-scores weighted by the rule; factors that
could not be measured for a rep (no target in the period, no daily plan, no
lead received...) are left out and the weights of the others count in full.
"""

# factor: how its value turns into a sub-score
#   "higher": the more the better, full marks at the target value
#   "count_down": a count of incidents, 0 marks at the target value
#   "ceiling": a rate to stay under, full marks up to the target value and
#              0 at twice it
FACTOR_KINDS = {
    "completion": "higher",
    "conversion": "higher",
    "activity": "higher",
    "followup": "higher",
    "anomaly": "count_down",
    "won_summary": "higher",
    "cost": "ceiling",
    "kb": "higher",
}
FACTORS = tuple(FACTOR_KINDS)

# default rule: (factor, weight, target value, weak threshold)
DEFAULT_RULE = (
    ("completion", 30.0, 100.0, 60.0),
    ("conversion", 20.0, 30.0, 60.0),
    ("activity", 15.0, 100.0, 60.0),
    ("followup", 10.0, 100.0, 60.0),
    ("anomaly", 5.0, 5.0, 60.0),
    ("won_summary", 5.0, 100.0, 60.0),
    ("cost", 5.0, 10.0, 60.0),
    ("kb", 10.0, 100.0, 60.0),
)

# score bands of the evaluation list, best first: (band, lowest score)
SCORE_BANDS = (
    ("excellent", 85.0),
    ("good", 70.0),
    ("fair", 50.0),
    ("weak", 0.0),
)


def ratio(part, whole):
    """part / whole in percent, one decimal; None when whole is 0."""
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


def sub_score(factor, value, target):
    """Sub-score 0-100 (one decimal) of `factor` at `value` against
    `target`; None when the value was not measured.

    >>> sub_score("completion", 45.0, 100.0)
    45.0
    >>> sub_score("completion", 130.0, 100.0)
    100.0
    >>> sub_score("anomaly", 2, 5.0)
    60.0
    >>> sub_score("cost", 15.0, 10.0)
    50.0
    >>> sub_score("kb", None, 100.0) is None
    True
    """
    if value is None:
        return None
    kind = FACTOR_KINDS[factor]
    if kind == "higher":
        score = 100.0 * value / target if target > 0 else 100.0
    elif kind == "count_down":
        score = 100.0 * (1.0 - value / target) if target > 0 else (
            0.0 if value else 100.0)
    else:
        if value <= target:
            score = 100.0
        else:
            score = 100.0 * (2.0 - value / target) if target > 0 else 0.0
    return round(min(100.0, max(0.0, score)), 1)


def weighted_score(items):
    """Score 0-100 (one decimal) from (weight, sub-score) pairs; pairs whose
    sub-score is None are left out and the other weights count in full.
    0.0 when nothing was measured.

    >>> weighted_score([(60.0, 50.0), (40.0, 100.0)])
    70.0
    >>> weighted_score([(60.0, 50.0), (40.0, None)])
    50.0
    """
    measured = [(weight, score) for weight, score in items
                if score is not None and weight > 0]
    total = sum(weight for weight, _score in measured)
    if not total:
        return 0.0
    return round(sum(weight * score for weight, score in measured) / total, 1)


def contribution(weight, score, measured_weight):
    """Points a factor brings to the score (one decimal)."""
    if score is None or not measured_weight:
        return 0.0
    return round(weight * score / measured_weight, 1)


def score_band(score):
    """The band of a score.

    >>> score_band(85.0), score_band(69.9), score_band(10.0)
    ('excellent', 'fair', 'weak')
    """
    for band, lowest in SCORE_BANDS:
        if score >= lowest:
            return band
    return SCORE_BANDS[-1][0]


def propose_grade(bands, score):
    """The grade of the best band reached: `bands` are (lowest score,
    grade) pairs; None when no band is reached.

    >>> propose_grade([(85.0, "S"), (70.0, "A"), (0.0, "C")], 72.5)
    'A'
    >>> propose_grade([(85.0, "S")], 40.0) is None
    True
    """
    reached = [(lowest, grade) for lowest, grade in bands if score >= lowest]
    if not reached:
        return None
    return max(reached, key=lambda band: band[0])[1]
