from . import test_product_line
from . import test_floor_price
from . import test_bundle
from . import test_kb_article
from . import test_case_study
