"""The Odoo web client in a real browser (Debian's headless chromium driven by
Selenium): each user logs in through the /web/login form, opens the CRM
pipeline, then every Sales Intelligence menu visible to them and every view
type of its action, once in English and once in Chinese (the user's language
is switched for the second pass). A page fails on a browser console error, an
Odoo error dialog, an ERROR line in the server log, or a view that does not
render.

The menus are not hard-coded: they are read as that user over JSON-RPC from
the server the browser talks to (ir.ui.menu load_menus, then the views of
each window action), so new menus are covered as soon as they exist; a menu is
opened through the web client's menu service, the code a click on it runs.
A screenshot of each page goes to $SCREENSHOTS (default build/screenshots) as
<user>-<lang>-<menu xmlid>-<view type>.png.
"""
import contextlib
import os
import resource
import re
import shutil
import tempfile
import time
from urllib.parse import urlparse

import odoorpc
import odoorpc.error
import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1400,900",
    "--disable-dev-shm-usage",
]
USERS = {"admin": "admin", "manager1": "manager", "rep1": "rep",
         "finance": "finance"}
LANGS = ("en_US", "zh_CN")
ADDON_PREFIX = "sales_intelligence"
ROOT_MENU = "sales_intelligence.sales_intelligence_menu_root"
CONFIG_MENU = "sales_intelligence.sales_intelligence_menu_config"
CRM_MENU = "crm.crm_menu_root"
# The first web client load after a database (re)build compiles the backend
# assets (SCSS with libsass): a minute or two on this kind of machine.
FIRST_LOAD_TIMEOUT = 300
PAGE_TIMEOUT = 30
# Odoo 18 gives each view's root the classes o_view_controller o_<type>_view;
# multi-record views without records show the "no content" helper instead.
NO_CONTENT = ".o_view_nocontent"
ERROR_DIALOGS = ".o_error_dialog"
# Console noise that says nothing about the product's views
CONSOLE_NOISE = [re.compile(r"/favicon\.ico .*404")]
SERVER_ERRORS = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# Counts the web client's pending RPCs (Odoo 18's rpcBus events).
RPC_COUNTER = """
if (!window.__siRpc && window.odoo && odoo.loader) {
    const rpc = odoo.loader.modules.get("@web/core/network/rpc");
    if (rpc) {
        window.__siRpc = {pending: 0};
        rpc.rpcBus.addEventListener("RPC:REQUEST", () => window.__siRpc.pending++);
        rpc.rpcBus.addEventListener("RPC:RESPONSE", () => window.__siRpc.pending--);
    }
}
return !!window.__siRpc;
"""
SERVICES = "odoo.__WOWL_DEBUG__.root.env.services"


def view_selector(view_type):
    return ".o_action_manager .o_view_controller.o_%s_view" % view_type


# --- menus and actions, read as the user from the served database -----------

def _rpc_login(odoo_url, db, login, password):
    url = urlparse(odoo_url)
    client = odoorpc.ODOO(url.hostname, protocol="jsonrpc", port=url.port,
                          timeout=120)
    client.login(db, login, password)
    return client


def _menu_tree(client):
    """Odoo 18's load_menus: {id (a string over JSON): menu, "root": root}."""
    return client.env["ir.ui.menu"].load_menus(False)


def _by_xmlid(menus, xmlid):
    return next((m for m in menus.values() if m.get("xmlid") == xmlid), None)


def _action_page(admin, menu):
    """What to visit for one menu: its action and, for a window action, its
    view types in the action's order (read by the admin: only settings
    managers read actions over RPC in Odoo 18, and their views are the same
    for every user)."""
    model, action_id = menu["action"].split(",")
    page = {"xmlid": menu["xmlid"], "menu_id": menu["id"],
            "action_model": model, "action_id": int(action_id), "views": []}
    if model == "ir.actions.act_window":
        # what /web/action/load gives the web client: the action's views
        action = admin.env[model].read([int(action_id)], ["views"])[0]
        page["views"] = [vtype for _vid, vtype in action["views"]]
    return page


