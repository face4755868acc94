# Copyright 2026 Sales Intelligence contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The values every change of a lead's owner writes, without the ORM: one
place says which fields a claim, a release, a recycling or an assignment
resets, so that every path leaves the lead in the same state."""

# Kinds that give the lead an owner, and kinds that send it to a pool.
TO_OWNER_KINDS = ("manual", "auto", "claim", "pool_assign")
TO_POOL_KINDS = ("release", "recycle", "move")


def owner_change_values(kind, user_id=False, pool_id=False, previous_user_id=False,
                        now=None, protected_until=False):
    """Field values of a lead whose owner changes by `kind`.

    To an owner: out of any pool, warnings and protection reset (a claim
    protects the lead until `protected_until`), re-match suggestion cleared.
    To a pool: no owner, the previous owner kept, in the pool since `now`
    (a move between pools keeps the date the lead entered the first pool).

    >>> sorted(owner_change_values("claim", user_id=7, protected_until="d"))
    ['pool_date', 'pool_id', 'pool_protected_until', 'pool_warning_date', \
'si_rematch_suggested', 'user_id']
    >>> owner_change_values("release", pool_id=3, now="t")["pool_date"]
    't'
    >>> "pool_date" in owner_change_values("move", pool_id=4, previous_user_id=7)
    False
    """
    if kind in TO_OWNER_KINDS:
        return {
            "user_id": user_id,
            "pool_id": False,
            "pool_date": False,
            "pool_warning_date": False,
            "pool_protected_until": protected_until if kind == "claim" else False,
            "si_rematch_suggested": False,
        }
    if kind in TO_POOL_KINDS:
        values = {
            "user_id": False,
            "pool_id": pool_id,
            "previous_user_id": previous_user_id,
            "pool_warning_date": False,
            "pool_protected_until": False,
        }
        if kind != "move":
            values["pool_date"] = now
        return values
    raise ValueError("unknown owner change %r" % (kind,))


def history_kind(kind, in_pool, new_user_id):
    """The kind a history row records: an assignment of a pooled lead is an
    assignment from the pool; a pooled lead sent to a pool is moved.

    >>> history_kind("manual", True, 5), history_kind("release", True, False)
    ('pool_assign', 'move')
    """
    if in_pool and new_user_id and kind in ("manual", "auto"):
        return "pool_assign"
    if in_pool and not new_user_id and kind == "release":
        return "move"
    return kind
