# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free split of an amount into parts that sum exactly to it.

Amounts are split in integer units of the currency rounding (cents for 0.01)
with the largest-remainder method: every part gets the floor of its exact
share, and the units left over go to the parts with the largest remainders
(ties to the first part). The parts therefore always sum to the total, which
naive per-part rounding does not guarantee.
"""
from decimal import ROUND_HALF_UP, Decimal


class AllocationError(ValueError):
    """Weights or totals that cannot be split."""


def _units(amount, rounding):
    """`amount` in integer units of `rounding` (half up)."""
    return int((Decimal(str(amount)) / Decimal(str(rounding))).quantize(
        Decimal(1), rounding=ROUND_HALF_UP))


def _amount(units, rounding):
    return float(Decimal(units) * Decimal(str(rounding)))


def allocate_units(total_units, weights):
    """Split the integer `total_units` in proportion to `weights` (numbers
    >= 0, at least one > 0); returns integers summing exactly to it."""
    if total_units < 0:
        raise AllocationError("The total to split cannot be negative.")
    weights = [Decimal(str(w)) for w in weights]
    if not weights:
        raise AllocationError("There is nothing to split the total over.")
    if any(w < 0 for w in weights):
        raise AllocationError("Weights cannot be negative.")
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise AllocationError("At least one weight must be positive.")
    exact = [total_units * w / weight_sum for w in weights]
    parts = [int(e) for e in exact]  # floor: exact shares are >= 0
    left = total_units - sum(parts)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in by_remainder[:left]:
        parts[index] += 1
    return parts


def allocate(total, weights, rounding=0.01):
    """Split `total` in proportion to `weights`, each part a multiple of
    `rounding`; the parts sum exactly to `total` rounded to `rounding`."""
    if rounding <= 0:
        raise AllocationError("The rounding must be positive.")
    units = allocate_units(_units(total, rounding), weights)
    return [_amount(u, rounding) for u in units]


def allocate_grid(total, dimensions, rounding=0.01):
    """Split `total` over the cross product of `dimensions`, a list of
    ``{key: weight}`` dicts, level by level: first over the keys of the first
    dimension, each of those parts over the second, and so on. Returns
    ``{(key1, key2, ...): amount}``; every level sums exactly to its parent."""
    cells = {(): _units(total, rounding)}
    for weights in dimensions:
        keys = list(weights)
        split = {}
        for prefix, units in cells.items():
            parts = allocate_units(units, [weights[k] for k in keys])
            for key, part in zip(keys, parts):
                split[prefix + (key,)] = part
        cells = split
    return {key: _amount(units, rounding) for key, units in cells.items()}


def shares(values):
    """Normalise non-negative `values` (a dict) to shares summing to 1; all
    equal shares when they are all zero."""
    if any(v < 0 for v in values.values()):
        raise AllocationError("Shares cannot be negative.")
    total = sum(values.values())
    if not values:
        return {}
    if total <= 0:
        return {key: 1.0 / len(values) for key in values}
    return {key: value / total for key, value in values.items()}