def user_menus(client, admin):
    """The CRM app's id (None if hidden) and every menu of the product's
    addons that has an action, in menu order, as the user of `client` sees
    it (Odoo's group and access filters)."""
    menus = _menu_tree(client)
    found = []

    def walk(menu_id):
        menu = menus[str(menu_id)] if menu_id != "root" else menus["root"]
        for child_id in menu.get("children", []):
            child = menus[str(child_id)]
            if child.get("xmlid", "").startswith(ADDON_PREFIX) and child.get("action"):
                found.append(_action_page(admin, child))
            walk(child_id)

    walk("root")
    crm = _by_xmlid(menus, CRM_MENU)
    return {"crm_menu_id": crm and crm["id"], "pages": found, "menus": menus}


@contextlib.contextmanager
def user_language(admin, login, lang):
    """The user `login` works in `lang` for the duration of the block."""
    Users = admin.env["res.users"]
    user_id = Users.search([("login", "=", login)])[0]
    before = Users.read([user_id], ["lang"])[0]["lang"]
    Users.write([user_id], {"lang": lang})
    try:
        yield
    finally:
        Users.write([user_id], {"lang": before})


# --- the browser --------------------------------------------------------------

def _without_memory_limit():
    """Chromium reserves more address space than the memory limit that Odoo's
    in-process server (pytest-odoo's --odoo-http) puts on this process and
    its children, and crashes under it: lift it, as Odoo's own browser tests
    do."""
    resource.setrlimit(resource.RLIMIT_AS,
                       (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


@pytest.fixture(scope="module")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="si-chromium-")
    options.add_argument("--user-data-dir=%s" % profile)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(CHROMEDRIVER, popen_kw={"preexec_fn": _without_memory_limit})
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_window_size(1400, 900)
    browser.set_page_load_timeout(FIRST_LOAD_TIMEOUT)
    browser.set_script_timeout(PAGE_TIMEOUT)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def admin_rpc(odoo_server, odoo_db):
    return _rpc_login(odoo_server.url, odoo_db, "admin", USERS["admin"])


class WebClient:
    """One user's visit of the web client; collects the problems of each page
    instead of stopping at the first one."""

    def __init__(self, driver, server, screenshots_dir, login):
        self.driver = driver
        self.server = server
        self.screenshots = screenshots_dir
        self.login = login
        self.problems = []
        self._log_offset = server.log_size()

    # -- state of the page

    def _idle(self):
        """The web client is mounted and no RPC is pending."""
        return self.driver.execute_script(
            "return document.readyState === 'complete' && !!window.odoo"
            " && !!odoo.__WOWL_DEBUG__"
            " && !!document.querySelector('.o_web_client')"
            " && !!window.__siRpc && window.__siRpc.pending <= 0;")

    def wait_idle(self, timeout=PAGE_TIMEOUT):
        """Wait until the web client is idle three polls in a row (an action
        loads its views, then its records, with a short gap in between)."""
        deadline = time.time() + timeout
        quiet = 0
        while quiet < 3:
            if time.time() > deadline:
                raise TimeoutException("the web client stayed busy %d s" % timeout)
            quiet = quiet + 1 if self._idle() else 0
            time.sleep(0.2)

    def _visible(self, selector):
        return [el for el in self.driver.find_elements(By.CSS_SELECTOR, selector)
                if el.is_displayed()]

    def wait_view(self, view_type, timeout=PAGE_TIMEOUT):
        """Wait until the current action shows a new view of `view_type` (one
        that mark() did not see yet) and its RPCs are done."""
        fresh = "%s:not([data-seen])" % view_selector(view_type)
        WebDriverWait(self.driver, timeout, poll_frequency=0.2).until(
            lambda d: self._visible(fresh) or self._visible(ERROR_DIALOGS),
            "no %s view rendered within %d s" % (view_type, timeout))
        self.wait_idle(timeout)

    # -- problems

    def collect(self, page):
        """Record the console errors and server log errors since the last
        call."""
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            if any(noise.search(entry["message"]) for noise in CONSOLE_NOISE):
                continue
            self.problems.append("%s: console: %s" % (page, entry["message"][:1000]))
        lines, self._log_offset = self.server.read_log(self._log_offset)
        for line in lines:
            if SERVER_ERRORS.match(line):
                self.problems.append("%s: server log: %s" % (page, line[:500]))

    def mark(self, page):
        """Before `page`: record what came late from the previous page, and
        tag the views on screen, to tell the views of `page` from them."""
        self.collect("before %s" % page)
        self.driver.execute_script(
            "document.querySelectorAll('.o_view_controller').forEach("
            "function (el) { el.setAttribute('data-seen', '1'); });")

    def check(self, page):
        """Record the console errors, error dialogs and server log errors of
        `page`, then take its screenshot."""
        self.collect(page)
        for dialog in self._visible(ERROR_DIALOGS):
            # textContent: the details of the error are folded (hidden)
            text = " ".join(dialog.get_attribute("textContent").split())
            self.problems.append("%s: error dialog: %s" % (page, text[:1500]))
        self.screenshot(page)
        # close dialogs (errors, or an action opened in a dialog): they would
        # take the clicks meant for the next page
        self.driver.execute_script(
            "document.querySelectorAll('.o_dialog .modal-header .btn-close')"
            ".forEach(function (b) { b.click(); });")

    def screenshot(self, page):
        self.driver.save_screenshot(os.path.join(self.screenshots, "%s.png" % page))

    # -- navigation

    def log_in(self, url, password):
        self.driver.delete_all_cookies()
        self.driver.get(url + "/web/login")
        # Odoo 18 first offers the users who logged in before on this browser
        # (kept in its local storage); the form shows when there are none
        self.driver.execute_script("window.localStorage.clear();")
        self.driver.get(url + "/web/login")
        field = WebDriverWait(self.driver, PAGE_TIMEOUT, poll_frequency=0.2).until(
            lambda d: next(iter(self._visible("form.oe_login_form input[name=login]")),
                           None),
            "the login form did not show")
        field.clear()
        field.send_keys(self.login)
        self.driver.find_element(
            By.CSS_SELECTOR, "form.oe_login_form input[name=password]"
        ).send_keys(password)
        self.mark("%s-login" % self.login)
        self.driver.find_element(
            By.CSS_SELECTOR, "form.oe_login_form button[type=submit]:not([name])"
        ).click()
        WebDriverWait(self.driver, FIRST_LOAD_TIMEOUT, poll_frequency=0.5).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".o_web_client .o_main_navbar")
            and d.execute_script(RPC_COUNTER),
            "the web client did not load after logging in as %s" % self.login)
        self.wait_idle(FIRST_LOAD_TIMEOUT)

    def user_lang(self):
        return self.driver.execute_script(
            "return odoo.loader.modules.get('@web/core/user').user.lang;")

    def select_menu(self, menu_id):
        """Open a menu as a click on it does (the menu service)."""
        self.driver.execute_script(
            "%s.menu.selectMenu(arguments[0]);" % SERVICES, menu_id)

    def menu_shown(self, xmlid):
        return any(link.is_displayed() for link in self.driver.find_elements(
            By.CSS_SELECTOR, '.o_main_navbar [data-menu-xmlid="%s"]' % xmlid))

    def open_view(self, view_type):
        """Switch the current action to `view_type` the way a user does: the
        view switcher, or a record (or New) for the form view; the action
        service (what those buttons call) when the control panel offers none."""
        if view_type == "form":
            for selector in (".o_data_row .o_data_cell",
                             ".o_kanban_record:not(.o_kanban_ghost)",
                             ".o_list_button_add", ".o-kanban-button-new"):
                targets = self._visible(".o_action_manager %s" % selector)
                if targets:
                    # a script click: a grouped kanban's column may lie over
                    # the card's centre, where a pointer click would land
                    self.driver.execute_script("arguments[0].click();", targets[0])
                    try:
                        self.wait_view("form", timeout=5)
                        return
                    except TimeoutException:
                        continue
        else:
            buttons = self._visible(".o_control_panel .o_switch_view.o_%s" % view_type)
            if buttons:
                # a script click: a notification may lie over the switcher
                self.driver.execute_script("arguments[0].click();", buttons[0])
                return
        self.driver.execute_script(
            "%s.action.switchView(arguments[0]);" % SERVICES, view_type)


