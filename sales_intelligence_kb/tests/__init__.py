from . import test_product_line
