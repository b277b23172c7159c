"""What the service screens rely on (issue 15), over the ORM as the lower
roles: the refusal of a second holder names the holder whose time must
end, in the user's date format; a service or study record shows the
member's organization before it is saved (the server still sets it); the
organizations' figures show a satisfaction rate only once the year's
evaluation is closed."""
from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common_service import ServiceCase


class TestServiceScreens(ServiceCase):

    def test_second_holder_refusal_names_who_must_leave(self):
        Post = self.env['party.post'].sudo(self.secretary)
        # whichever order the lines come in, the earlier holder is named
        for holders in [(self.member_a1, self.member_g1),
                        (self.member_g1, self.member_a1)]:
            dates = {self.member_a1: '2025-01-01', self.member_g1:
                     '2025-07-01'}
            with self.assertRefused(
                    ValidationError,
                    'Member A1 holds it from 01/01/2025 with no end date, '
                    'which overlaps Member G1. Give Member A1'):
                Post.create({
                    'name': 'Service window', 'kind_id': self.model_post.id,
                    'organization_id': self.branch_a1.id,
                    'holder_ids': [(0, 0, {'member_id': m.id,
                                           'date_from': dates[m]})
                                   for m in holders]})
        self.assertFalse(self.env['party.post'].search(
            [('name', '=', 'Service window')]))
        # a holder with an end still overlapping: its dates are given
        with self.assertRefused(ValidationError,
                                'from 01/01/2025 to 12/31/2025'):
            Post.create({
                'name': 'Service window', 'kind_id': self.model_post.id,
                'organization_id': self.branch_a1.id,
                'holder_ids': [
                    (0, 0, {'member_id': self.member_a1.id,
                            'date_from': '2025-01-01',
                            'date_to': '2025-12-31'}),
                    (0, 0, {'member_id': self.member_g1.id,
                            'date_from': '2025-07-01'})]})

    def test_records_show_the_members_organization(self):
        for model in ('party.service.record', 'party.study.record'):
            Record = self.env[model].sudo(self.secretary)
            record = Record.new({'member_id': self.member_g1.id})
            record._onchange_member_organization()
            self.assertEqual(record.organization_id, self.group_a1, model)
        # the server decides, whatever the form sends
        record = self.service(self.member_g1, 2.0, user=self.secretary,
                              organization_id=self.branch_a1.id)
        self.assertEqual(record.organization_id, self.group_a1)
        # and a member out of scope stays out of reach
        with self.assertRefused(AccessError):
            self.service(self.member_b1, 2.0, user=self.secretary,
                         organization_id=self.branch_a1.id)

    def test_rate_shown_once_the_evaluation_is_closed(self):
        year = fields.Date.from_string(fields.Date.today()).year
        evaluation = self.env['party.satisfaction'].create({
            'organization_id': self.branch_a1.id, 'year': year,
            'rate': 80.0})
        org = self.branch_a1.sudo(self.officer)
        self.assertEqual((org.satisfaction_evaluated, org.satisfaction_rate),
                         (False, 0.0))
        evaluation.sudo(self.officer).action_close()
        org.invalidate_cache()
        self.assertEqual((org.satisfaction_evaluated, org.satisfaction_rate),
                         (True, 80.0))
        self.assertFalse(self.city_a.sudo(self.officer)
                         .satisfaction_evaluated)

    def test_member_shows_projects_in_scope(self):
        Project = self.env['party.service.project']
        mine = Project.sudo(self.secretary).create({
            'name': 'Caring for elders', 'goal': 'Visit weekly',
            'organization_id': self.branch_a1.id,
            'member_ids': [(6, 0, self.member_a1.ids)]})
        # a project of another city the member also served in
        Project.create({
            'name': 'Elsewhere', 'goal': 'Clean the river',
            'organization_id': self.branch_b1.id,
            'member_ids': [(6, 0, self.member_a1.ids)]})
        member = self.member_a1.sudo(self.secretary)
        self.assertEqual(member.service_project_ids, mine)
        self.assertEqual(member.read(['service_project_ids'])[0][
            'service_project_ids'], mine.ids)
