"""A transfer of membership in a real browser, in Chinese: the secretary
of 锦园社区党支部 (平安县) sends 张伟 to 东湖社区党支部 of another county
(安宁县), whose secretary accepts from the incoming transfers; 张伟 then
belongs to 东湖 and is among its members, no longer among 锦园's."""
import json
import os
import subprocess

import odoo
from odoo.tests.common import HttpCase

from .common import NO_TRACKING
from .test_assessment_report import Fixture
from .test_browser import BROWSER_PYTHON, HERE, SCREENSHOT_DIR, \
    ensure_http_server


class TestTransferBrowser(HttpCase):

    def setUp(self):
        super(TestTransferBrowser, self).setUp()
        ensure_http_server()
        env = odoo.api.Environment(self.registry.test_cr, odoo.SUPERUSER_ID,
                                   dict(NO_TRACKING))
        self.env_test = env
        self.data = data = Fixture(env, modules=('base', 'web', 'mail', 'hr'),
                                   plain=True)
        Org = env['party.organization']
        self.county_b = Org.create({'name': '安宁县委', 'kind': 'committee'})
        town = Org.create({'name': '东湖街道党工委', 'kind': 'committee',
                           'parent_id': self.county_b.id})
        self.donghu = Org.create({'name': '东湖社区党支部', 'kind': 'branch',
                                  'parent_id': town.id})
        self.receiver = data._user('trf_secretary_donghu', '陈静',
                                   'group_secretary', self.donghu)
        self.member = env['party.member'].create({
            'name': '张伟', 'status': 'full', 'gender': 'male',
            'birth_date': '1988-03-12', 'ethnicity': '汉族',
            'education': 'bachelor', 'join_date': '2010-06-20',
            'full_date': '2011-06-20', 'native_place': '浙江杭州',
            'job_post': '社区网格员', 'organization_id': data.jinyuan.id})
        env['party.member'].create({'name': '李娜', 'status': 'full',
                                    'organization_id': self.donghu.id})
        self.registry.test_cr.commit()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def menu_name(self, xmlid):
        return self.env_test.ref(xmlid).with_context(lang='zh_CN').name

    def test_transfer_to_another_county(self):
        env = self.env_test
        sender = self.data.secretary
        out = subprocess.check_output([
            BROWSER_PYTHON, os.path.join(HERE, 'browser', 'transfer_member.py'),
            'http://127.0.0.1:%d' % odoo.tools.config['http_port'],
            sender.login, sender.login, self.receiver.login,
            self.receiver.login, '张伟', '东湖社区党支部', '平组转〔2025〕17号',
            self.menu_name(
                'party_building.party_member_transfer_menu_incoming'),
            self.menu_name('party_building.party_member_menu'),
            SCREENSHOT_DIR], timeout=900)
        seen = json.loads(out.decode().strip().splitlines()[-1])
        # requested by the sender, in Chinese, waiting
        self.assertEqual(seen['requested'], '待接收')
        # the sender may withdraw it, not accept it
        self.assertEqual((seen['sender_accepts'], seen['sender_cancels']),
                         (0, 1))
        # the receiver saw it with the member's data it needs
        self.assertEqual(len(seen['incoming']), 1)
        self.assertIn('张伟', seen['incoming'][0])
        self.assertIn('锦园社区党支部', seen['incoming'][0])
        self.assertIn('浙江杭州', seen['member_data'])
        self.assertEqual(seen['accepted'], '已完成')
        # the member moved, on acceptance, by the receiver
        transfer = env['party.member.transfer'].search(
            [('member_id', '=', self.member.id)])
        self.assertEqual((transfer.state, transfer.requested_by,
                          transfer.decided_by, transfer.letter_number),
                         ('done', sender, self.receiver, '平组转〔2025〕17号'))
        self.member.invalidate_cache()
        self.assertEqual(self.member.organization_id, self.donghu)
        self.assertTrue(any('张伟' in row for row in seen['members']))
        self.assertFalse(env['party.member'].sudo(sender).search(
            [('id', '=', self.member.id)]))
        for shot in ('transfer_requested.png', 'transfer_incoming.png',
                     'transfer_incoming_form.png', 'transfer_accepted.png',
                     'transfer_member_form.png'):
            self.assertGreater(os.path.getsize(
                os.path.join(SCREENSHOT_DIR, shot)), 20000, shot)
