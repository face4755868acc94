"""Print the Odoo configuration used by the project's scripts.

Addons come from three places: the Odoo 18.0 server tree, the OCA wheels
installed in the virtualenv (under its ``odoo/addons`` folder) and this
repository.
"""
import os
import sysconfig

import odoo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
addons_paths = [
    os.path.join(os.path.dirname(odoo.__file__), "addons"),
    os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons"),
    ROOT,
]

print("""[options]
addons_path = {addons}
data_dir = {data}
db_host = {host}
db_port = {port}
db_user = {user}
db_password = False
admin_passwd = admin
http_interface = 127.0.0.1
http_port = {http_port}
list_db = True
without_demo = False
workers = 0
max_cron_threads = 1
limit_time_cpu = 600
limit_time_real = 1200
log_level = info
""".format(
    addons=",".join(addons_paths),
    data=os.environ["ODOO_DATA"],
    host=os.environ["PGHOST"] if not os.environ["PGHOST"].startswith("/") else "",
    port=os.environ["PGPORT"],
    user=os.environ["PGUSER"],
    http_port=os.environ["ODOO_PORT"],
))
