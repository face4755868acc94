"""Demo data of the knowledge base (sales_intelligence_kb): prices, floor
prices, competitors and objections of the product lines, curated and mined
product combinations, playbooks, training and case studies of won deals in
English and Chinese, their readers, votes and discussions, and quotations
below the floor price (one waiting for approval, one approved). Runs once
the sales data and the won-deal summaries exist."""
from .base_people import ensure_product_lines

MARKER = "sales_intelligence_kb.demo_knowledge_base"
# After the contracts (30): the won-deal summaries they publish are case
# studies already, the other won deals get theirs here.
SEQUENCE = 40
REQUIRES = ("si.kb.article", "si.bundle", "si.product.line")

# code: (customer size, floor share of the list price, competitors (en, zh),
#        [(objection en, answer en, objection zh, answer zh, competitor)])
LINES = {
    "MFG-SUITE": ("large", 0.8,
                  ("Siemens Opcenter, local MES vendors on price.",
                   "西门子 Opcenter；本地 MES 厂商以低价竞争。"),
                  [("Too expensive compared to local MES vendors",
                    "Show the downtime saved: 15-25% on one line pays the licence "
                    "within a year.",
                    "比本地 MES 厂商贵太多",
                    "展示减少的停机时间：一条产线减少 15-25% 停机，一年内收回许可费用。",
                    "Local MES vendors"),
                   ("Our shop floor workers will not use tablets",
                    "Offer the two-week pilot on one line with our trainer on site.",
                    "车间工人不会使用平板",
                    "提供一条产线两周试点，培训师驻场指导。", "")]),
    "CLOUD-ERP": ("medium", 0.75,
                  ("Kingdee and Yonyou cloud editions.", "金蝶、用友云版本。"),
                  [("Our data is not safe in the cloud",
                    "Hosting in mainland China, ISO 27001 and MLPS level 3 reports "
                    "are available on request.",
                    "数据放在云上不安全",
                    "数据托管在中国大陆，可提供 ISO 27001 和等保三级报告。",
                    "Kingdee"),
                   ("We already have an accounting package",
                    "Migration service moves the opening balances in one weekend.",
                    "我们已经有财务软件了",
                    "数据迁移服务一个周末即可完成期初余额迁移。", "Yonyou")]),
    "RETAIL-EC": ("medium", 0.8,
                  ("Youzan and Weimob for the online shop.", "有赞、微盟（线上商城）。"),
                  [("Youzan is cheaper for the online shop",
                    "One stock and one membership across stores and mini-program: "
                    "no double counting of stock.",
                    "有赞的线上商城更便宜",
                    "门店和小程序共用库存和会员，不会重复计算库存。", "Youzan")]),
    "DATA-BI": ("large", 0.7,
                ("FineBI, Power BI.", "帆软 FineBI、Power BI。"),
                [("Power BI does dashboards too",
                  "We deliver the trusted data warehouse, not only the charts.",
                  "Power BI 也能做报表",
                  "我们交付的是可信的数据仓库，而不仅仅是图表。", "Power BI")]),
    "SMART-HOME": ("individual", 0.85,
                   ("Xiaomi, Huawei smart home.", "小米、华为智能家居。"),
                   [("Xiaomi devices cost less",
                     "Two-year warranty and installation included.",
                     "小米设备更便宜", "含两年质保和上门安装。", "Xiaomi")]),
}
# name en, name zh, line code, [(product index, qty)], price share, problem en, zh
BUNDLES = [
    ("Smart factory starter", "智能工厂入门套餐", "MFG-SUITE", [(0, 1), (1, 8), (2, 10)],
     0.92, "See every machine's state in real time within a month.",
     "一个月内实时掌握每台设备状态。"),
    ("ERP go-live package", "ERP 上线套餐", "CLOUD-ERP", [(0, 40), (1, 1), (2, 1)],
     0.9, "Replace spreadsheets and the old accounting package in 8 weeks.",
     "8 周内替换电子表格和旧财务软件。"),
    ("New store in a box", "新店开业套餐", "RETAIL-EC", [(0, 4), (1, 1), (3, 1)],
     0.9, "Open a store with POS, online shop and payment from day one.",
     "开业第一天即具备收银、线上商城和支付。"),
    ("Safe home kit", "安心家居套装", "SMART-HOME", [(1, 2), (2, 1), (3, 1)],
     0.88, "Watch the home and open the door remotely.", "远程看家、远程开门。"),
]
# kind, category xmlid, best practice, name en, name zh, summary en, summary zh,
# body en, body zh, line codes, tags
ARTICLES = [
    ("playbook", "si_kb_category_playbooks", True,
     "Answering 'your price is too high'", "如何应对“价格太高”",
     "Four steps from price to value; never discount before the value is agreed.",
     "从价格谈到价值的四个步骤；在价值达成共识前绝不打折。",
     "<h3>1. Agree on the problem</h3><p>Ask what the problem costs today.</p>"
     "<h3>2. Quantify the value</h3><p>Use the value proposition of the product "
     "line and a case study of the same industry.</p><h3>3. Trade, do not give"
     "</h3><p>Any discount is traded against volume, term or a reference.</p>"
     "<h3>4. Respect the floor price</h3><p>Below it, ask your manager first.</p>",
     "<h3>1. 确认问题</h3><p>询问这个问题目前让客户付出多少成本。</p>"
     "<h3>2. 量化价值</h3><p>使用产品线的价值主张和同行业的成功案例。</p>"
     "<h3>3. 交换而不是让步</h3><p>任何折扣都要换取数量、合同期或客户推荐。</p>"
     "<h3>4. 守住底价</h3><p>低于底价前，先请示销售经理。</p>",
     [], ["Pricing", "Negotiation"]),
    ("playbook", "si_kb_category_playbooks", True,
     "First visit checklist for B2B accounts", "B2B 客户首次拜访清单",
     "Who to meet, what to bring, what to learn before you leave.",
     "拜访谁、带什么资料、离开前要了解哪些信息。",
     "<ul><li>Meet the user and the budget owner.</li><li>Bring a case study of "
     "their industry.</li><li>Leave with the decision process and a date for the "
     "next step.</li></ul>",
     "<ul><li>同时拜访使用者和预算负责人。</li><li>携带同行业成功案例。</li>"
     "<li>离开前明确决策流程和下一步时间。</li></ul>",
     [], ["Prospecting"]),
    ("training", "si_kb_category_training", False,
     "Smart Manufacturing in 20 minutes", "20 分钟了解智能制造产品线",
     "The MES offer, who buys it and how it is priced.",
     "MES 方案、目标客户和报价方式。",
     "<p>The MES core licence is sold per plant; gateways per machine group; "
     "implementation in days. The yearly maintenance plan renews the contract.</p>",
     "<p>MES 核心许可按工厂销售；网关按设备组配置；实施按人天计费。年度维护计划带来续约。</p>",
     ["MFG-SUITE"], ["Product"]),
    ("training", "si_kb_category_training", False,
     "Cloud ERP pricing and bundles", "云 ERP 报价与组合",
     "Per-user subscription, the implementation package and when to add migration.",
     "按用户订阅、实施套餐以及何时加上数据迁移。",
     "<p>Quote the subscription for all users from day one, the implementation "
     "package and the data migration when the customer leaves another system.</p>",
     "<p>从第一天起按全部用户报订阅费，加上实施套餐；客户从其他系统切换时加上数据迁移。</p>",
     ["CLOUD-ERP"], ["Product", "Pricing"]),
    ("faq", "si_kb_category_products", False,
     "Is the online shop connected to the store stock?", "线上商城和门店库存是否打通？",
     "Yes: one stock, one membership.", "是的：一套库存、一套会员。",
     "<p>Stores, the WeChat mini-program and the online shop share one stock and "
     "one membership programme.</p>",
     "<p>门店、微信小程序和线上商城共用一套库存和会员体系。</p>",
     ["RETAIL-EC"], ["Product"]),
    ("faq", "si_kb_category_products", False,
     "What does the BI subscription include?", "BI 订阅包含哪些内容？",
     "Dashboards, the data connectors and monthly updates.",
     "看板、数据连接器和每月更新。",
     "<p>Each user gets the dashboards and mobile access; the data warehouse setup "
     "is sold once.</p>",
     "<p>每个用户可使用看板和移动端访问；数据仓库搭建一次性收费。</p>",
     ["DATA-BI"], ["Product"]),
    ("playbook", "si_kb_category_playbooks", False,
     "Renewal call three months before expiry", "合同到期前三个月的续约沟通",
     "Prepare the value delivered, then propose the next product line.",
     "先准备已交付的价值，再推荐下一个产品线。",
     "<p>Bring the usage report and the cost saved; propose the renewal with the "
     "next step of the roadmap.</p>",
     "<p>带上使用报告和节省的成本；在续约时提出路线图的下一步。</p>",
     [], ["Renewal"]),
    ("discussion", "si_kb_category_playbooks", False,
     "Selling to hospitals: what worked for you?", "医院客户销售经验交流",
     "Share your experience with tenders and IT departments of hospitals.",
     "分享与医院招标和信息科打交道的经验。",
     "<p>Tenders are long; start with the IT department and the head nurse.</p>",
     "<p>招标周期长；先从信息科和护士长入手。</p>",
     ["DATA-BI", "RETAIL-EC"], ["Healthcare"]),
]
CASE_FACTORS = [
    ("Reference visit to a customer of the same industry; pilot on one line.",
     "参观同行业客户；先在一条产线试点。"),
    ("Clear ROI calculation accepted by the finance director.",
     "财务总监认可的清晰投资回报测算。"),
    ("Fast demo on the customer's own data.", "使用客户自己的数据快速演示。"),
    ("Bundle price with training included won against a cheaper competitor.",
     "含培训的组合价击败了更便宜的竞争对手。"),
]


