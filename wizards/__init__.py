from . import party_member_conversion
from . import party_appraisal_batch
