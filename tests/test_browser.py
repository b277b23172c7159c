"""Over HTTP, a secretary sees exactly their branch's members: in a real
browser and through XML-RPC."""
import json
import os
import subprocess
import tempfile
from xmlrpc import client as xmlrpclib

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = os.path.dirname(HERE)
BROWSER_PYTHON = os.path.join(ADDON, '.venv-browser', 'bin', 'python')
SCREENSHOT_DIR = os.environ.get(
    'PARTY_SCREENSHOT_DIR',
    os.path.join(tempfile.gettempdir(), 'party_building_screenshots'))


def ensure_http_server():
    """pytest-odoo does not serve HTTP; HttpCase requests need a server in
    this process so that they share the test transaction."""
    if not getattr(odoo, '_party_building_test_httpd', None):
        server = odoo.service.server.ThreadedServer(
            odoo.service.wsgi_server.application)
        server.http_spawn()
        odoo._party_building_test_httpd = server


class TestSecretaryBrowser(HttpCase):
    # odoo.tests.common.PORT is read before pytest-odoo loads the
    # configuration, hence config['http_port'] below.

    def setUp(self):
        super(TestSecretaryBrowser, self).setUp()
        ensure_http_server()
        # In 11.0 the HTTP requests of an HttpCase run on the registry's test
        # cursor, not on self.cr: create what the browser must see there.
        # It is rolled back when the test leaves test mode.
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        Org = env['party.organization']
        city = Org.create({'name': 'Browser City', 'kind': 'committee'})
        self.branch = Org.create({'name': 'Browser Branch', 'kind': 'branch',
                                  'parent_id': city.id})
        sibling = Org.create({'name': 'Sibling Branch', 'kind': 'branch',
                              'parent_id': city.id})
        Member = env['party.member']
        self.own = ['Zhao Own %d' % i for i in range(3)]
        for name in self.own:
            Member.create({'name': name, 'organization_id': self.branch.id})
        self.sibling_member = Member.create(
            {'name': 'Qian Sibling', 'organization_id': sibling.id})
        env['res.users'].create({
            'name': 'Browser Secretary', 'login': 'browser_secretary',
            # Odoo's chatter needs an author address for tracked changes
            'email': 'browser_secretary@example.com',
            'password': 'browser_secretary',
            'groups_id': [(6, 0, [
                env.ref('base.group_user').id,
                env.ref('party_building.group_secretary').id])],
            'party_organization_ids': [(6, 0, [self.branch.id])],
        })
        # a request that rolls back (website's pages do) goes back to the
        # last commit of the test cursor: keep what the browser must see
        self.registry.test_cr.commit()

    def test_secretary_sees_own_branch_members(self):
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)
        screenshot = os.path.join(SCREENSHOT_DIR, 'secretary_members.png')
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'members_page.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'], 'browser_secretary',
            'browser_secretary', screenshot], timeout=600)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        self.assertEqual(sorted(seen['names']), sorted(self.own))
        self.assertTrue(os.path.getsize(screenshot) > 10000)

    def test_secretary_records_a_meeting(self):
        screenshot = os.path.join(SCREENSHOT_DIR, 'secretary_meeting.png')
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'record_meeting.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            'browser_secretary', 'browser_secretary', 'Theme Party Day',
            self.own[2], screenshot], timeout=600)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   {})
        meeting = env['party.meeting'].search(
            [('name', '=', 'Recorded in the browser')])
        self.assertEqual(meeting.state, 'held')
        self.assertEqual(meeting.organization_id, self.branch)
        self.assertEqual(meeting.local_date, '2024-05-15')
        present = meeting.attendance_ids.filtered(
            lambda a: a.state == 'present').mapped('member_id.name')
        self.assertEqual(sorted(present), sorted(self.own[:2]))
        self.assertEqual(seen['rate'], '66.7%')  # 2 of 3, as the form shows it

    def test_secretary_over_xmlrpc(self):
        url = 'http://127.0.0.1:%d/xmlrpc/2/' % odoo.tools.config['http_port']
        db = self.registry.db_name
        uid = xmlrpclib.ServerProxy(url + 'common').authenticate(
            db, 'browser_secretary', 'browser_secretary', {})
        models = xmlrpclib.ServerProxy(url + 'object')
        members = models.execute_kw(
            db, uid, 'browser_secretary', 'party.member', 'search_read',
            [[]], {'fields': ['name']})
        self.assertEqual(sorted(m['name'] for m in members), sorted(self.own))
        with self.assertRaises(xmlrpclib.Fault):
            models.execute_kw(
                db, uid, 'browser_secretary', 'party.member', 'read',
                [[self.sibling_member.id]], {'fields': ['name']})
