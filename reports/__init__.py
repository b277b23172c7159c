from . import party_member_ledger
from . import party_assessment_scorecard
from . import party_assessment_campaign_summary
from . import ir_actions_report
from . import party_records
