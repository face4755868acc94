from . import ir_rule