def generate(env, rng):
    """Add the knowledge base demo data; returns a summary."""
    zh = env(context=dict(env.context, lang="zh_CN"))
    # the knowledge base may be installed after the base data were made
    ensure_product_lines(env)
    lines = _product_lines(env, zh)
    bundles = _bundles(env, zh, lines)
    mined = env["si.bundle"]._mine_bundles(env.company)
    articles = _articles(env, zh, lines)
    cases = _case_studies(env, zh, rng)
    _engagement(env, rng, articles | cases)
    _floor_quotations(env)
    return ("%d product lines, %d curated and %d mined combinations, "
            "%d articles, %d case studies"
            % (len(lines), len(bundles), mined, len(articles), len(cases)))


def _product_lines(env, zh):
    lines = env["si.product.line"].search([("code", "in", list(LINES))])
    for line in lines:
        size, share, (comp_en, comp_zh), objections = LINES[line.code]
        products = line.product_ids.sorted("id")
        list_price = sum(p.lst_price for p in products[:1])
        line.write({
            "customer_size": size,
            "list_price": list_price,
            "floor_price": round(list_price * share, 2),
            "competitors": comp_en,
            "objection_ids": [(0, 0, {"objection": o_en, "answer": a_en,
                                      "competitor": comp})
                              for o_en, a_en, _o, _a, comp in objections],
        })
        zh_line = zh["si.product.line"].browse(line.id)
        zh_line.competitors = comp_zh
        for objection, (_o, _a, o_zh, a_zh, _c) in zip(
                zh_line.objection_ids.sorted("id"), objections):
            objection.write({"objection": o_zh, "answer": a_zh})
        # the lead product of each line has a floor price of its own
        products[:1].product_tmpl_id.floor_price = round(
            products[:1].lst_price * share, 2)
    return lines


