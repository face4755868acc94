from . import test_lead_analysis
from . import test_conversion_analysis
from . import test_plan_completion_analysis
from . import test_pool_analysis
from . import test_renewal_analysis
from . import test_demand_analysis
