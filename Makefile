# Sales Intelligence for Odoo: the two commands a newcomer needs.
.PHONY: demo test bench-data setup clean

demo:        ## set everything up and serve the demo database on :8069
	bash scripts/demo.sh

test:        ## set everything up and run the whole test suite
	bash scripts/test.sh

setup:       ## only install dependencies and start PostgreSQL
	bash scripts/bootstrap.sh

bench-data:  ## a large dataset for benchmarks (database sales_intelligence_bench)
	bash scripts/bench_data.sh

clean:       ## drop the project's databases and local environments
	-dropdb --if-exists sales_intelligence_demo
	-dropdb --if-exists sales_intelligence_test
	-dropdb --if-exists sales_intelligence_bench
	rm -rf .venv .venv-lint .odoo build
