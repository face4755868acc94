"""Rough throughput of the lead intake JSON endpoint on a running server.

Usage: intake_throughput.py -c CONFIG -d DATABASE [--url URL] [-n N]

Creates a temporary app channel with a token (committed, so the server sees
it), posts N new leads one after the other with the rate limiter off, then
N more with it on (limits above N, so every request is counted but none
refused), prints requests per second of each run, and deletes the channel
and its leads. Needs the server of the same database running at --url
(one worker is the honest case: requests are sequential anyway)."""
import argparse
import json
import os
import sys
import urllib.request
from time import monotonic

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from odoo_env import odoo_env  # noqa: E402


def post(url, token, payload):
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={
        "Content-Type": "application/json", "Authorization": "Bearer %s" % token})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status


def run(url, token, count, label, offset):
    started = monotonic()
    for i in range(count):
        status = post(url, token, {
            "submission_id": "bench-%d-%06d" % (os.getpid(), offset + i),
            "contact_name": "Bench %d" % (offset + i),
            "email": "bench.%d.%d@throughput.example" % (offset + i, os.getpid()),
            "phone": "+86 139 %04d %04d" % (offset + i, os.getpid() % 10000),
            "company_name": "Bench %d Co., Ltd." % (offset + i),
            "message": "Throughput measurement.",
        })
        assert status == 200, status
    elapsed = monotonic() - started
    print("%-12s %4d requests in %6.2fs: %6.1f requests/s (%.1f ms each)" % (
        label, count, elapsed, count / elapsed, 1000 * elapsed / count))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    with odoo_env(args.config, args.database, log_level="warn") as env:
        team = env["crm.team"].search([], order="id", limit=1)
        channel = env["si.intake.channel"].create({
            "name": "Throughput", "kind": "api", "code": "throughput-%d" % os.getpid(),
            "team_id": team.id, "rate_limit_address": 0, "rate_limit_token": 0,
            "assign_on_arrival": False})
        token = channel.action_generate_token()["context"]["default_token"]
        channel_id = channel.id
    endpoint = args.url.rstrip("/") + "/si/intake/api/v1/leads"
    try:
        run(endpoint, token, args.n, "limiter off", 0)
        with odoo_env(args.config, args.database) as env:
            env["si.intake.channel"].browse(channel_id).write(
                {"rate_limit_address": 10 * args.n, "rate_limit_token": 10 * args.n})
        run(endpoint, token, args.n, "limiter on", args.n)
    finally:
        with odoo_env(args.config, args.database) as env:
            channel = env["si.intake.channel"].browse(channel_id)
            env["crm.lead"].with_context(active_test=False).search(
                [("si_intake_channel_id", "=", channel_id)]).unlink()
            channel.unlink()


if __name__ == "__main__":
    sys.exit(main())
