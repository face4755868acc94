# Sales Intelligence for Odoo: the two commands a newcomer needs.
.PHONY: demo test bench bench-data setup clean

demo:        ## set everything up and serve the demo database on :8069
	bash scripts/demo.sh

test:        ## set everything up and run the whole test suite
	bash scripts/test.sh

setup:       ## only install dependencies and start PostgreSQL
	bash scripts/bootstrap.sh

SIZE ?= 1000000

bench:       ## benchmark suite on SIZE leads (default 1000000): table in build/bench-SIZE.md
	SIZE=$(SIZE) bash scripts/bench_data.sh --run

bench-data:  ## the large dataset alone (SIZE leads; database sales_intelligence_bench)
	SIZE=$(SIZE) bash scripts/bench_data.sh

clean:       ## drop the project's databases and local environments
	-dropdb --if-exists sales_intelligence_demo
	-dropdb --if-exists sales_intelligence_test
	-dropdb --if-exists sales_intelligence_bench
	-dropdb --if-exists sales_intelligence_bench_$(SIZE)
	rm -rf .venv .venv-lint .odoo build
