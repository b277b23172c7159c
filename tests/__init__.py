from . import test_organization
from . import test_member
from . import test_security
from . import test_performance
from . import test_browser
from . import test_i18n
from . import test_setup
from . import test_review
