from . import si_product_line
