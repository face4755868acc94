from . import test_lead_analysis
from . import test_rep_evaluation
from . import test_rep_evaluation_score
from . import test_grade_review