def _visit(driver, odoo_server, odoo_db, admin, screenshots_dir, login, lang):
    password = USERS[login]
    menus = user_menus(_rpc_login(odoo_server.url, odoo_db, login, password), admin)
    client = WebClient(driver, odoo_server, screenshots_dir, login)
    client.log_in(odoo_server.url, password)
    prefix = "%s-%s" % (login, lang)
    client.check("%s-home" % prefix)
    # the backend CSS is there (Odoo 18 compiles its SCSS with libsass)
    navbar_color = driver.execute_script(
        "var nav = document.querySelector('.o_main_navbar');"
        "return nav && getComputedStyle(nav).backgroundColor;")
    assert navbar_color not in (None, "", "rgba(0, 0, 0, 0)"), \
        "the web client has no CSS (navbar background %r)" % navbar_color
    js_lang = client.user_lang()
    assert js_lang.replace("-", "_") == lang, \
        "the web client of %s speaks %s, not %s" % (login, js_lang, lang)

    if menus["crm_menu_id"]:
        page = "%s-%s-kanban" % (prefix, CRM_MENU)
        client.mark(page)
        try:
            client.select_menu(menus["crm_menu_id"])
            client.wait_view("kanban")
        except (TimeoutException, WebDriverException) as exc:
            client.problems.append("%s: the CRM pipeline did not render: %s"
                                   % (page, exc.msg))
        client.check(page)

    for menu in menus["pages"]:
        views = menu["views"] or ["action"]
        for index, view_type in enumerate(views):
            page = "%s-%s-%s" % (prefix, menu["xmlid"], view_type)
            client.mark(page)
            problems_before = len(client.problems)
            try:
                if index == 0:
                    client.select_menu(menu["menu_id"])
                else:
                    client.open_view(view_type)
                if view_type == "action":
                    time.sleep(0.5)
                    client.wait_idle()
                else:
                    client.wait_view(view_type)
            except (AssertionError, TimeoutException, WebDriverException) as exc:
                client.problems.append(
                    "%s: %s" % (page, getattr(exc, "msg", None) or exc))
            client.check(page)
            if len(client.problems) > problems_before:
                break  # the other views of a broken action would only time out
    client.collect("after %s" % prefix)
    return client, menus


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("login", sorted(USERS))
def test_every_menu_and_view_renders_without_errors(
        driver, odoo_server, odoo_db, admin_rpc, screenshots_dir, login, lang):
    with user_language(admin_rpc, login, lang):
        client, menus = _visit(driver, odoo_server, odoo_db, admin_rpc,
                               screenshots_dir, login, lang)
    if login != "finance":
        assert menus["pages"], "%s sees no Sales Intelligence menu" % login
    if client.problems:
        pytest.fail("\n".join(client.problems), pytrace=False)


