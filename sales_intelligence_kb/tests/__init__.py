from . import test_product_line
from . import test_floor_price
