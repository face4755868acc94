from . import normalize
from . import association