# Fetched by the page itself, with the user's session: what a click on the
# report in the Print menu downloads (report_xlsx's route).
FETCH_XLSX = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin"}).then(async (response) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    done({status: response.status, type: response.headers.get("Content-Type"),
          size: bytes.length, zip: bytes[0] === 0x50 && bytes[1] === 0x4b});
}).catch((error) => done({status: 0, type: String(error), size: 0, zip: false}));
"""


def _xlsx_reports(client):
    """The product's XLSX exports the user of `client` may read the model of,
    with up to 50 of its records."""
    reports = client.env["ir.actions.report"].search_read(
        [("report_type", "=", "xlsx"), ("report_name", "=like", ADDON_PREFIX + "%")],
        ["report_name", "model"])
    found = []
    for report in reports:
        try:
            ids = client.env[report["model"]].search([], limit=50)
        except odoorpc.error.RPCError:
            continue  # a model the user may not read: no export either
        found.append((report["report_name"], ids))
    return found


@pytest.mark.parametrize("login", ["manager1", "rep1"])
def test_every_xlsx_export_downloads(driver, odoo_server, odoo_db, screenshots_dir,
                                     login):
    """Each XLSX export the user may read downloads in the browser as a
    workbook of the records the user sees."""
    rpc = _rpc_login(odoo_server.url, odoo_db, login, USERS[login])
    reports = _xlsx_reports(rpc)
    assert len(reports) >= 5, reports
    client = WebClient(driver, odoo_server, screenshots_dir, login)
    client.log_in(odoo_server.url, USERS[login])
    driver.set_script_timeout(120)
    problems = []
    for report_name, ids in reports:
        url = "/report/xlsx/" + report_name + (
            "/" + ",".join(map(str, ids)) if ids else "")
        result = driver.execute_async_script(FETCH_XLSX, url)
        if not (result["status"] == 200 and result["zip"] and "spreadsheetml"
                in (result["type"] or "")):
            problems.append("%s (%d records): %r" % (report_name, len(ids), result))
    assert not problems, "\n".join(problems)


def test_configuration_menu_only_for_managers(driver, odoo_server, odoo_db,
                                              screenshots_dir):
    shown = {}
    for login in ("rep1", "manager1", "admin"):
        client = WebClient(driver, odoo_server, screenshots_dir, login)
        client.log_in(odoo_server.url, USERS[login])
        menus = _menu_tree(_rpc_login(odoo_server.url, odoo_db, login, USERS[login]))
        client.select_menu(_by_xmlid(menus, CRM_MENU)["id"])
        client.wait_view("kanban")
        shown[login] = {
            ROOT_MENU: client.menu_shown(ROOT_MENU),
            "rpc": _by_xmlid(menus, CONFIG_MENU) is not None,
        }
    assert shown["rep1"] == {ROOT_MENU: True, "rpc": False}, shown
    assert shown["manager1"] == {ROOT_MENU: True, "rpc": True}, shown
    assert shown["admin"] == {ROOT_MENU: True, "rpc": True}, shown


def _quotation_below_floor(client):
    """A quotation of rep1 below the floor price waiting for approval: the
    demo data's, or one made for the test through JSON-RPC."""
    orders = client.env["sale.order"].search(
        [("floor_state", "=", "to_approve"), ("state", "in", ["draft", "sent"]),
         ("user_id.login", "=", "rep1")], limit=1)
    if orders:
        return orders[0]
    products = client.env["product.template"].search_read(
        [("floor_price", ">", 0), ("sale_ok", "=", True)],
        ["product_variant_id", "floor_price"], limit=1)
    if not products:
        pytest.skip("the database has no quotation below the floor price of "
                    "rep1 and no product with a floor price the admin reads")
    rep = client.env["res.users"].search([("login", "=", "rep1")])[0]
    partner = client.env["res.partner"].search(
        [("customer_rank", ">", 0)], limit=1)[0]
    return client.env["sale.order"].create({
        "partner_id": partner, "user_id": rep,
        "order_line": [(0, 0, {
            "product_id": products[0]["product_variant_id"][0],
            "product_uom_qty": 1,
            "price_unit": products[0]["floor_price"] / 2})]})


