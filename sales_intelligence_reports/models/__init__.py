from . import ir_rule
from . import digest_digest
