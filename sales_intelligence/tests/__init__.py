from . import test_menus
from . import test_crm_team
from . import test_followup
from . import test_dormant
from . import test_anomaly
from . import test_lead_quality
from . import test_invoice_leads
from . import test_association_tools
