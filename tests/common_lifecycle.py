"""Fixtures of the members' lifecycle: full members to sponsor and
decide, held members' general meetings of a branch."""
from ..models.party_guard import trusted

from .common import PartyCase


class LifecycleCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(LifecycleCase, cls).setUpClass()
        cls.general = cls.env.ref('party_building.meeting_type_general')
        cls.theme_day = cls.env.ref('party_building.meeting_type_theme_day')
        cls.full_1 = cls.make_member('Full One', cls.branch_a1,
                                     status='full', join_date='2000-01-01',
                                     full_date='2001-01-01')
        cls.full_2 = cls.make_member('Full Two', cls.branch_a1,
                                     status='full', join_date='2000-01-01',
                                     full_date='2001-01-01')
        cls.full_3 = cls.make_member('Full Three', cls.group_a1,
                                     status='full', join_date='2000-01-01',
                                     full_date='2001-01-01')

    @classmethod
    def held_meeting(cls, day, org=None, meeting_type=None, held=True):
        """A meeting on `day` (local date, Asia/Shanghai), marked held
        without the quorum check (the fixture, not the thing tested)."""
        meeting = cls.env['party.meeting'].create({
            'name': 'Meeting %s' % day,
            'type_id': (meeting_type or cls.general).id,
            'organization_id': (org or cls.branch_a1).id,
            'start': '%s 02:00:00' % day, 'tz': 'Asia/Shanghai'})
        if held:
            trusted(meeting).write({'state': 'held'})
        return meeting
