"""Fixtures of the benchmark tests."""
import subprocess
import uuid

import odoo
import pytest
from odoo.modules.registry import Registry


@pytest.fixture
def scratch_db(request):
    """A scratch copy of the test database, made with createdb -T: the
    in-process Odoo of the suite first closes its connections to the template."""
    template = request.config.getoption("--odoo-database")
    name = "si_bench_test_%s" % uuid.uuid4().hex[:8]
    odoo.sql_db.close_db(template)
    subprocess.run(["createdb", "-T", template, name], check=True)
    yield name
    Registry.delete(name)
    odoo.sql_db.close_db(name)
    subprocess.run(["dropdb", "--if-exists", name], check=True)
