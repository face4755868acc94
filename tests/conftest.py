"""Shared fixtures of the client and browser tests: an Odoo HTTP server on the
test database, started once per pytest session.

The in-process tests (pytest-odoo) run Odoo inside pytest; the client
(OdooRPC) and browser (Selenium) tests need a server of their own, in another
process, like the one users reach. If something
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
from urllib.parse import urlparse

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"
# Odoo 18 loads the registry of the database before it opens its port, and
# the first web client load compiles the assets (SCSS with libsass): slow.
SERVER_START_TIMEOUT = int(os.environ.get("TEST_ODOO_START_TIMEOUT", "300"))


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


def _server_command():
    """odoo-bin of the server tree when $ODOO_SRC names one, else the Odoo
    importable from the virtualenv (the same code either way)."""
    src = os.environ.get("ODOO_SRC")
    if src and os.path.exists(os.path.join(src, "odoo-bin")):
        return [_venv_python(), os.path.join(src, "odoo-bin")]
    return [_venv_python(), "-c", "import odoo.cli; odoo.cli.main()"]


def _start_server(config, db, port, log_path):
    cmd = _server_command() + [
        "-c", _odoo_conf(config), "-d", db, "--db-filter=^%s$" % db,
        "--http-port", str(port), "--max-cron-threads=0", "--workers=0",
        # the browser tests read the ERROR lines of this log
        "--log-level=info"]
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return proc


def _wait_until_ready(proc, url, log_path):
    """Wait until /web/login answers 200.

    Odoo 18 preloads the registry of the database given with -d before it
    opens its HTTP port, so the port answering means the modules are loaded;
    a registry that fails to load shows in the log while the port is closed.
    """
    deadline = time.time() + SERVER_START_TIMEOUT
    port = urlparse(url).port
    while True:
        if proc.poll() is not None:
            pytest.fail("the Odoo server exited with code %s; see %s"
                        % (proc.returncode, log_path))
        if not _answers(port):
            with open(log_path, errors="replace") as log:
                if "Failed to load registry" in log.read():
                    pytest.fail("the Odoo server could not load the database; "
                                "see %s" % log_path)
        elif _http_status(url + "/web/login") == 200:
            return
        if time.time() > deadline:
            pytest.fail("the Odoo server did not answer on %s/web/login within "
                        "%d s; see %s" % (url, SERVER_START_TIMEOUT, log_path))
        time.sleep(0.5)


def _stop_server(proc):
    """SIGTERM asks Odoo for a graceful shutdown, which waits for open
    requests (the web client's long polling ones last up to a minute); a
    second signal forces it, as Odoo's log says."""
    for signal_count in range(2):
        proc.terminate()
        try:
            proc.wait(timeout=3 if signal_count == 0 else 15)
            return
        except subprocess.TimeoutExpired:
            pass
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

    def read_log(self, offset):
        """(complete lines written since byte `offset`, the offset after them)."""
        if not self.log_path:
            return [], offset
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            data = log.read()
        end = data.rfind(b"\n") + 1
        return data[:end].decode(errors="replace").splitlines(), offset + end


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
        _wait_until_ready(proc, url, log_path)
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
