"""The benchmark suite (benchmarks/run.py, `make bench`) runs at a tiny size:
every case runs through the product's entry point, returns rows, and its
hand-written SQL floor gives the same result. Times are not asserted."""
import json
import os
import subprocess
import sys

from bench_scratch import GENERATOR, ROOT, SCALE

RUNNER = os.path.join(ROOT, "benchmarks", "run.py")
# re-runs may find nothing left to do
MAY_BE_EMPTY = ("re-run",)


def _what_failed(output):
    """The cases that raised (their tracebacks) and the cases whose result
    differs from their floor's (both results), from the runner's output:
    the table alone says only that something failed."""
    lines = output.splitlines()
    kept = [line for line in lines if line.startswith("Cases that failed")]
    case = None
    for number, line in enumerate(lines):
        if line.startswith("-- "):
            case = line
        elif line.startswith("Traceback"):
            end = next((n for n in range(number + 1, len(lines))
                        if lines[n] and not lines[n].startswith(" ")), number)
            kept += [case or "(before the first case)"] + lines[number:end + 1]
        elif line.startswith("   product "):
            kept += [case, line]
        elif line.startswith("   floor "):
            kept.append(line)
    return "\n".join(kept)[-8000:] or output[-5000:]


def test_every_case_matches_its_floor(request, scratch_db, tmp_path):
    config = request.config.getoption("--odoo-config")
    generated = subprocess.run(
        [sys.executable, GENERATOR, "-c", config, "-d", scratch_db] + SCALE,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert generated.returncode == 0, generated.stdout[-3000:]
    run = subprocess.run(
        [sys.executable, RUNNER, "-c", config, "-d", scratch_db, "--size", "tiny",
         "--out", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert run.returncode == 0, _what_failed(run.stdout)
    table = (tmp_path / "bench-tiny.md").read_text()
    assert "Cases that failed" not in table
    with open(tmp_path / "bench-tiny.json") as handle:
        results = json.load(handle)
    names = [result["job"] for result in results]
    for expected in ("leads 30 days without follow-up", "leads' first pages",
                     "dormant detection, first run",
                     "dormant detection, re-run", "anomaly scan", "recycling",
                     "automatic assignment",
                     "target decomposition", "completion", "renewal scan",
                     "bundle mining", "lead-conversion analysis, as manager",
                     "lead-conversion analysis, as rep", "plan completion analysis",
                     "pool and dormancy analysis", "renewal analysis",
                     "demand analysis", "digest KPIs", "rep evaluation"):
        assert any(name.startswith(expected) for name in names), (expected, names)
    for result in results:
        assert result["same"], result
        assert result["floor_seconds"] is not None, result
        if not any(word in result["job"] for word in MAY_BE_EMPTY):
            assert result["rows"] > 0, result