def test_quotation_below_floor_price(driver, odoo_server, odoo_db, admin_rpc,
                                     screenshots_dir):
    """The quotation shows the below-floor warning to the rep and the manager;
    only the manager gets the approval action, which opens its dialog."""
    order_id = _quotation_below_floor(admin_rpc)
    seen = {}
    for login in ("rep1", "admin"):
        client = WebClient(driver, odoo_server, screenshots_dir, login)
        client.log_in(odoo_server.url, USERS[login])
        page = "%s-quotation-below-floor" % login
        client.mark(page)
        driver.get("%s/odoo/sale.order/%d" % (odoo_server.url, order_id))
        try:
            WebDriverWait(driver, FIRST_LOAD_TIMEOUT, poll_frequency=0.5).until(
                lambda d: d.execute_script(RPC_COUNTER))
            client.wait_view("form", timeout=FIRST_LOAD_TIMEOUT)
        except TimeoutException:
            client.screenshot(page)
            raise
        seen[login] = {
            "alert": bool(client._visible(".o_si_floor_alert")),
            "approve": bool(client._visible(
                ".o_form_statusbar .o_si_floor_approve")),
            "flagged_lines": len(client._visible(
                ".o_field_one2many .o_data_row.text-danger")),
        }
        if login == "admin" and seen[login]["approve"]:
            client._visible(".o_form_statusbar .o_si_floor_approve")[0].click()
            WebDriverWait(driver, PAGE_TIMEOUT, poll_frequency=0.2).until(
                lambda d: client._visible(".modal .o_form_view textarea, "
                                          ".modal .o_form_view .o_field_text"),
                "the approval dialog did not open")
            client.wait_idle()
            seen[login]["dialog"] = True
        client.check(page)
        if client.problems:
            pytest.fail("\n".join(client.problems), pytrace=False)
    assert seen["rep1"]["alert"] and not seen["rep1"]["approve"], seen
    assert seen["admin"]["alert"] and seen["admin"].get("dialog"), seen
    assert seen["rep1"]["flagged_lines"] >= 1, seen


