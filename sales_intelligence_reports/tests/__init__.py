from . import test_lead_analysis
from . import test_digest
from . import test_xlsx
from . import test_xlsx_http
from . import test_xlsx_sheet
from . import test_rep_evaluation
from . import test_rep_evaluation_score
from . import test_grade_review
