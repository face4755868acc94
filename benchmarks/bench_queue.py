"""The long lead job (dormant detection) on 1 and 2 workers of the OCA job
queue, beside the plain scheduled run, on a large database with queue_job installed.

    .venv/bin/python benchmarks/bench_queue.py -c .odoo/odoo.cfg \\
        -d sales_intelligence_bench [--port 8075 --capacities 1,2 \\
        --chunk-size 10000 --jobs dormant]

For each job: the plain run (batches in one transaction each, in this
process), then, for each capacity N, an Odoo server started on --port with
`workers = 2`, `server_wide_modules = base,web,queue_job` and
`[queue_job] channels = root:N`: the scheduled action enqueues one job per
--chunk-size leads and the time is taken until the last job is done. Every
run starts from the same state: dormancy cleared (and the to-dos of earlier
runs removed), so each run writes every row it would write on a first
night; the dormancy is cleared again at the end. Prints one table and `uptime`.
"""
import argparse
import configparser
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "scripts"))
from odoo_env import odoo_env  # noqa: E402

from odoo.tools import SQL  # noqa: E402

CHANNEL = "root.sales_intelligence"
FOLLOWUP_TYPE = "sales_intelligence.mail_activity_type_followup"
JOBS = {
    # name: (model, method, cron xmlid)
    "dormant": ("si.dormant.rule", "_cron_detect_dormant",
                "sales_intelligence.ir_cron_detect_dormant"),
}


def reset(env, job, first_activity):
    """The state before a first night's run of `job`."""
    cr = env.cr
    assert job == "dormant", job
    cr.execute(SQL("""
        DELETE FROM mail_activity
         WHERE id >= %s AND res_model = 'crm.lead' AND automated
           AND activity_type_id = %s
    """, first_activity, env.ref(FOLLOWUP_TYPE).id))
    cr.execute(SQL("UPDATE crm_lead SET is_dormant = false, dormant_since = NULL,"
                   " dormant_rule_id = NULL WHERE is_dormant"))
    cr.execute(SQL("DELETE FROM queue_job WHERE channel = %s", CHANNEL))
    cr.commit()
    cr.execute(SQL("ANALYZE crm_lead"))
    env.invalidate_all()


def written(env, job):
    assert job == "dormant", job
    env.cr.execute(SQL("SELECT count(*) FROM crm_lead WHERE is_dormant"))
    return env.cr.fetchone()[0]


def plain_run(env, job):
    model, method, _xmlid = JOBS[job]
    started = time.time()
    getattr(env[model].with_context(si_no_queue=True), method)()
    env.cr.commit()
    return time.time() - started


def server_config(config, database, port, capacity, logfile):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    options = parser["options"]
    options.update({
        "http_port": str(port), "workers": "2", "max_cron_threads": "0",
        "server_wide_modules": "base,web,queue_job", "db_name": database,
        "dbfilter": "^%s$" % database, "logfile": logfile, "log_level": "info",
        "list_db": "False",
    })
    parser["queue_job"] = {"channels": "root:%d" % capacity}
    handle, path = tempfile.mkstemp(suffix=".cfg")
    with os.fdopen(handle, "w") as out:
        parser.write(out)
    return path


def start_server(config, database, port, capacity):
    logfile = tempfile.mktemp(suffix=".log")
    path = server_config(config, database, port, capacity, logfile)
    odoo_bin = os.path.join(os.path.dirname(sys.modules["odoo"].__file__), "..",
                            "odoo-bin")
    command = [sys.executable, odoo_bin, "-c", path] if os.path.exists(odoo_bin) \
        else [sys.executable, "-c", "import odoo; odoo.cli.main()", "-c", path]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.time() + 180
    while time.time() < deadline:
        time.sleep(1)
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/web/health" % port, timeout=5)
        except OSError:
            continue
        with open(logfile) as log:
            if "queue job runner ready for db %s" % database in log.read():
                return server, logfile
    server.terminate()
    raise SystemExit("the server on port %d did not start: see %s" % (port, logfile))


def queued_run(env, job, chunk_size):
    model, method, xmlid = JOBS[job]
    progress = env.ref(xmlid)._add_progress()[1]
    env.cr.commit()
    started = time.time()
    count = getattr(env[model].with_context(ir_cron_progress_id=progress.id),
                    method)(chunk_size=chunk_size)
    env.cr.commit()
    while True:
        env.cr.execute(SQL("""
            SELECT count(*) FILTER (WHERE state NOT IN ('done', 'failed', 'cancelled')),
                   count(*) FILTER (WHERE state = 'failed'),
                   max(date_done), sum(exec_time)
              FROM queue_job WHERE channel = %s
        """, CHANNEL))
        unfinished, failed, _last, exec_time = env.cr.fetchone()
        env.cr.commit()
        if not unfinished:
            break
        time.sleep(0.2)
    if failed:
        raise SystemExit("%d %s jobs failed" % (failed, job))
    return time.time() - started, count, exec_time or 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--port", type=int, default=8075)
    parser.add_argument("--capacities", default="1,2")
    parser.add_argument("--chunk-size", type=int, default=10000)
    parser.add_argument("--jobs", default="dormant")
    args = parser.parse_args()
    jobs = args.jobs.split(",")
    capacities = [int(c) for c in args.capacities.split(",")]
    rows = []
    with odoo_env(args.config, args.database, log_level="warn") as env:
        if "queue.job" not in env.registry:
            raise SystemExit("queue_job is not installed in %s" % args.database)
        env.cr.execute(SQL("SELECT count(*) FROM crm_lead"))
        leads = env.cr.fetchone()[0]
        env.cr.execute(SQL("SELECT COALESCE(max(id), 0) + 1 FROM mail_activity"))
        first_activity = env.cr.fetchone()[0]
        for job in jobs:
            reset(env, job, first_activity)
            seconds = plain_run(env, job)
            rows.append((job, "plain cron batches", "-", written(env, job), seconds,
                         None))
        for capacity in capacities:
            server, logfile = start_server(args.config, args.database, args.port,
                                           capacity)
            try:
                for job in jobs:
                    reset(env, job, first_activity)
                    seconds, count, exec_time = queued_run(env, job, args.chunk_size)
                    rows.append((job, "queue, root:%d" % capacity, count,
                                 written(env, job), seconds, exec_time))
            finally:
                server.terminate()
                server.wait(60)
        # the to-dos of the runs go
        if "dormant" in jobs:
            reset(env, "dormant", first_activity)
    print("\n%d leads, chunks of %d leads" % (leads, args.chunk_size))
    print("%-8s %-20s %5s %8s %9s %10s %8s" % (
        "job", "run", "jobs", "rows", "seconds", "job time", "speed-up"))
    base = {}
    for job, run, count, rows_written, seconds, exec_time in rows:
        if run.endswith("root:1"):
            base[job] = seconds
        speedup = "%.2f×" % (base[job] / seconds) if job in base else ""
        print("%-8s %-20s %5s %8d %9.2f %10s %8s" % (
            job, run, count, rows_written, seconds,
            "%.2f" % exec_time if exec_time is not None else "", speedup))
    print("uptime:", subprocess.run(["uptime"], stdout=subprocess.PIPE,
                                    universal_newlines=True).stdout.strip())


if __name__ == "__main__":
    main()
