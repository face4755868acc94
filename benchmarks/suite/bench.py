"""The measuring part of the benchmark suite: one `Bench` per run.

Each case runs a product entry point and its floor (the same result by
hand-written SQL) in the same process, on the same data, and checks that
both give the same result. Nothing a case writes stays: every case runs
inside a savepoint rolled back at its end, and the jobs run with
`si_no_commit` (tools/batches.py) so they never commit their batches.
"""
import contextlib
import json
import os
import time
import uuid

from odoo.tools import SQL

# what the jobs run with: one transaction, and unless the run measures it (the
# scheduled jobs log it), no chatter tracking
CONTEXT = {"si_no_commit": True, "tz": "UTC"}
NO_TRACKING = {"tracking_disable": True, "mail_create_nolog": True,
               "mail_notrack": True}
COLUMNS = ("job", "rows", "seconds", "queries", "peak MB", "floor s",
           "floor queries", "ratio", "same")


def _peak_reset():
    """Reset the process' peak resident size (Linux); False when not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _memory_kb(key):
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Bench:
    """Runs and records the cases of one benchmark run."""

    def __init__(self, env, size, echo=print, tracking=False):
        self.env = env(context=dict(env.context, **CONTEXT,
                                    **({} if tracking else NO_TRACKING)))
        self.cr = env.cr
        self.size = size
        self.echo = echo
        self.results = []

    # --- measuring ------------------------------------------------------------
    def _timed(self, func, *args):
        """(result, seconds, queries, peak MB above the start) of func(*args)."""
        env = self.env
        env.flush_all()
        reset = _peak_reset()
        start_kb = _memory_kb("VmRSS:")
        queries = self.cr.sql_log_count
        started = time.perf_counter()
        result = func(*args)
        env.flush_all()
        # the chatter tracking Odoo logs before a commit (none without tracking)
        self.cr.precommit.run()
        seconds = time.perf_counter() - started
        queries = self.cr.sql_log_count - queries
        peak = (max(_memory_kb("VmHWM:") - start_kb, 0) / 1024.0) if reset else None
        return result, seconds, queries, peak

    @contextlib.contextmanager
    def savepoint(self):
        """Everything done inside is undone at the end (ORM caches too)."""
        name = SQL.identifier("bench_%s" % uuid.uuid4().hex[:12])
        self.env.flush_all()
        self.cr.execute(SQL("SAVEPOINT %s", name))
        try:
            yield
        finally:
            self.env.invalidate_all()
            self.env.transaction.clear()
            self.cr.execute(SQL("ROLLBACK TO SAVEPOINT %s", name))
            self.cr.execute(SQL("RELEASE SAVEPOINT %s", name))
            self.env.invalidate_all()

    def measure(self, name, product, floor, floor_first=True):
        """Time `product()` -> (rows, result) and `floor(...)` -> result.

        With `floor_first` the floor runs first, in a savepoint rolled back,
        on the state the product then finds; otherwise the product runs
        first and the floor, given the product's result, runs after the
        product's writes are undone (a floor that writes what the product
        decided, e.g. the owners an assignment chose). The product's writes
        stay until the caller's savepoint ends (a re-run case follows)."""
        self.echo("-- %s" % name)
        record = {"job": name}
        if floor_first:
            with self.savepoint():
                floor_result, *floor_cost = self._timed(floor)
            self.env.invalidate_all()
            (rows, result), *cost = self._timed(product)
        else:
            with self.savepoint():
                (rows, result), *cost = self._timed(product)
            floor_result, *floor_cost = self._timed(floor, result)
        same = _normalise(result) == _normalise(floor_result)
        if not same:
            self.echo("   product %s\n   floor   %s"
                      % (_short(result), _short(floor_result)))
        seconds, queries, peak = cost
        record.update(rows=rows, seconds=seconds, queries=queries, peak_mb=peak,
                      floor_seconds=floor_cost[0], floor_queries=floor_cost[1],
                      ratio=seconds / floor_cost[0] if floor_cost[0] else None,
                      same=same)
        self.results.append(record)
        self.echo("   %s" % " | ".join(_cells(record)))
        return result

    # --- the table ------------------------------------------------------------
    def table(self, header=""):
        lines = [header] if header else []
        lines.append("| %s |" % " | ".join(COLUMNS))
        lines.append("|%s|" % "|".join(" --- " for _column in COLUMNS))
        for record in self.results:
            lines.append("| %s |" % " | ".join(_cells(record)))
        return "\n".join(lines) + "\n"

    def write(self, directory, header=""):
        os.makedirs(directory, exist_ok=True)
        base = os.path.join(directory, "bench-%s" % self.size)
        with open(base + ".md", "w") as handle:
            handle.write(self.table(header))
        with open(base + ".json", "w") as handle:
            json.dump(self.results, handle, indent=1, default=str)
        return base + ".md"


def _cells(record):
    def num(value, pattern):
        return "-" if value is None else pattern % value
    return (record["job"], str(record["rows"]), num(record["seconds"], "%.2f"),
            str(record["queries"]), num(record["peak_mb"], "%.0f"),
            num(record["floor_seconds"], "%.2f"), str(record["floor_queries"]),
            num(record["ratio"], "%.1f"), "yes" if record["same"] else "NO")


def _normalise(value):
    """Results compare as sorted tuples, floats rounded to cents."""
    if isinstance(value, float):
        return round(value, 2) + 0.0
    if isinstance(value, dict):
        return tuple(sorted(((_normalise(k), _normalise(v)) for k, v in value.items()),
                            key=repr))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((_normalise(v) for v in value), key=repr))
    if isinstance(value, (list, tuple)):
        return tuple(_normalise(v) for v in value)
    return value


def _short(value):
    text = repr(_normalise(value))
    return text if len(text) < 300 else text[:300] + "..."
