from . import si_lead_analysis
from . import si_analysis_xlsx
from . import si_analysis_xlsx_reports
from . import si_plan_completion_analysis
from . import si_pool_analysis
from . import si_renewal_analysis
from . import si_demand_analysis
