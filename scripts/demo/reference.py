"""Reference data of the demo: industries, places, names, teams, users and
product lines, as plain constants (no ORM)."""

HISTORY_DAYS = 548  # 18 months of leads
N_COMPANIES = 300
N_INDIVIDUALS = 100
N_LEADS = 1500
N_EXTRA_ORDERS = 220  # repeat business without an opportunity
N_INVOICES = 100
N_CONTRACTS = 80


# (name, names of Odoo's standard industries reused instead of a duplicate)
INDUSTRIES = [
    ("Manufacturing", ["Manufacturing"]),
    ("Retail", ["Wholesale/Retail"]),
    ("IT Services", ["IT/Communication"]),
    ("Healthcare", ["Health/Social"]),
    ("Education", ["Education"]),
    ("Logistics", ["Transportation"]),
    ("Finance", ["Finance/Insurance"]),
    ("Construction", ["Construction"]),
    ("Energy", ["Energy supply"]),
    ("Food & Beverage", ["Food"]),
    ("Real Estate", ["Real Estate"]),
    ("Agriculture", ["Agriculture"]),
]
INDUSTRY_WORDS = {
    "Manufacturing": ["Precision Machinery", "Auto Parts", "Electronics", "Mould"],
    "Retail": ["Retail Chain", "Trading", "Department Store", "Supermarket"],
    "IT Services": ["Software", "Information Technology", "Cloud Services"],
    "Healthcare": ["Medical Devices", "Pharmaceutical", "Health Management"],
    "Education": ["Education Technology", "Training", "Vocational Education"],
    "Logistics": ["Logistics", "Supply Chain", "Freight", "Express"],
    "Finance": ["Financial Leasing", "Insurance Brokerage", "Investment"],
    "Construction": ["Construction Engineering", "Building Materials"],
    "Energy": ["New Energy", "Solar Technology", "Power Equipment"],
    "Food & Beverage": ["Food", "Beverage", "Catering Management"],
    "Real Estate": ["Property Development", "Property Management"],
    "Agriculture": ["Agricultural Technology", "Seed Industry", "Fresh Produce"],
}
SOURCES = ["Web form", "App/H5", "PC", "Referral", "Import", "Invoice"]
SOURCE_WEIGHTS = {
    "b2b": [25, 5, 15, 20, 15, 10],
    "b2c": [25, 40, 20, 10, 5, 0],
}
LOST_REASONS = [
    "Too expensive",
    "Chose a competitor",
    "No budget",
    "No response",
    "Project postponed",
    "No purchase intent",
]
# (city, phone area code, team region, USCC region code)
CN_CITIES = [
    ("Shanghai", "21", "east", "310115"),
    ("Beijing", "10", "east", "110105"),
    ("Hangzhou", "571", "east", "330106"),
    ("Suzhou", "512", "east", "320505"),
    ("Nanjing", "25", "east", "320102"),
    ("Ningbo", "574", "east", "330203"),
    ("Qingdao", "532", "east", "370202"),
    ("Tianjin", "22", "east", "120101"),
    ("Shenzhen", "755", "south", "440300"),
    ("Guangzhou", "20", "south", "440106"),
    ("Dongguan", "769", "south", "441900"),
    ("Xiamen", "592", "south", "350203"),
    ("Chengdu", "28", "south", "510107"),
    ("Chongqing", "23", "south", "500103"),
    ("Wuhan", "27", "south", "420106"),
    ("Changsha", "731", "south", "430102"),
]
# (country code, cities, phone prefix, legal suffix, VAT prefix, VAT digits)
FOREIGN = [
    ("US", ["San Francisco", "Chicago", "Seattle"], "+1", "Inc.", "", 0),
    ("DE", ["Hamburg", "Munich", "Stuttgart"], "+49", "GmbH", "DE", 9),
    ("SG", ["Singapore"], "+65", "Pte. Ltd.", "", 0),
    ("JP", ["Osaka", "Tokyo"], "+81", "K.K.", "", 0),
    ("GB", ["London", "Manchester"], "+44", "Ltd.", "GB", 9),
    ("FR", ["Lyon", "Paris"], "+33", "SAS", "FR", 11),
    ("AU", ["Sydney", "Melbourne"], "+61", "Pty Ltd", "", 0),
]
FOREIGN_BRANDS = ["Northwind", "Bluepeak", "Silverline", "Greenfield", "Brightway",
                  "Oakridge", "Redstone", "Clearwater", "Summit", "Ironbridge"]
