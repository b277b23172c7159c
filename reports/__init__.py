from . import party_member_ledger
