"""Root pytest configuration of the whole suite (pytest-odoo does the Odoo set-up)."""
import os

# With queue_job installed in the test database, the HTTP server the suite
# starts in process (--odoo-http) would also start queue_job's job runner,
# which holds a connection of its own to the test database: copies made with
# `createdb -T` (the upgrade and benchmark tests) need none. The tests run
# the queued jobs themselves (trap_jobs, QUEUE_JOB__NO_DELAY).
os.environ.setdefault("ODOO_QUEUE_JOB_CHANNELS", "root:0")
