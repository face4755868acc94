from . import si_lead_followup_wizard
from . import si_lead_revive_wizard
from . import si_lead_reject_wizard
from . import si_target_decompose_wizard
from . import si_target_rep_wizard
