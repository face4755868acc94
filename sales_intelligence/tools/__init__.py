from . import normalize
from . import association
from . import contract_terms
