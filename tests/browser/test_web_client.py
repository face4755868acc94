"""The Odoo web client in a real browser (Debian chromium driven by Selenium):
each user logs in through the /web/login form, opens the CRM pipeline, then
every Sales Intelligence menu visible to them and every view type of its
action. A page fails on a browser console error, an Odoo error dialog, an
ERROR line in the server log, or a view that does not render.

The menus are not hard-coded: they are read as that user over JSON-RPC from
the server the browser talks to (ir.ui.menu load_menus, then /web/action/load
for each action), so new menus are covered as soon as they exist.
A screenshot of each page goes to $SCREENSHOTS (default build/screenshots) as
<user>-<menu xmlid>-<view type>.png.
"""
import os
import re
import shutil
import tempfile
import time
from urllib.parse import urlparse

import odoorpc
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
]
USERS = {"admin": "admin", "rep1": "rep"}
ROOT_MENU = "sales_intelligence.sales_intelligence_menu_root"
CONFIG_MENU = "sales_intelligence.sales_intelligence_menu_config"
CRM_MENU = "crm.crm_menu_root"
# The first web client load after a database (re)build compiles the backend
# assets with lessc: about a minute on this kind of machine.
FIRST_LOAD_TIMEOUT = 240
PAGE_TIMEOUT = 30
# Selectors of what each view type renders; multi-record views without
# records show Odoo's "no content" helper instead.
VIEW_SELECTORS = {
    "kanban": ".o_kanban_view",
    "list": ".o_list_view",
    "form": ".o_form_view",
    "pivot": ".o_pivot",
    "graph": ".o_graph",
    "calendar": ".o_calendar_view",
    "gantt": ".o_gantt_view",
    "activity": ".o_activity_view",
}
NO_CONTENT = ".oe_view_nocontent"
ERROR_DIALOGS = ".o_dialog_error, .o_dialog_warning, .modal .o_error_detail"
# Console noise that says nothing about the product's views:
# - chromium asks for /favicon.ico on its own; Odoo 11 serves the icon at
#   another URL and answers 404 for this one.
CONSOLE_NOISE = [re.compile(r"/favicon\.ico .*404")]
SERVER_ERRORS = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


# --- menus and actions, read as the user from the served database -----------

def _rpc_login(odoo_url, db, login, password):
    url = urlparse(odoo_url)
    client = odoorpc.ODOO(url.hostname, protocol="jsonrpc", port=url.port,
                          timeout=120)
    client.login(db, login, password)
    return client


def _find(node, xmlid):
    if node.get("xmlid") == xmlid:
        return node
    for child in node.get("children", []):
        found = _find(child, xmlid)
        if found:
            return found
    return None


def _action_pages(client, menu, path):
    """What to visit for one menu: its action and, for a window action, its
    view types in the action's order (the web client's names: tree is list)."""
    model, action_id = menu["action"].split(",")
    page = {"xmlid": menu["xmlid"], "menu_id": menu["id"], "path": path,
            "action_model": model, "action_id": int(action_id), "views": []}
    if model == "ir.actions.act_window":
        action = client.json("/web/action/load",
                             {"action_id": int(action_id)})["result"]
        page["views"] = [
            "list" if vtype == "tree" else vtype for _vid, vtype in action["views"]]
    return page


def user_menus(client):
    """Every descendant of the product's root menu that has an action, in
    menu order, as the user sees it (Odoo's group and access filters)."""
    tree = client.env["ir.ui.menu"].load_menus(False)
    root = _find(tree, ROOT_MENU)
    if root is None:
        return None
    crm = _find(tree, CRM_MENU)
    found = []

    def walk(node, path):
        for child in node.get("children", []):
            child_path = path + [child["xmlid"]]
            if child.get("action"):
                found.append(_action_pages(client, child, child_path))
            walk(child, child_path)

    walk(root, [ROOT_MENU])
    return {"crm_menu_id": crm["id"], "pages": found}


# --- the browser --------------------------------------------------------------

