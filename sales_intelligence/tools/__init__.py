from . import normalize
from . import contract_terms