SYLLABLES = ["Hua", "Xin", "Tian", "Long", "Kai", "Rui", "Sheng", "Feng", "Yuan",
             "Heng", "Jia", "Mei", "Bo", "Chuang", "Da", "Zhong", "Jin", "Hong",
             "Tai", "An", "Cheng", "Ming", "Guang", "Yi"]
CN_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
               "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo",
               "Gao"]
CN_GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yang", "Jun", "Hui", "Ying", "Tao",
            "Ming", "Xiaoling", "Jianguo", "Haoran", "Yuxuan", "Zihan", "Yichen",
            "Xinyi", "Shuang", "Peng", "Qiang", "Lina", "Chao", "Dan"]
EN_FIRST = ["Emma", "Oliver", "Sophia", "Liam", "Mia", "Noah", "Anna", "Lucas",
            "Grace", "Thomas", "Julia", "Daniel", "Laura", "Max", "Chloe", "Ben"]
EN_LAST = ["Smith", "Miller", "Schmidt", "Tanaka", "Brown", "Martin", "Walker",
           "Fischer", "Taylor", "Dubois", "Clarke", "Wilson"]
FUNCTIONS = ["General Manager", "Purchasing Manager", "IT Director", "CTO",
             "Operations Director", "Finance Manager", "Plant Manager",
             "Procurement Specialist"]
# Second syllables of Chinese given names: with CN_GIVEN they make enough
# distinct names for every contact (partner names are unique in the demo).
CN_GIVEN_2 = ["hua", "ming", "jie", "lin", "yu", "xin", "ping", "bo", "qi", "hao",
              "wen", "yan", "kai", "rong", "feng", "zhi"]
MAIL_DOMAINS_B2C = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com"]

# login, name, language, team key. Most users work in English (Odoo's own
# tests expect en_US users); a few Chinese users read the product in Chinese.
REPS = [
    ("rep1", "Wang Lei", "en_US", "east"),
    ("rep2", "Emily Chen", "en_US", "east"),
    ("rep3", "Zhang Wei", "zh_CN", "east"),
    ("rep4", "Li Na", "en_US", "east"),
    ("rep5", "David Liu", "en_US", "south"),
    ("rep6", "Zhao Min", "zh_CN", "south"),
    ("rep7", "Sophie Martin", "en_US", "south"),
    ("rep8", "Chen Jing", "en_US", "south"),
    ("rep9", "Huang Tao", "zh_CN", "online"),
    ("rep10", "Michael Brown", "en_US", "online"),
    ("rep11", "Liu Yang", "zh_CN", "online"),
    ("rep12", "Xu Fang", "en_US", "online"),
]
MANAGERS = [("manager1", "Sun Jianguo", "zh_CN"), ("manager2", "Karen Wu", "en_US")]
FINANCE = ("finance", "Zhou Hui", "zh_CN")
# login: (groups, password)
USER_GROUPS = {
    "rep": (["sales_team.group_sale_salesman"], "rep"),
    "manager": (["sales_team.group_sale_manager"], "manager"),
    "finance": (["base.group_user", "account.group_account_invoice"], "finance"),
}
# key, name, sales mode, leader login
TEAMS = [
    ("east", "Enterprise East", "b2b", "manager1"),
    ("south", "Enterprise South", "b2b", "manager2"),
    ("online", "Online Direct", "b2c", "manager1"),
]

