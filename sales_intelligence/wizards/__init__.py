from . import si_lead_followup_wizard
from . import si_lead_revive_wizard
from . import si_lead_reject_wizard
from . import si_lead_assign_wizard
from . import si_lead_release_wizard
from . import si_won_summary_wizard
from . import si_contract_renew_wizard
from . import si_contract_lost_wizard