@pytest.fixture(scope="module")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="si-chromium-")
    options.add_argument("--user-data-dir=%s" % profile)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_window_size(1400, 900)
    browser.set_page_load_timeout(FIRST_LOAD_TIMEOUT)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


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
        """No RPC pending (Odoo's Loading widget sets body.oe_wait while
        there are) and the UI is not blocked."""
        return (self.driver.execute_script(
            "return document.readyState === 'complete' && !!window.odoo"
            " && !!document.querySelector('.o_web_client')"
            " && !document.body.classList.contains('oe_wait')"
            " && !document.querySelector('.blockUI');"))

    def wait_idle(self, timeout=PAGE_TIMEOUT):
        """Wait until the web client is idle twice in a row (an action loads
        its views, then its records, with a short gap in between)."""
        deadline = time.time() + timeout
        quiet = 0
        while quiet < 2:
            if time.time() > deadline:
                raise TimeoutException("the web client stayed busy %d s" % timeout)
            quiet = quiet + 1 if self._idle() else 0
            time.sleep(0.2)

    def _visible(self, selector):
        return [el for el in self.driver.find_elements(By.CSS_SELECTOR, selector)
                if el.is_displayed()]

    def wait_view(self, view_type, timeout=PAGE_TIMEOUT):
        """Wait until the current action shows a new view of `view_type` (or
        the "no content" helper of a multi-record view: one that mark() did not
        see yet) and its RPCs are done."""
        selector = VIEW_SELECTORS.get(view_type, ".o_%s_view" % view_type)
        if view_type != "form":
            selector += ", " + NO_CONTENT
        fresh = ", ".join(".o_view_manager_content %s:not([data-seen])" % part
                          for part in selector.split(", "))
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
            "document.querySelectorAll(arguments[0]).forEach("
            "function (el) { el.setAttribute('data-seen', '1'); });",
            ", ".join(list(VIEW_SELECTORS.values()) + [NO_CONTENT]))

    def check(self, page):
        """Record the console errors, error dialogs and server log errors of
        `page`, then take its screenshot."""
        self.collect(page)
        dialogs = self._visible(ERROR_DIALOGS)
        for dialog in dialogs:
            # textContent: the details of the error are folded (hidden)
            text = " ".join(dialog.get_attribute("textContent").split())
            self.problems.append("%s: error dialog: %s" % (page, text[:1500]))
        self.screenshot(page)
        # close dialogs (errors, or an action opened in a dialog): their
        # backdrop would take the clicks meant for the next page
        self.driver.execute_script("jQuery('.modal').modal('hide');")

    def screenshot(self, page):
        self.driver.save_screenshot(os.path.join(self.screenshots, "%s.png" % page))

    # -- navigation

    def log_in(self, url, password):
        self.driver.delete_all_cookies()
        self.driver.get(url + "/web/login")
        self.driver.find_element(By.NAME, "login").send_keys(self.login)
        self.driver.find_element(By.NAME, "password").send_keys(password)
        self.mark("%s-home" % self.login)
        self.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(self.driver, FIRST_LOAD_TIMEOUT, poll_frequency=0.5).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".o_web_client .o_main_navbar,"
                                      " .o_web_client #oe_main_menu_navbar"),
            "the web client did not load after logging in as %s" % self.login)
        self.wait_idle(FIRST_LOAD_TIMEOUT)

    def menu_link(self, xmlid):
        """The rendered menu entry (a link, or a section title): the displayed
        one if any."""
        links = self.driver.find_elements(
            By.CSS_SELECTOR, '[data-menu-xmlid="%s"]' % xmlid)
        shown = [link for link in links if link.is_displayed()]
        return (shown or links or [None])[0]

    def menu_shown(self, xmlid):
        link = self.menu_link(xmlid)
        return link is not None and link.is_displayed()

    def open_app(self, xmlid, menu_id):
        link = self.menu_link(xmlid)
        if link is not None and link.is_displayed():
            link.click()
        else:  # the app sits in the navbar's "More" dropdown
            self.driver.execute_script(
                "window.location.hash = arguments[0];", "menu_id=%d" % menu_id)

    def open_menu(self, path):
        """Click a menu of the left bar, unfolding its parent menus first."""
        # path[0] is the product's root (a section title of the CRM app)
        for parent in path[1:-1]:
            child = path[path.index(parent) + 1]
            if self.menu_shown(parent) and not self.menu_shown(child):
                self.menu_link(parent).click()
        if not self.menu_shown(path[-1]):
            raise AssertionError("menu %s is not shown in the left bar" % path[-1])
        self.menu_link(path[-1]).click()

    def open_view(self, page, view_type):
        """Switch the current action to `view_type` the way a user does:
        the view switcher, or a record (or Create) for the form view. The URL
        is the fallback when the control panel offers no way."""
        if view_type == "form":
            for selector in (".o_data_row", ".o_kanban_record:not(.o_kanban_ghost)",
                             ".o_list_button_add", ".o-kanban-button-new",
                             ".o_form_button_create"):
                targets = self._visible(".o_view_manager_content %s, "
                                        ".o_control_panel %s" % (selector, selector))
                if targets:
                    targets[0].click()
                    try:
                        self.wait_view("form", timeout=5)
                        return
                    except TimeoutException:
                        continue
        else:
            buttons = self._visible('.o_cp_switch_buttons button[data-view-type="%s"]'
                                    % view_type)
            if buttons:
                buttons[0].click()
                return
        self.driver.execute_script(
            "window.location.hash = arguments[0];",
            "menu_id=%d&action=%d&view_type=%s"
            % (page["menu_id"], page["action_id"], view_type))


