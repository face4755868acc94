from . import test_lead_analysis
from . import test_plan_completion_analysis
