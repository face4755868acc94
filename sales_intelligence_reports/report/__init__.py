from . import si_lead_analysis
