"""An external integration client (OdooRPC over JSON-RPC, and Python's own
xmlrpc.client) against the served test database: what reps and managers may
read and write from outside Odoo, and how a refused value is reported.

The demo users come from scripts/generate_demo_data.py: rep1..rep12 (password
``rep``, own leads only) and manager1/manager2 (password ``manager``). The
leads this module needs are created by the manager over RPC and deleted at
the end.
"""
import uuid
import xmlrpc.client
from urllib.parse import urlparse

import odoorpc
import pytest
from odoorpc.error import RPCError

REP = ("rep1", "rep")
MANAGER = ("manager1", "manager")


def _connect(odoo_url, db, login, password):
    url = urlparse(odoo_url)
    client = odoorpc.ODOO(url.hostname, protocol="jsonrpc", port=url.port,
                          timeout=120)
    client.login(db, login, password)
    return client


def _error_name(exc):
    return (exc.info or {}).get("data", {}).get("name", "") if isinstance(
        exc.info, dict) else ""


@pytest.fixture(scope="module")
def rep(odoo_url, odoo_db):
    return _connect(odoo_url, odoo_db, *REP)


@pytest.fixture(scope="module")
def manager(odoo_url, odoo_db):
    return _connect(odoo_url, odoo_db, *MANAGER)


@pytest.fixture(scope="module")
def leads(manager, rep):
    """Three leads created by the manager: one of the rep, one of the
    manager, one unassigned. Yields {"tag", "rep", "other", "unassigned"}."""
    tag = "[client-test %s]" % uuid.uuid4().hex[:8]
    Lead = manager.env["crm.lead"].with_context(
        tracking_disable=True, mail_create_nolog=True)
    ids = {
        "rep": Lead.create({"name": "%s rep's" % tag, "user_id": rep.env.uid}),
        "other": Lead.create({"name": "%s manager's" % tag,
                              "user_id": manager.env.uid}),
        "unassigned": Lead.create({"name": "%s unassigned" % tag,
                                   "user_id": False}),
    }
    yield dict(ids, tag=tag)
    Lead.browse(list(ids.values())).unlink()


def _read_leads(client, domain=None):
    return client.env["crm.lead"].search_read(
        domain or [], ["name", "user_id"], context={"active_test": False})


def test_rep_reads_only_own_and_unassigned_leads(rep, leads):
    rows = _read_leads(rep)
    assert rows, "the rep sees no lead at all"
    owners = {row["user_id"] and row["user_id"][0] for row in rows}
    assert owners <= {rep.env.uid, False}, owners
    ids = {row["id"] for row in rows}
    assert leads["rep"] in ids
    assert leads["unassigned"] in ids
    assert leads["other"] not in ids


def test_rep_cannot_read_another_reps_lead_by_id(rep, leads):
    with pytest.raises(RPCError) as err:
        rep.execute_kw("crm.lead", "read", [[leads["other"]], ["name"]])
    assert "AccessError" in _error_name(err.value), err.value.info


def test_manager_reads_all_leads(manager, rep, leads):
    rows = _read_leads(manager)
    ids = {row["id"] for row in rows}
    assert {leads["rep"], leads["other"], leads["unassigned"]} <= ids
    owners = {row["user_id"] and row["user_id"][0] for row in rows}
    assert manager.env.uid in owners and rep.env.uid in owners
    assert len(rows) > len(_read_leads(rep))


def test_rep_cannot_change_a_teams_sales_mode(rep, manager):
    team_ids = manager.env["crm.team"].search([], limit=1)
    assert team_ids, "no sales team in the database"
    team = manager.env["crm.team"].read(team_ids, ["sales_mode"])[0]
    # the rep may read teams, not write them
    assert rep.env["crm.team"].read(team_ids, ["sales_mode"])[0]["sales_mode"] in (
        "b2b", "b2c")
    other = "b2c" if team["sales_mode"] == "b2b" else "b2b"
    with pytest.raises(RPCError) as err:
        rep.execute_kw("crm.team", "write", [team_ids, {"sales_mode": other}])
    assert "AccessError" in _error_name(err.value), err.value.info
    after = manager.env["crm.team"].read(team_ids, ["sales_mode"])[0]
    assert after["sales_mode"] == team["sales_mode"]