def _bundles(env, zh, lines):
    by_code = {line.code: line for line in lines}
    bundles = env["si.bundle"]
    for name, name_zh, code, items, share, problem, problem_zh in BUNDLES:
        line = by_code.get(code)
        if not line:
            continue
        products = line.product_ids.sorted("id")
        total = sum(products[i].lst_price * qty for i, qty in items)
        bundle = env["si.bundle"].create({
            "name": name,
            "kind": "curated",
            "product_line_id": line.id,
            "bundle_price": round(total * share, 2),
            "problem": problem,
            "line_ids": [(0, 0, {"product_id": products[i].id, "quantity": qty,
                                 "sequence": seq})
                         for seq, (i, qty) in enumerate(items)],
        })
        zh["si.bundle"].browse(bundle.id).write(
            {"name": name_zh, "problem": problem_zh})
        bundles |= bundle
    return bundles


def _tags(env, names):
    Tag = env["si.kb.tag"]
    tags = Tag
    for index, name in enumerate(names):
        tag = Tag.search([("name", "=", name)], limit=1) or Tag.create(
            {"name": name, "color": 1 + index % 9})
        tags |= tag
    return tags


def _articles(env, zh, lines):
    by_code = {line.code: line for line in lines}
    manager = env["res.users"].search([("login", "=", "manager1")], limit=1)
    articles = env["si.kb.article"]
    for (kind, category, best, name, name_zh, summary, summary_zh, body, body_zh,
         codes, tags) in ARTICLES:
        product_lines = env["si.product.line"].browse(
            [by_code[c].id for c in codes if c in by_code])
        article = env["si.kb.article"].create({
            "name": name,
            "kind": kind,
            "category_id": env.ref("sales_intelligence_kb.%s" % category).id,
            "is_best_practice": best,
            "summary": summary,
            "body": body,
            "product_line_ids": [(6, 0, product_lines.ids)],
            "industry_ids": [(6, 0, product_lines.mapped("industry_ids").ids)],
            "tag_ids": [(6, 0, _tags(env, tags).ids)],
            "author_id": (manager or env.user).id,
        })
        zh["si.kb.article"].browse(article.id).write(
            {"name": name_zh, "summary": summary_zh, "body": body_zh})
        articles |= article
    articles.action_publish()
    # onboarding: the two best practices are required reading for the B2B teams
    teams = env["crm.team"].search([("sales_mode", "=", "b2b")]) \
        if "sales_mode" in env["crm.team"]._fields else env["crm.team"]
    articles.filtered("is_best_practice").write(
        {"required_team_ids": [(6, 0, teams.ids)]})
    articles[-2:-1].write({"state": "draft"})
    return articles


