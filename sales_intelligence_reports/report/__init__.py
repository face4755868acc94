from . import si_lead_analysis
from . import si_analysis_xlsx
from . import si_analysis_xlsx_reports