def test_manager_reads_lead_analysis(manager, rep, leads):
    Analysis = manager.env["si.lead.analysis"]
    groups = Analysis.read_group([("lead_id.name", "like", leads["tag"])],
                                 ["received_count", "won_count", "user_id"],
                                 ["user_id"])
    assert sum(g["received_count"] for g in groups) == 3, groups
    assert sum(g["won_count"] for g in groups) == 0, groups
    by_user = {g["user_id"] and g["user_id"][0]: g["received_count"]
               for g in groups}
    assert by_user == {manager.env.uid: 1, rep.env.uid: 1, False: 1}, by_user
    # the report counts every lead the manager may see, lost ones included
    total = Analysis.read_group([], ["received_count"], [])
    count = manager.env["crm.lead"].with_context(active_test=False).search_count([])
    assert total[0]["received_count"] == count


def test_rep_reads_lead_analysis_of_readable_leads_only(rep, leads):
    """The rows and totals of the report are those of the leads the rep may
    read: own and unassigned ones, never the manager's."""
    Analysis = rep.env["si.lead.analysis"]
    groups = Analysis.read_group([("lead_id.name", "like", leads["tag"])],
                                 ["received_count", "user_id"], ["user_id"])
    by_user = {g["user_id"] and g["user_id"][0]: g["received_count"]
               for g in groups}
    assert by_user == {rep.env.uid: 1, False: 1}, by_user
    rows = Analysis.search_read([], ["lead_id"])
    readable = set(rep.env["crm.lead"].with_context(active_test=False).search([]))
    assert {row["lead_id"][0] for row in rows} == readable
    total = Analysis.read_group([], ["received_count"], [])
    assert total[0]["received_count"] == len(readable)


def _xmlrpc_fault(odoo_url, db, login, password, model, method, args, lang):
    common = xmlrpc.client.ServerProxy("%s/xmlrpc/2/common" % odoo_url)
    uid = common.authenticate(db, login, password, {})
    assert uid, "%s cannot log in over XML-RPC" % login
    models = xmlrpc.client.ServerProxy("%s/xmlrpc/2/object" % odoo_url)
    with pytest.raises(xmlrpc.client.Fault) as err:
        models.execute_kw(db, uid, password, model, method, args,
                          {"context": {"lang": lang}})
    return err.value


@pytest.mark.parametrize("lang", ["en_US", "zh_CN"])
def test_refused_value_is_one_clear_sentence_over_xmlrpc(odoo_url, odoo_db, lang):
    """A value the product refuses (a referral lead without its referrer)
    reaches an XML-RPC client as the user's message, not a traceback."""
    fault = _xmlrpc_fault(
        odoo_url, odoo_db, *REP, "crm.lead", "create",
        [{"name": "[client-test] referral", "entry_channel": "referral"}], lang)
    # /xmlrpc/2: code 2 is Odoo's "warning" (a UserError), the string its
    # message; any other error comes as code 1 with the server's traceback
    assert fault.faultCode == 2, (fault.faultCode, fault.faultString)
    message = fault.faultString.strip()
    assert "Traceback" not in message and 'File "' not in message, message
    assert message and "\n" not in message, message
    assert message[-1] in ".\u3002", message
    if lang == "en_US":
        assert message.startswith("A referral lead needs"), message
    else:
        assert not message.startswith("A referral lead"), (
            "the message is not translated: %s" % message)


def test_wrong_password_is_refused(odoo_url, odoo_db):
    with pytest.raises(RPCError):
        _connect(odoo_url, odoo_db, REP[0], "not-the-password")
