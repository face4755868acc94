"""The benchmark suite of the product (run by benchmarks/run.py): one module
per capability, each with a CASES list of functions taking the `Bench`."""