# code (distinctive: tests create their own short codes), name, mode, industries,
# value proposition, products:
# (name, type, list price, recurring rule or None, typical quantity)
PRODUCT_LINES = [
    ("MFG-SUITE", "Smart Manufacturing", "b2b",
     ["Manufacturing", "Energy", "Food & Beverage", "Construction"],
     "Real-time visibility of every production line: 15-25% less downtime, "
     "traceability from raw material to shipment, paperless shop floor.",
     [("MES Core License", "service", 25000, None, 1),
      ("IoT Edge Gateway", "consu", 690, None, 8),
      ("MES Implementation (per day)", "service", 600, None, 20),
      ("MES Maintenance Plan (yearly)", "service", 4800, "yearly", 1)]),
    ("CLOUD-ERP", "Cloud ERP", "b2b",
     ["Manufacturing", "Retail", "Logistics", "Construction", "Real Estate",
      "Agriculture"],
     "One system for sales, purchasing, inventory and accounting, live in 8 "
     "weeks, no servers to run, Golden Tax and fapiao ready.",
     [("Cloud ERP Subscription (per user/month)", "service", 35, "monthly", 40),
      ("ERP Implementation Package", "service", 15000, None, 1),
      ("Data Migration Service", "service", 3500, None, 1),
      ("ERP User Training (per day)", "service", 450, None, 4)]),
    ("RETAIL-EC", "Retail & E-commerce", "b2b",
     ["Retail", "Food & Beverage", "Healthcare", "Education"],
     "Stores, WeChat mini-program and online shop on one stock and one "
     "membership: more repeat customers and fewer stock-outs.",
     [("Smart POS Terminal", "consu", 380, None, 12),
      ("Online Store Subscription (yearly)", "service", 1500, "yearly", 1),
      ("WeChat Mini-Program Development", "service", 6000, None, 1),
      ("Payment Integration Service", "service", 1200, None, 1)]),
    ("DATA-BI", "Data & Analytics", "b2b",
     ["Finance", "IT Services", "Healthcare", "Logistics", "Energy", "Education"],
     "Management dashboards on trusted data within a month: decisions on "
     "facts, reporting time cut from days to minutes.",
     [("BI Dashboard Subscription (per user/month)", "service", 25, "monthly", 25),
      ("Data Warehouse Setup", "service", 18000, None, 1),
      ("Analytics Consulting (per day)", "service", 800, None, 6)]),
    ("SMART-HOME", "Smart Home Devices", "b2c", [],
     "Safe, connected home in one afternoon: devices that work together "
     "out of the box, with cloud storage and a two-year warranty.",
     [("Smart Speaker Mini", "consu", 49, None, 1),
      ("Home Security Camera", "consu", 79, None, 2),
      ("Smart Door Lock", "consu", 199, None, 1),
      ("Cloud Video Storage Plan (yearly)", "service", 29, "yearly", 1),
      ("Extended Warranty (2 years)", "service", 25, None, 1)]),
]
NOTES_EN = [
    "Call with {contact}: budget confirmed for this year, wants a demo next week.",
    "Visited {company} in {city}; met {contact} and the IT team, reviewed needs.",
    "Sent the proposal and price list to {contact}.",
    "{contact} asked for a reference customer in the same industry.",
    "Follow-up call: decision expected after the board meeting.",
    "Demo done; questions about integration with their existing system.",
    "Negotiated payment terms; {contact} asks for a 5% discount.",
    "No answer on the phone, left a message and sent an e-mail.",
]
NOTES_ZH = [
    "电话沟通：{contact}确认了今年的预算，希望下周安排演示。",
    "拜访{company}（{city}），与{contact}和IT团队交流了需求。",
    "已将方案和报价发给{contact}。",
    "客户希望提供同行业的成功案例。",
    "跟进电话：客户将在董事会后做决定。",
    "演示完成，客户关心与现有系统的集成。",
]
ACTIVITY_SUMMARIES = ["Follow-up call", "Send proposal", "Product demo",
                      "Confirm budget", "Visit customer", "Prepare quotation"]
# Relative weight of each month (1..12) for orders: Chinese New Year dip,
# 618 and Double 11 peaks, year-end projects.
SEASONALITY = [0.9, 0.6, 1.0, 1.0, 1.0, 1.2, 0.9, 0.9, 1.0, 0.9, 1.4, 1.3]
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
