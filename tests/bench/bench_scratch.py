"""Paths and the small scale of the benchmark tests (the scratch database
fixture is in conftest.py)."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GENERATOR = os.path.join(ROOT, "scripts", "generate_bench_data.py")
SCALE = ["--leads", "3000", "--partners", "200", "--reps", "30", "--teams", "4",
         "--orders", "300", "--lines-per-order", "3", "--contracts", "400"]
