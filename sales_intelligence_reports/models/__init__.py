from . import ir_rule
from . import si_report_ratio_mixin
