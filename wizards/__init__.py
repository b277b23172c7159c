from . import party_member_conversion
from . import party_config_settings
from . import party_user_role
from . import party_user_create
from . import party_appraisal_batch
from . import party_assessment_reason
from . import party_rule_adopt
from . import party_task_settings
