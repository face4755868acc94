# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free association measures of products sold together (market-basket
analysis) and the price arithmetic of floor prices.

The database computes the counts set-based; these functions give them their
meaning, and `mine_pairs` is the reference implementation the SQL is checked
against in the tests and the naive baseline of the benchmark.
"""
from collections import Counter
from itertools import combinations


def association_measures(pair_count, count_a, count_b, n_baskets):
    """Support, confidence a -> b, confidence b -> a and lift of a product
    pair found together in `pair_count` of `n_baskets` baskets, `a` alone in
    `count_a` and `b` in `count_b` baskets (each count includes the pair).

    Lift > 1: the products sell together more often than by chance.
    """
    if not n_baskets or not count_a or not count_b:
        return 0.0, 0.0, 0.0, 0.0
    support = pair_count / n_baskets
    confidence_ab = pair_count / count_a
    confidence_ba = pair_count / count_b
    lift = support / ((count_a / n_baskets) * (count_b / n_baskets))
    return support, confidence_ab, confidence_ba, lift


def mine_pairs(baskets, min_support=0.0, min_confidence=0.0, min_count=1):
    """Frequent product pairs of `baskets` (iterables of product ids; a
    product counts once per basket).

    Returns {(a, b): (count, support, confidence_ab, confidence_ba, lift)}
    with a < b, for the pairs found in at least `min_count` baskets whose
    support reaches `min_support` and whose better confidence reaches
    `min_confidence`.
    """
    items, pairs = Counter(), Counter()
    n_baskets = 0
    for basket in baskets:
        products = sorted(set(basket))
        if not products:
            continue
        n_baskets += 1
        items.update(products)
        pairs.update(combinations(products, 2))
    result = {}
    for (a, b), count in pairs.items():
        if count < min_count:
            continue
        measures = association_measures(count, items[a], items[b], n_baskets)
        support, conf_ab, conf_ba, _lift = measures
        if support >= min_support and max(conf_ab, conf_ba) >= min_confidence:
            result[(a, b)] = (count,) + measures
    return result


def rank_complements(present, rules, limit=10):
    """Products to suggest next to the `present` ones.

    `rules` are (product_a, product_b, confidence_ab, confidence_ba, lift)
    tuples. A product not yet present scores the best confidence with which
    a present product leads to it, weighted by the lift (capped at 3, so a
    rare pair does not beat a frequent one). Returns [(product, score,
    from_product)] best first, ties by product id.
    """
    present = set(present)
    best = {}
    for a, b, conf_ab, conf_ba, lift in rules:
        for source, target, confidence in ((a, b, conf_ab), (b, a, conf_ba)):
            if source not in present or target in present:
                continue
            score = confidence * min(max(lift, 0.0), 3.0)
            if target not in best or score > best[target][0]:
                best[target] = (score, source)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    return [(product, score, source) for product, (score, source) in ranked[:limit]]


def net_unit_price(price_unit, discount=0.0):
    """The unit price a customer pays after the line's discount (percent)."""
    return price_unit * (1.0 - (discount or 0.0) / 100.0)


def premium(net_price, floor_price):
    """(premium per unit, premium rate over the floor price) of a net price;
    negative values mean below the floor. The rate is 0 without a floor."""
    amount = net_price - floor_price
    rate = amount / floor_price if floor_price else 0.0
    return amount, rate
