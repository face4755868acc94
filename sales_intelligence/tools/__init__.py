from . import normalize
from . import association
from . import contract_terms
from . import allocation
from . import daily_quota
from . import batches
from . import matching
