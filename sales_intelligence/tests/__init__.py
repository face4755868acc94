from . import test_menus
from . import test_crm_team
