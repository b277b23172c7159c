from . import party_organization
from . import party_member
from . import hr_employee
from . import res_users
