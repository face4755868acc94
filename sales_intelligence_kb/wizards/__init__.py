from . import si_floor_approval_wizard
from . import si_sale_suggestion_wizard
from . import si_sale_suggestion_wizard_line
