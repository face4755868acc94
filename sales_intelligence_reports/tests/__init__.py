from . import test_lead_analysis
