"""Fixtures of the refined management and service tests (issue 15)."""
from .common import PartyCase


class ServiceCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(ServiceCase, cls).setUpClass()
        ref = cls.env.ref
        cls.lecture = ref('party_building.meeting_type_lecture')
        cls.life = ref('party_building.meeting_type_life')
        cls.model_post = ref('party_building.post_kind_model')
        cls.area_kind = ref('party_building.post_kind_area')
        cls.secretary_role = ref('party_building.position_role_secretary')
        cls.member_role = ref('party_building.position_role_member')
        cls.company.write({'party_study_hours_member': 32.0,
                           'party_study_hours_leader': 56.0,
                           'party_satisfaction_min_rate': 60.0,
                           'party_flag_satisfaction': True})

    def session(self, user=None, org=None, members=None, hours=4.0,
                date='2025-03-10', **vals):
        Session = self.env['party.study.session']
        if user:
            Session = Session.sudo(user)
        members = members if members is not None else self.member_a1
        return Session.create(dict(
            name='Studying the Party Constitution', kind='lecture',
            organization_id=(org or self.branch_a1).id, date=date,
            hours=hours, line_ids=[(0, 0, {'member_id': m.id, 'hours': hours})
                                   for m in members], **vals))

    def study(self, member, hours, date='2025-03-10', user=None, **vals):
        Record = self.env['party.study.record']
        if user:
            Record = Record.sudo(user)
        return Record.create(dict(member_id=member.id, name='Online course',
                                  kind='online', date=date, hours=hours,
                                  **vals))

    def service(self, member, hours, date='2025-05-04', user=None, **vals):
        Record = self.env['party.service.record']
        if user:
            Record = Record.sudo(user)
        return Record.create(dict(member_id=member.id, name='Helping elders',
                                  date=date, hours=hours, **vals))

    def held_meeting(self, meeting_type, start, end, org, present):
        meeting = self.env['party.meeting'].create({
            'name': 'Meeting', 'type_id': meeting_type.id,
            'organization_id': org.id, 'start': start, 'end': end,
            'tz': 'Asia/Shanghai'})
        meeting.set_attendance(present.ids)
        meeting.action_held()
        return meeting

    def leader(self, org, member, start='2024-01-01'):
        term = self.env['party.term'].create({
            'organization_id': org.id, 'start_date': start, 'years': 3})
        term.action_start()
        term.write({'position_ids': [(0, 0, {
            'role_id': self.secretary_role.id, 'member_id': member.id})]})
        return term

    def totals(self, member, year=2025):
        return self.env['party.service.totals']._member_totals(
            member.ids, '%d-01-01' % year, '%d-12-31' % year)[member.id]
