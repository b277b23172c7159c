from . import party_member_conversion
