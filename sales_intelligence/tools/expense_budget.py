# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free arithmetic of the sales expense budget: cost of sale, and
amounts (budgets, expenses) split onto target cells so that every level sums
exactly to its parent in the currency rounding (tools.allocation)."""
from collections import defaultdict

from .allocation import allocate


def cost_of_sale(expenses, revenue):
    """Expenses / actual results (won revenue on the plan's basis), in
    percent with one decimal; 0 when there are no (or negative) results:
    a cost of sale is only defined against something sold."""
    return round(100.0 * expenses / revenue, 1) if revenue > 0 else 0.0


def split(amount, weights, rounding=0.01):
    """`amount` (of either sign) split in proportion to `weights` (>= 0);
    equally when no weight is positive. The parts sum exactly to `amount`
    rounded to `rounding`."""
    if not weights:
        return []
    if not any(w > 0 for w in weights):
        weights = [1.0] * len(weights)
    if amount < 0:
        return [-part for part in allocate(-amount, weights, rounding)]
    return allocate(amount, weights, rounding)


def distribute(amounts, targets, rounding=0.01):
    """Split each of `amounts` ``{key: amount}`` over ``targets[key]``, a list
    of ``(target, weight)``. Returns ``({target: amount}, {key: amount left
    without target})``; each key's parts sum exactly to its amount."""
    placed = defaultdict(float)
    left = {}
    for key, amount in amounts.items():
        cells = targets.get(key)
        if not cells:
            left[key] = amount
            continue
        parts = split(amount, [weight for _target, weight in cells], rounding)
        for (target, _weight), part in zip(cells, parts):
            placed[target] += part
    return dict(placed), left