DASHBOARD_GROUP = "sales_intelligence_reports.spreadsheet_dashboard_group_si"
# The dashboard `arguments[0]` once the Dashboards app shows it (its client
# action's state in the component tree): null until its spreadsheet model is
# there, then how many of its cells and charts still load and those in error.
DASHBOARD_CELLS = """
function find(node) {
    const state = node.component && node.component.state;
    if (state && state.activeDashboard !== undefined && "sidebarExpanded" in state) {
        return state;
    }
    for (const child of Object.values(node.children || {})) {
        const found = find(child);
        if (found) { return found; }
    }
}
const state = find(odoo.__WOWL_DEBUG__.root.__owl__);
const dashboard = state && state.activeDashboard;
if (!dashboard || dashboard.id !== arguments[0]) { return null; }
if (!dashboard.model) {
    return document.querySelector(".dashboard-loading-status.error")
        ? {cells: 0, loading: 0, errors: ["the dashboard did not load"]} : null;
}
const getters = dashboard.model.getters;
const sheetId = getters.getActiveSheetId();
const result = {cells: 0, loading: 0, errors: []};
for (const cellId of Object.keys(getters.getCells(sheetId))) {
    const position = getters.getCellPosition(cellId);
    const cell = getters.getEvaluatedCell(position);
    result.cells++;
    if (cell.value === "Loading...") { result.loading++; }
    else if (cell.type === "error") {
        result.errors.push([position.col, position.row, cell.value, cell.message]);
    }
}
// the charts: each loads its data through the analysis' read_group
result.charts = 0;
for (const chartId of getters.getOdooChartIds()) {
    const source = getters.getChartDataSource(chartId);
    result.charts++;
    if (!source.isReady()) { source.load(); result.loading++; }
    else if (!source.isValid()) {
        result.errors.push([chartId, source._loadError && source._loadError.message]);
    }
}
return result;
"""


def _dashboard_cells(driver, dashboard_id):
    """The evaluated dashboard once no cell loads any more, else None."""
    result = driver.execute_script(DASHBOARD_CELLS, dashboard_id)
    if result and (result["errors"] or (result["cells"] and not result["loading"])):
        return result
    return None


@pytest.mark.parametrize("login,expected", [("manager1", 3), ("rep1", 1)])
def test_each_dashboard_renders_without_errors(driver, odoo_server, odoo_db,
                                               screenshots_dir, login, expected):
    """Each Sales Intelligence dashboard the user sees opens in the Dashboards
    app (the client action its menu runs) without a console error or error
    dialog: the manager sees the three, a rep only My Performance."""
    rpc = _rpc_login(odoo_server.url, odoo_db, login, USERS[login])
    group_id = rpc.env.ref(DASHBOARD_GROUP).id
    dashboards = rpc.env["spreadsheet.dashboard"].search_read(
        [("dashboard_group_id", "=", group_id)], ["name"])
    assert len(dashboards) == expected, dashboards
    client = WebClient(driver, odoo_server, screenshots_dir, login)
    client.log_in(odoo_server.url, USERS[login])
    for dashboard in dashboards:
        page = "%s-dashboard-%d" % (login, dashboard["id"])
        client.mark(page)
        driver.execute_script(
            "%s.action.doAction({type: 'ir.actions.client',"
            " tag: 'action_spreadsheet_dashboard',"
            " params: {dashboard_id: arguments[0]}});" % SERVICES, dashboard["id"])
        cells = WebDriverWait(driver, FIRST_LOAD_TIMEOUT, poll_frequency=0.5).until(
            lambda d, i=dashboard["id"]: _dashboard_cells(d, i),
            "%s: its cells did not evaluate" % dashboard["name"])
        client.wait_idle(FIRST_LOAD_TIMEOUT)
        if cells["errors"]:
            client.problems.append("%s: cells in error: %r" % (page, cells["errors"]))
        if cells["charts"] != 2:
            client.problems.append("%s: %d charts, not 2" % (page, cells["charts"]))
        client.check(page)
    assert not client.problems, "\n".join(client.problems)
