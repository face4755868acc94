from . import si_rep_evaluation_wizard
from . import si_grade_review_wizard