def _case_studies(env, zh, rng):
    Article = env["si.kb.article"]
    # deals already published from their won-deal summaries are left out
    published = Article.search([("kind", "=", "case_study")]).mapped("lead_id")
    won = env["crm.lead"].search([
        ("id", "not in", published.ids),
        ("probability", "=", 100), ("partner_id", "!=", False),
        ("order_ids.state", "=", "sale")], order="expected_revenue desc",
        limit=6)
    cases = Article
    for index, lead in enumerate(won):
        factors, factors_zh = CASE_FACTORS[index % len(CASE_FACTORS)]
        values = Article._prepare_case_study_values(
            lead, key_factors=factors,
            body="<p>%s</p><p>%s</p>" % (lead.name, factors),
            category_id=env.ref("sales_intelligence_kb.si_kb_category_cases").id,
            summary=factors, is_best_practice=index == 0)
        case = Article._create_case_study(values)
        customer = lead.partner_id.commercial_partner_id.name or lead.name
        zh["si.kb.article"].browse(case.id).write({
            "name": "成功案例：%s" % customer,
            "key_factors": factors_zh,
            "summary": factors_zh,
            "body": "<p>%s</p><p>%s</p>" % (lead.name, factors_zh),
        })
        cases |= case
    return cases


def _engagement(env, rng, articles):
    reps = env["res.users"].search([("login", "=like", "rep%")])
    published = articles.filtered(lambda a: a.state == "published")
    comments = ["Used this in my last negotiation, it worked.",
                "这个方法很有用，客户接受了我们的报价。",
                "Can we add a case from the retail industry?",
                "建议补充一个制造业的案例。"]
    for rep in reps:
        for article in published:
            if rng.random() < 0.5:
                article.with_user(rep)._register_view()
            if rng.random() < 0.25:
                article.with_user(rep).action_toggle_useful()
        for article in published.filtered("is_best_practice"):
            if rep in article._required_readers() and rng.random() < 0.6:
                article.with_user(rep).action_acknowledge()
    for index, article in enumerate(published[:4]):
        author = reps[index % len(reps)] if reps else env.user
        article.with_user(author).message_post(
            body=comments[index % len(comments)], message_type="comment",
            subtype_xmlid="mail.mt_comment")


def _floor_quotations(env):
    """Two quotations of rep1 below the floor price: one to approve, one approved."""
    rep = env["res.users"].search([("login", "=", "rep1")], limit=1)
    manager = env["res.users"].search([("login", "=", "manager1")], limit=1)
    line = env["si.product.line"].search([("code", "=", "MFG-SUITE")], limit=1)
    customer = env["res.partner"].search(
        [("is_company", "=", True), ("customer_rank", ">", 0)], limit=1)
    if not (rep and manager and line and customer):
        return
    product = line.product_ids.sorted("id")[:1]
    for approve in (False, True):
        order = env["sale.order"].with_user(rep).create({
            "partner_id": customer.id,
            "user_id": rep.id,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "product_uom_qty": 1,
                "price_unit": product.lst_price,
                "discount": 25.0 if approve else 30.0,
            })],
        })
        if approve:
            order.with_user(manager)._approve_floor_prices(
                "Strategic first plant of a group with five plants.")
