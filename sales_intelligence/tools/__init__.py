from . import normalize
from . import allocation
from . import daily_quota