def _visit(driver, odoo_server, odoo_db, screenshots_dir, login):
    password = USERS[login]
    menus = user_menus(_rpc_login(odoo_server.url, odoo_db, login, password))
    assert menus, "%s does not see the Sales Intelligence menu" % login
    client = WebClient(driver, odoo_server, screenshots_dir, login)
    client.log_in(odoo_server.url, password)
    client.check("%s-home" % login)
    # The backend CSS is there (Odoo 11 compiles its LESS with lessc)
    navbar_color = driver.execute_script(
        "var nav = document.querySelector('#oe_main_menu_navbar, .o_main_navbar');"
        "return nav && getComputedStyle(nav).backgroundColor;")
    assert navbar_color not in (None, "", "rgba(0, 0, 0, 0)"), \
        "the web client has no CSS (navbar background %r)" % navbar_color

    page = "%s-%s-kanban" % (login, CRM_MENU)
    client.mark(page)
    try:
        client.open_app(CRM_MENU, menus["crm_menu_id"])
        client.wait_view("kanban")
    except (TimeoutException, WebDriverException) as exc:
        client.problems.append("%s: the CRM pipeline did not render: %s"
                               % (page, exc.msg))
    client.check(page)

    for menu in menus["pages"]:
        views = menu["views"] or ["action"]
        for index, view_type in enumerate(views):
            page = "%s-%s-%s" % (login, menu["xmlid"], view_type)
            client.mark(page)
            problems_before = len(client.problems)
            try:
                if index == 0:
                    client.open_menu(menu["path"])
                else:
                    client.open_view(menu, view_type)
                if view_type == "action":
                    client.wait_idle()
                else:
                    client.wait_view(view_type)
            except (AssertionError, TimeoutException, WebDriverException) as exc:
                client.problems.append(
                    "%s: %s" % (page, getattr(exc, "msg", None) or exc))
            client.check(page)
            if len(client.problems) > problems_before:
                break  # the other views of a broken action would only time out
    client.collect("after %s" % page)
    return client


@pytest.mark.parametrize("login", sorted(USERS))
def test_every_menu_and_view_renders_without_errors(
        driver, odoo_server, odoo_db, screenshots_dir, login):
    client = _visit(driver, odoo_server, odoo_db, screenshots_dir, login)
    if client.problems:
        pytest.fail("\n".join(client.problems), pytrace=False)


def test_configuration_menu_only_for_managers(driver, odoo_server, odoo_db,
                                              screenshots_dir):
    shown = {}
    for login in ("rep1", "admin"):
        client = WebClient(driver, odoo_server, screenshots_dir, login)
        client.log_in(odoo_server.url, USERS[login])
        tree = _rpc_login(odoo_server.url, odoo_db, login, USERS[login]).env[
            "ir.ui.menu"].load_menus(False)
        client.open_app(CRM_MENU, _find(tree, CRM_MENU)["id"])
        client.wait_view("kanban")
        shown[login] = {xmlid: client.menu_shown(xmlid)
                        for xmlid in (ROOT_MENU, CONFIG_MENU)}
        shown[login]["rpc"] = _find(tree, CONFIG_MENU) is not None
    assert shown["rep1"] == {ROOT_MENU: True, CONFIG_MENU: False, "rpc": False}, shown
    assert shown["admin"] == {ROOT_MENU: True, CONFIG_MENU: True, "rpc": True}, shown


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
    assert products, "no product with a floor price in the database"
    rep = client.env["res.users"].search([("login", "=", "rep1")])[0]
    partner = client.env["res.partner"].search([("customer", "=", True)], limit=1)[0]
    return client.env["sale.order"].create({
        "partner_id": partner, "user_id": rep,
        "order_line": [(0, 0, {
            "product_id": products[0]["product_variant_id"][0],
            "product_uom_qty": 1,
            "price_unit": products[0]["floor_price"] / 2})]})


def test_quotation_below_floor_price(driver, odoo_server, odoo_db, screenshots_dir):
    """The quotation shows the below-floor warning to the rep and the manager;
    only the manager gets the approval action, which opens its dialog."""
    admin = _rpc_login(odoo_server.url, odoo_db, "admin", USERS["admin"])
    order_id = _quotation_below_floor(admin)
    seen = {}
    for login in ("rep1", "admin"):
        client = WebClient(driver, odoo_server, screenshots_dir, login)
        client.log_in(odoo_server.url, USERS[login])
        page = "%s-quotation-below-floor" % login
        client.mark(page)
        # a full page load: changing the fragment only may not reload the form
        driver.get("%s/web#id=%d&model=sale.order&view_type=form"
                   % (odoo_server.url, order_id))
        driver.refresh()
        try:
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
