"""The members' lifecycle in a real browser, in Chinese: a branch
secretary takes an applicant through the last stages to probationary
member, then converts a probationary member to full membership after the
branch's members' general meeting. The meeting is today's: nothing checked
depends on the day."""
import datetime
import json
import os
import subprocess

import pytz
from dateutil.relativedelta import relativedelta

import odoo
from odoo.tests.common import HttpCase

from ..models.party_guard import trusted
from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

ZONE = pytz.timezone('Asia/Shanghai')


class TestLifecycleBrowser(HttpCase):

    def setUp(self):
        super(TestLifecycleBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        data.secretary.write({'tz': 'Asia/Shanghai'})
        Member = env['party.member']
        sponsors = Member.browse([Member.create({
            'name': name, 'organization_id': data.jinyuan.id,
            'status': 'full', 'join_date': '2001-07-01',
            'full_date': '2002-07-01'}).id for name in ('张伟', '李娜')])
        self.probationer = Member.create({
            'name': '陈晨', 'organization_id': data.jinyuan.id,
            # admitted 13 months before the meeting (today's): the
            # probation has ended whatever the day the test runs
            'join_date': str(datetime.datetime.now(ZONE).date()
                             - relativedelta(months=13))})
        self.applicant = env['party.applicant'].create({
            'name': '赵磊', 'organization_id': data.jinyuan.id,
            'application_date': '2024-01-10', 'birth_date': '1998-05-04'})
        for stage, values in (
                ('talked', {'talk_date': '2024-01-20'}),
                ('activist', {'activist_date': '2024-03-01',
                              'contact_member_ids': [(6, 0, sponsors.ids)]}),
                ('target', {'target_date': '2025-03-01',
                            'sponsor_ids': [(6, 0, sponsors.ids)]})):
            self.applicant.advance(stage, values)
        today = datetime.datetime.now(ZONE).date()
        start = ZONE.localize(datetime.datetime.combine(
            today, datetime.time(0, 30))).astimezone(pytz.utc)
        self.meeting = env['party.meeting'].create({
            'name': '第四季度党员大会',
            'type_id': env.ref('party_building.meeting_type_general').id,
            'organization_id': data.jinyuan.id,
            'start': start.strftime('%Y-%m-%d %H:%M:%S'),
            'tz': 'Asia/Shanghai'})
        trusted(self.meeting).write({'state': 'held'})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_secretary_admits_and_converts(self):
        user = self.data.secretary
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'lifecycle.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, str(self.applicant.id), self.meeting.name,
            str(self.probationer.id), SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.env_test.clear()
        member = self.applicant.member_id
        self.assertEqual(self.applicant.stage, 'approved')
        self.assertEqual((member.name, member.status, member.join_date,
                          member.create_uid),
                         ('赵磊', 'probationary', self.meeting.local_date,
                          user))
        self.assertIn('赵磊', seen['kanban'])
        self.assertIn('赵磊', seen['new_member'])
        self.assertEqual((self.probationer.status,
                          self.probationer.full_date),
                         ('full', self.meeting.local_date))
        decision = self.probationer.decision_ids
        self.assertEqual((decision.kind, decision.meeting_id,
                          decision.create_uid),
                         ('conversion', self.meeting, user))
        for shot in seen['shots'].values():
            self.assertGreater(os.path.getsize(shot), 20000, shot)
