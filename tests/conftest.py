"""Shared fixtures of the client and browser tests: an Odoo HTTP server on the
test database, started once per pytest session.

The in-process tests (pytest-odoo) run Odoo inside pytest without HTTP; the
client (OdooRPC) and browser (Selenium) tests need a real server. If something
already answers on 127.0.0.1:$TEST_ODOO_PORT (default 8079) it is reused (it
must serve the test database); otherwise an Odoo subprocess is started on that
port and stopped at the end of the session. Its log goes to
build/odoo-test-server.log (override with TEST_ODOO_LOG).
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from _pytest.main import pytest_ignore_collect as _default_ignore_collect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"
# The first request after a start compiles the web assets (lessc): slow.
SERVER_START_TIMEOUT = int(os.environ.get("TEST_ODOO_START_TIMEOUT", "300"))


@pytest.hookimpl(hookwrapper=True)
def pytest_ignore_collect(collection_path, config):
    """pytest-odoo 1.0.1 (the last release for Python 3.7) reads the
    __manifest__.py of the addon around every collected path, and raises
    FileNotFoundError for paths outside any addon, such as these tests
    (fixed upstream in camptocamp/pytest-odoo#73). Fall back to pytest's own
    rule for such paths."""
    outcome = yield
    try:
        outcome.get_result()
    except FileNotFoundError:
        outcome.force_result(_default_ignore_collect(collection_path, config))


def _port():
    return int(os.environ.get("TEST_ODOO_PORT", "8079"))


def _venv_python():
    venv = os.environ.get("VENV", os.path.join(ROOT, ".venv"))
    python = os.path.join(venv, "bin", "python")
    return python if os.path.exists(python) else sys.executable


def _odoo_conf(config):
    return (os.environ.get("ODOO_CONF")
            or config.getoption("--odoo-config", default=None)
            or os.path.join(ROOT, ".odoo", "odoo.cfg"))


def _answers(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


def _http_status(url, timeout=30):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return None


def jsonrpc(url, params, timeout=60):
    """POST a JSON-RPC call to an Odoo route; return the result or raise."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                       "params": params}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        reply = json.loads(resp.read().decode())
    if reply.get("error"):
        raise RuntimeError("%s: %s" % (url, reply["error"]))
    return reply["result"]


def _check_serves(url, db):
    """A server we did not start must serve the test database."""
    try:
        dbs = jsonrpc(url + "/web/database/list", {})
    except Exception:  # list_db disabled: cannot tell, trust the operator
        return
    if db not in dbs:
        pytest.fail("the Odoo server already running on %s serves %s, not %s: stop "
                    "it or choose another TEST_ODOO_PORT" % (url, dbs, db))


def _start_server(config, db, port, log_path):
    cmd = [_venv_python(), "-c", "import odoo; odoo.cli.main()",
           "-c", _odoo_conf(config), "-d", db, "--db-filter=^%s$" % db,
           "--http-port", str(port), "--max-cron-threads=0", "--workers=0"]
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return proc


def _stop_server(proc):
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def odoo_db(request):
    return request.config.getoption("--odoo-database")


class OdooServer:
    def __init__(self, url, log_path=None):
        self.url = url
        #: the server log, when the suite started the server itself
        self.log_path = log_path

    def log_size(self):
        return os.path.getsize(self.log_path) if self.log_path else 0

    def log_since(self, offset):
        """Log lines written since `offset` (a previous log_size())."""
        if not self.log_path:
            return []
        with open(self.log_path, errors="replace") as log:
            log.seek(offset)
            return log.read().splitlines()


@pytest.fixture(scope="session")
def odoo_server(request, odoo_db):
    """An Odoo server serving the test database over HTTP."""
    assert odoo_db, "run pytest with --odoo-database"
    port = _port()
    url = "http://%s:%d" % (HOST, port)
    if _answers(port):
        _check_serves(url, odoo_db)
        yield OdooServer(url)
        return
    log_path = os.environ.get(
        "TEST_ODOO_LOG", os.path.join(ROOT, "build", "odoo-test-server.log"))
    proc = _start_server(request.config, odoo_db, port, log_path)
    try:
        deadline = time.time() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail("the Odoo server exited with code %s; see %s"
                            % (proc.returncode, log_path))
            if _http_status(url + "/web/login") == 200:
                break
            if time.time() > deadline:
                pytest.fail("the Odoo server did not answer on %s/web/login within "
                            "%d s; see %s" % (url, SERVER_START_TIMEOUT, log_path))
            time.sleep(1)
        yield OdooServer(url, log_path)
    finally:
        _stop_server(proc)


@pytest.fixture(scope="session")
def odoo_url(odoo_server):
    """Base URL of the Odoo server serving the test database."""
    return odoo_server.url


@pytest.fixture(scope="session")
def screenshots_dir():
    path = os.environ.get("SCREENSHOTS", os.path.join(ROOT, "build", "screenshots"))
    os.makedirs(path, exist_ok=True)
    return path
