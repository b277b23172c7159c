"""Venues in a real browser, in Chinese: a branch secretary plans a
meeting at the community's activity room from the Meetings menu, which
books it; a second meeting at the same hour is refused with the name of
the first. The slot is today (the calendar opens on this week): nothing
checked depends on the day."""
import datetime
import json
import os
import subprocess

import pytz

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server

ZONE = pytz.timezone('Asia/Shanghai')


class TestVenueBrowser(HttpCase):

    def setUp(self):
        super(TestVenueBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        (data.secretary | data.officer).write({'tz': 'Asia/Shanghai'})
        self.venue = env['party.venue'].create({
            'name': '锦园社区党员活动室', 'organization_id': data.jinyuan.id,
            'kind_id': env.ref('party_building.venue_kind_activity_room').id,
            'area': 50, 'capacity': 40, 'weekly_open_hours': 40,
            'address': '锦园社区服务中心二楼',
            'opening_hours': '周一至周五 9:00–17:00'})
        self.venue.action_in_use()
        for item in ('flag', 'oath_wall', 'member_board', 'rules_wall'):
            env['party.venue.equipment'].create({
                'venue_id': self.venue.id, 'item_id': env.ref(
                    'party_building.venue_item_' + item).id})
        env['party.member'].create({'name': '张伟', 'status': 'full',
                                    'organization_id': data.jinyuan.id})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def test_secretary_books_for_a_meeting(self):
        env = self.env_test
        user = self.data.secretary
        lang = env['res.lang'].search([('code', '=', 'zh_CN')])
        form = '%s %s' % (lang.date_format, lang.time_format)
        today = datetime.datetime.now(ZONE).date()
        start = ZONE.localize(datetime.datetime.combine(
            today, datetime.time(10, 0)))
        stop = start + datetime.timedelta(hours=2)
        lecture = env.ref('party_building.meeting_type_lecture')
        type_name = lecture.with_context(lang='zh_CN').name
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'book_venue.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, type_name, self.venue.name,
            self.data.jinyuan.name, start.strftime(form),
            stop.strftime(form), SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        # one meeting, booked for its time, by the secretary
        meetings = env['party.meeting'].search(
            [('venue_id', '=', self.venue.id)])
        self.assertEqual(meetings.mapped('name'), ['第三季度党员大会'])
        booking = meetings.booking_id
        utc = start.astimezone(pytz.utc).strftime('%Y-%m-%d %H:%M:%S')
        self.assertEqual((booking.start, booking.state, booking.create_uid),
                         (utc, 'booked', user))
        self.assertIn('第三季度党员大会', seen['booking'])
        # the second is refused, naming the first and its hours
        self.assertIn('第三季度党员大会', seen['refusal'])
        self.assertIn(start.strftime('%Y-%m-%d 10:00'), seen['refusal'])
        self.assertEqual(len(self.venue.booking_ids), 1)
        self.assertEqual(len(seen['rows']), 1)
        for shot in ('venue_meeting_booked.png', 'venue_booking_refused.png',
                     'venue_bookings_calendar.png', 'venues_kanban.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)

    def test_officer_sees_gaps_and_warnings(self):
        env = self.env_test
        data = self.data
        # 滨河 plans a venue on borrowed money, over its budget; 河畔 has
        # none; 锦园's room lacks three items
        binhe = env['party.venue'].create({
            'name': '滨河社区党群服务中心', 'organization_id': data.binhe.id,
            'kind_id': env.ref(
                'party_building.venue_kind_service_centre').id,
            'budget': 50000, 'area': 120})
        env['party.venue.funding'].create({
            'venue_id': binhe.id, 'name': '银行贷款', 'amount': 30000,
            'borrowed': True})
        env['party.venue.spending'].create({
            'venue_id': binhe.id, 'name': '装修', 'amount': 62000,
            'date': '2024-05-01'})
        self.registry.test_cr.commit()
        user = data.officer
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'venue_officer.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            user.login, user.login, SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        without = ' '.join(seen['no_venue'])
        for name in ('城东街道党工委', '滨河社区党支部', '河畔社区党支部'):
            self.assertIn(name, without)
        self.assertNotIn('锦园社区党支部', without)
        self.assertNotIn('西苑社区党支部', without)
        self.assertEqual(len(seen['warnings']), 1)
        self.assertIn('滨河社区党群服务中心', seen['warnings'][0])
        for text in ('支出超出预算', '举债建设'):
            self.assertIn(text, seen['warning_text'])
        self.assertIn('投影仪或显示屏', seen['gaps'])
