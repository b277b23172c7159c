"""The scorecard and the campaign summary, rendered for real by Debian's
wkhtmltopdf (which fetches the report's CSS from the HTTP server, so the
data lives on the registry's test cursor the server shares), read back
with pdftotext, as the officer who reviewed them and in Chinese; and
refused to users outside the scope."""
import base64
import glob
import os
import re
import subprocess
import tempfile
import unittest
from unittest import mock

import polib

import odoo
from odoo.addons.base.ir import ir_actions_report
from odoo.exceptions import AccessError
from odoo.tests.common import HttpCase
from odoo.tools import mute_logger
from odoo.tools.translate import trans_load

from ..reports import party_assessment_campaign_summary as summary
from ..reports.ir_actions_report import unify_radicals
from .common import NO_TRACKING
from .test_browser import SCREENSHOT_DIR, ensure_http_server

I18N = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'i18n')
# What the fake metric of the fixture returns: {organization name: value}.
MEETING_RATIOS = {'锦园社区党支部': (1.0, '12/12'),
                  '滨河社区党支部': (0.6, '7/12')}
LONG_REQUIREMENT = (
    '党支部书记、委员按要求参加上级党组织举办的集中轮训，年度集中学习培训'
    '不少于56学时，培训档案完整，学习笔记、心得体会齐全，考核合格；'
    '党支部书记每年向党员大会述职并接受评议')


class NotACursor(object):
    """Stands for sql_db.TestCursor in ir_actions_report: nothing is
    one."""


def load_chinese(env, modules=(), plain=False):
    """Chinese in the test transaction: Odoo's own for `modules`, the
    addon's zh_CN.po, and the helpers' i18n/NEW_*.po not merged yet (with
    `plain`, also their entries that name no place: the screens need
    them, the documents do not)."""
    env['res.lang'].load_lang('zh_CN')
    if modules:
        env['ir.translation'].load_module_terms(list(modules), ['zh_CN'])
    trans_load(env.cr, os.path.join(I18N, 'zh_CN.po'), 'zh_CN',
               verbose=False, module_name='party_building')
    news = sorted(glob.glob(os.path.join(I18N, 'NEW_*.po')))
    if plain:
        for path in news:
            _apply_plain_entries(env, path)
        # a msgid is translated once in the .po: where the helpers' new
        # fields and views use a msgid it already has, the export will
        # give them its translation
        _apply_plain_entries(env, os.path.join(I18N, 'zh_CN.po'),
                             every=True)
    for path in news:
        # the entries that say where they belong
        with mute_logger('odoo.tools.translate'):
            trans_load(env.cr, path, 'zh_CN', verbose=False,
                       module_name='party_building',
                       context={'overwrite': True})
    env['ir.translation'].clear_caches()
    env['ir.ui.view'].clear_caches()


def _apply_plain_entries(env, path, every=False):
    """The msgid/msgstr pairs of `path` that name no place (a helper's
    strings before the export gives them one; with `every`, all of
    them), applied wherever the addon's data, views and code use the
    msgid and no translation is there yet."""
    pairs = {entry.msgid: entry.msgstr for entry in polib.pofile(path)
             if entry.msgstr and (every or not entry.occurrences)}
    if not pairs:
        return
    rows = [('code', 'addons/party_building/' + os.path.basename(path), 0,
             src, value) for src, value in pairs.items()]
    View = env['ir.ui.view']
    arch = View._fields['arch_db']
    by_model = {}
    for data in env['ir.model.data'].search(
            [('module', '=', 'party_building')]):
        by_model.setdefault(data.model, []).append(data.res_id)
    for model, ids in by_model.items():
        if model not in env:
            continue
        records = env[model].browse(ids).with_context(
            lang='en_US').exists()
        if model == 'ir.ui.view':
            for view in records:
                for term in set(arch.get_trans_terms(view.arch_db or '')):
                    if term in pairs:
                        rows.append(('model', 'ir.ui.view,arch_db', view.id,
                                     term, pairs[term]))
            continue
        names = [name for name, field in records._fields.items()
                 if field.translate is True and field.store]
        for record in records:
            for name in names:
                if record[name] in pairs:
                    rows.append(('model', '%s,%s' % (model, name), record.id,
                                 record[name], pairs[record[name]]))
    for model in {field.model for field in env['ir.model.fields'].search(
            [('model', '=like', 'party.%'), ('ttype', '=', 'selection')])}:
        for name, field in env[model]._fields.items():
            if field.type == 'selection' and isinstance(field.selection,
                                                        list):
                rows.extend(('selection', '%s,%s' % (model, name), 0, label,
                             pairs[label]) for _key, label in field.selection
                            if label in pairs)
    env.cr.execute("""
        INSERT INTO ir_translation
               (lang, type, name, res_id, src, value, module, state)
        SELECT 'zh_CN', v.type, v.name, v.res_id, v.src, v.value,
               'party_building', 'translated'
          FROM unnest(%s::varchar[], %s::varchar[], %s::integer[],
                      %s::text[], %s::text[])
            AS v(type, name, res_id, src, value)
         WHERE NOT EXISTS (
               SELECT 1 FROM ir_translation t
                WHERE t.lang = 'zh_CN' AND t.type = v.type
                  AND t.name = v.name AND COALESCE(t.res_id, 0) = v.res_id
                  AND t.src = v.src AND COALESCE(t.value, '') != '')
    """, [list(column) for column in zip(*rows)])


def _meeting_ratio(self, org_ids, date_from, date_to, meeting_type):
    names = dict(self.env['party.organization'].sudo().browse(
        org_ids).mapped(lambda o: (o.id, o.name)))
    return {org_id: MEETING_RATIOS.get(names[org_id], (0.0, '0/12'))
            for org_id in org_ids}


def patch_metrics(test):
    """The fixture's metric returns MEETING_RATIOS (the real metrics are
    tested on their own)."""
    patch = mock.patch.object(
        test.registry['party.assessment.metric'], '_metric_rpt_meetings',
        create=True, new=_meeting_ratio)
    patch.start()
    test.addCleanup(patch.stop)


class Fixture(object):
    """A county's small table in Chinese, over a street committee with
    three community branches; a secretary per branch, an officer of the
    street and an officer of another street, all reading Chinese.

    Standard (100 points, 40/60)::

        支部设置标准化 60: A1 levels 30 (达标 30 / 基本达标 20 / 不达标 0),
            A2 free 20 (a long requirement), A3 metric 10 (meetings held:
            >= 0.5 -> 5, >= 1.0 -> 10)
        组织生活正常化 40: B1 levels 40 (达标 40 / 基本达标 25 / 不达标 0),
            B2 veto, B3 bonus 5
        stars 五星 >= 90 ... 一星 < 60; grades 先进 >= 90, 良好 >= 75,
        一般 >= 60, 后进; a veto caps at 二星.
    """

    def __init__(self, env, modules=(), plain=False):
        self.env = env
        load_chinese(env, modules, plain)
        self._tree()
        self._standard()

    def _tree(self):
        env = self.env
        Org = env['party.organization']
        self.county = Org.create({'name': '平安县委', 'kind': 'committee'})
        self.street = Org.create({'name': '城东街道党工委', 'kind': 'committee',
                                  'parent_id': self.county.id})
        self.other_street = Org.create({
            'name': '城西街道党工委', 'kind': 'committee',
            'parent_id': self.county.id})
        self.jinyuan = Org.create({'name': '锦园社区党支部', 'kind': 'branch',
                                   'parent_id': self.street.id})
        self.binhe = Org.create({'name': '滨河社区党支部', 'kind': 'branch',
                                 'parent_id': self.street.id})
        self.hepan = Org.create({'name': '河畔社区党支部', 'kind': 'branch',
                                 'parent_id': self.street.id})
        self.xiyuan = Org.create({'name': '西苑社区党支部', 'kind': 'branch',
                                  'parent_id': self.other_street.id})
        self.secretary = self._user('rpt_secretary', '王秀英', 'group_secretary',
                                    self.jinyuan)
        self.secretary_binhe = self._user('rpt_secretary_binhe', '刘洋',
                                          'group_secretary', self.binhe)
        self.officer = self._user('rpt_officer', '李建国', 'group_officer',
                                  self.street)
        self.outsider = self._user('rpt_outsider', '赵敏', 'group_officer',
                                   self.other_street)

    def _user(self, login, name, group, org):
        return self.env['res.users'].create({
            'name': name, 'login': login, 'password': login,
            # Odoo's chatter needs an author address for tracked changes
            'email': '%s@example.com' % login, 'lang': 'zh_CN',
            'groups_id': [(6, 0, [
                self.env.ref('base.group_user').id,
                self.env.ref('party_building.%s' % group).id])],
            'party_organization_ids': [(6, 0, org.ids)],
        })

    def _standard(self):
        # the parts together, checked once at the end, as the data files
        # and the standard's form save them
        env = self.env(context=dict(self.env.context, install_mode_data=True))
        Dimension = env['party.standard.dimension']
        setup = Dimension.create({'name': '支部设置标准化',
                                  'code': 'rpt_setup', 'sequence': 1})
        life = Dimension.create({'name': '组织生活正常化',
                                 'code': 'rpt_life', 'sequence': 2})
        metric = env['party.assessment.metric'].create({
            'code': 'rpt_meetings', 'name': '“三会一课”按期召开率',
            'value_type': 'ratio'})
        standard = env['party.standard'].create({
            'name': '党支部“五化”建设质量标准', 'version': '2024版',
            'company_id': False, 'total_points': 100, 'self_weight': 40,
            'review_weight': 60})
        Section = env['party.standard.section']
        s1 = Section.create({'standard_id': standard.id,
                             'dimension_id': setup.id, 'sequence': 1,
                             'max_points': 60})
        s2 = Section.create({'standard_id': standard.id,
                             'dimension_id': life.id, 'sequence': 2,
                             'max_points': 40})
        Criterion = env['party.standard.criterion']

        def criterion(section, code, name, scoring, max_points, seq, **vals):
            return Criterion.create(dict(
                standard_id=standard.id, section_id=section.id, code=code,
                name=name, scoring=scoring, max_points=max_points,
                sequence=seq, **vals))

        def levels(full, partial):
            return [(0, 0, {'name': name, 'points': points, 'sequence': i})
                    for i, (name, points) in enumerate(
                        (('达标', full), ('基本达标', partial), ('不达标', 0)))]

        self.a1 = criterion(s1, 'A1', '党支部委员会按期换届，班子配备齐全',
                            'levels', 30, 1, level_ids=levels(30, 20),
                            evidence='换届选举请示及批复、选举结果报告')
        self.a2 = criterion(s1, 'A2', LONG_REQUIREMENT, 'free', 20, 2,
                            evidence='培训档案、学习笔记')
        self.a3 = criterion(
            s1, 'A3', '“三会一课”按规定召开', 'metric', 10, 3,
            metric_id=metric.id, mapping='threshold', threshold_ids=[
                (0, 0, {'min_value': 0.5, 'points': 5}),
                (0, 0, {'min_value': 1.0, 'points': 10})])
        self.b1 = criterion(s2, 'B1', '组织生活会和民主评议党员按要求开展',
                            'levels', 40, 1, level_ids=levels(40, 25),
                            evidence='会议记录、签到表、照片')
        self.b2 = criterion(s2, 'B2', '发生严重违纪违法问题', 'veto', 0, 2)
        self.b3 = criterion(s2, 'B3', '创建市级以上示范党支部', 'bonus', 5, 3)
        Band = env['party.standard.band']
        self.stars = {}
        for stars, name, low, high in (
                (5, '五星', 90, 100), (4, '四星', 80, 90), (3, '三星', 70, 80),
                (2, '二星', 60, 70), (1, '一星', 0, 60)):
            self.stars[stars] = Band.create({
                'standard_id': standard.id, 'scale': 'star', 'name': name,
                'code': 'S%d' % stars, 'stars': stars, 'min_score': low,
                'max_score': high})
        self.grades = {}
        for code, name, low, high in (
                ('advanced', '先进', 90, 100), ('good', '良好', 75, 90),
                ('average', '一般', 60, 75), ('backward', '后进', 0, 60)):
            self.grades[code] = Band.create({
                'standard_id': standard.id, 'scale': 'grade', 'name': name,
                'code': code, 'min_score': low, 'max_score': high})
        env['party.standard.cap'].create({
            'standard_id': standard.id, 'condition': 'veto',
            'star_band_id': self.stars[2].id})
        if hasattr(standard, '_check_consistency'):
            standard._check_consistency()
        self.standard = standard.with_env(self.env)

    # -- the campaign and its workflow ---------------------------------------

    def as_user(self, records, user):
        return records.sudo(user.id).with_context(lang='zh_CN')

    def make_campaign(self):
        Campaign = self.as_user(self.env['party.assessment.campaign'],
                                self.officer)
        self.campaign = Campaign.create({
            'name': '2024年度城东街道党支部“五化”建设考核', 'year': 2024,
            'standard_id': self.standard.id,
            'organization_id': self.street.id,
            'date_from': '2024-01-01', 'date_to': '2024-12-31',
            'self_deadline': '2024-12-10', 'review_deadline': '2024-12-20'})
        self.campaign.action_generate()
        return self.campaign

    def assessment(self, org, user=None):
        found = self.env['party.assessment'].search([
            ('campaign_id', '=', self.campaign.id),
            ('organization_id', '=', org.id)])
        return self.as_user(found, user) if user else found

    def line(self, assessment, criterion):
        return assessment.line_ids.filtered(
            lambda l: l.criterion_id == criterion)

    def score(self, assessment, user, side, **values):
        """values: {'A1': level name or points}, written on `side`
        ('self' or 'review') as `user`."""
        for code, value in values.items():
            line = self.as_user(self.line(
                assessment, getattr(self, code.lower())), user)
            if isinstance(value, str):
                level = line.criterion_id.level_ids.filtered(
                    lambda l, name=value: l.name == name)
                line.write({side + '_level_id': level.id})
            else:
                line.write({side + '_points': value})

    def attach(self, assessment, criterion, name, user):
        line = self.as_user(self.line(assessment, criterion), user)
        attachment = self.as_user(self.env['ir.attachment'], user).create({
            'name': name, 'datas_fname': name,
            'datas': base64.b64encode(b'%PDF-1.4 evidence'),
            'res_model': line._name, 'res_id': line.id})
        line.write({'attachment_ids': [(4, attachment.id)]})

    def run_campaign(self):
        """锦园 self 86, review 74 → 78.8 三星 良好, first; 滨河 vetoed,
        42 → 一星 后进, last; 河畔 left to self-assess."""
        self.make_campaign()
        jinyuan = self.assessment(self.jinyuan)
        self.score(jinyuan, self.secretary, 'self', A1='达标', A2=18,
                   B1='基本达标', B3=3)
        self.attach(jinyuan, self.b1, '2024年组织生活会会议记录.pdf',
                    self.secretary)
        self.as_user(self.line(jinyuan, self.a2), self.secretary).write(
            {'self_comment': '书记、委员均完成年度培训'})
        self.as_user(jinyuan, self.secretary).action_submit()
        self.score(jinyuan, self.officer, 'review', A1='基本达标', A2=16)
        self.as_user(self.line(jinyuan, self.a1), self.officer).write(
            {'review_comment': '委员缺额1名，未及时增补'})
        self.as_user(jinyuan, self.officer).action_review()
        self.as_user(jinyuan, self.officer).action_confirm()

        binhe = self.assessment(self.binhe)
        self.score(binhe, self.secretary_binhe, 'self', A1='不达标', A2=12,
                   B1='基本达标', B2=1)
        self.as_user(binhe, self.secretary_binhe).action_submit()
        self.as_user(binhe, self.officer).action_review()
        self.as_user(binhe, self.officer).action_confirm()
        return jinyuan, binhe


class TestAssessmentReport(HttpCase):

    def setUp(self):
        super(TestAssessmentReport, self).setUp()
        ensure_http_server()
        patch_metrics(self)
        # In 11.0 the HTTP requests of an HttpCase run on the registry's test
        # cursor: the report's CSS is an attachment created while rendering,
        # which the server must see. Rolled back when the test ends.
        self.env = odoo.api.Environment(
            self.registry.test_cr, odoo.SUPERUSER_ID, dict(NO_TRACKING))
        self.data = Fixture(self.env)
        self.jinyuan, self.binhe = self.data.run_campaign()
        if not os.path.exists(SCREENSHOT_DIR):
            os.makedirs(SCREENSHOT_DIR)

    def render(self, xmlid, records, user, keep=None):
        """The PDF of `records` as `user` would print it, as its text laid
        out as printed (pdftotext -layout), and as one string without any
        blank (a cell's text is one block however it wraps); `keep`: also
        saved under that name in the screenshot directory."""
        # A request of the server rolls the test cursor back to its last
        # "commit" (a savepoint) before it runs its controller: what the
        # test made, and the CSS bundle the rendering makes, must be
        # behind it when wkhtmltopdf asks for the CSS. As outside tests,
        # the bundle is committed when it is made.
        self.registry.test_cr.commit()
        report = self.env.ref(xmlid).sudo(user.id).with_context(
            lang='zh_CN', tz='Asia/Shanghai', commit_assetsbundle=True)
        # In tests Odoo returns the HTML instead of the PDF unless reports
        # are kept, and also on the test cursor, for fear of a deadlock:
        # the server's request for the CSS waits for the test's cursor.
        # That cursor is not held here (the requests take it while this
        # thread waits for wkhtmltopdf), so let the PDF be made.
        directory = tempfile.mkdtemp()
        with mock.patch.dict(odoo.tools.config.options,
                             {'test_report_directory': directory}), \
                mock.patch.object(ir_actions_report, 'TestCursor', NotACursor):
            content, kind = report.render_qweb_pdf(records.ids)
        self.assertEqual(kind, 'pdf')
        self.assertTrue(content.startswith(b'%PDF'))
        path = os.path.join(directory, 'report.pdf')
        with open(path, 'wb') as pdf:
            pdf.write(content)
        if keep:
            with open(os.path.join(SCREENSHOT_DIR, keep), 'wb') as pdf:
                pdf.write(content)
        text = subprocess.check_output(
            ['pdftotext', '-layout', path, '-'], timeout=60).decode('utf-8')
        # the text layer names ideographs, not the radicals that share
        # their glyphs (reports/ir_actions_report.py)
        self.assertFalse([char for char in text
                          if '\u2e80' <= char <= '\u2fdf'])
        flat = ''.join(subprocess.check_output(
            ['pdftotext', path, '-'], timeout=60).decode('utf-8').split())
        return text, flat

    def assertLine(self, text, *parts):
        """One line of the text holds these parts, in this order."""
        for line in text.splitlines():
            position = 0
            for part in parts:
                position = line.find(part, position)
                if position < 0:
                    break
                position += len(part)
            else:
                return
        self.fail('no line with %r in:\n%s' % (parts, text))

    def test_scorecard(self):
        self.assertEqual(self.jinyuan.state, 'confirmed')
        self.assertAlmostEqual(self.jinyuan.final_score, 78.8)
        text, flat = self.render(
            'party_building.party_assessment_scorecard_report',
            self.jinyuan, self.data.officer, keep='scorecard.pdf')
        # the header block
        self.assertLine(text, '党支部“五化”建设质量标准')
        self.assertLine(text, '2024年度考核评分表')
        self.assertLine(text, '被考核党组织', '锦园社区党支部')
        self.assertLine(text, '考核活动', '2024年度城东街道党支部“五化”建设考核')
        self.assertLine(text, '考核标准', '党支部“五化”建设质量标准', '版本',
                        '2024版')
        self.assertLine(text, '考核单位', '城东街道党工委', '年度', '2024')
        self.assertLine(text, '考核期间', '2024年1月1日至2024年12月31日')
        # each dimension with its subtotals, each criterion on the first
        # line of its row: maximum, self, review, final (40/60)
        self.assertLine(text, '编号', '考核内容', '分值', '自评', '上级评定',
                        '得分', '佐证材料')
        self.assertLine(text, '一、支部设置标准化', '60', '58', '46', '50.8')
        self.assertLine(text, '二、组织生活正常化', '40', '28', '28', '28')
        self.assertLine(text, 'A1', '党支部委员会按期换届，班子配备齐全',
                        '30', '30', '20', '24')
        self.assertLine(text, 'A2', LONG_REQUIREMENT[:12], '20', '18', '16',
                        '16.8')
        self.assertLine(text, 'A3', '“三会一课”按规定召开', '10', '10', '10',
                        '10')
        self.assertLine(text, 'B1', '组织生活会和民主评议党员按要求开展', '40',
                        '25', '25', '25', '2024年组织生活会')
        self.assertLine(text, 'B2', '发生严重违纪违法问题', '否决项', '未触发',
                        '未触发', '未触发')
        self.assertLine(text, 'B3', '创建市级以上示范党支部', '+5', '3', '3',
                        '3')
        # the levels chosen under the points
        self.assertLine(text, '达标', '基本达标')
        # the long requirement wraps inside its cell: all of it is there
        self.assertIn(LONG_REQUIREMENT, flat)
        self.assertIn('系统数据：12/12', flat)
        self.assertIn('自评说明：书记、委员均完成年度培训', flat)
        self.assertIn('评定意见：委员缺额1名，未及时增补', flat)
        self.assertIn('2024年组织生活会会议记录.pdf', flat)
        # the result, the rating, who reviewed and when
        self.assertLine(text, '自评总分', '上级评定总分', '最终得分', '星级',
                        '等次')
        self.assertLine(text, '86', '74', '78.8', '★★★☆☆', '三星', '良好')
        self.assertIn('最终得分=自评总分×40%+上级评定总分×60%。', flat)
        self.assertIn('在本次考核中排名第1名，共2个。', flat)
        self.assertLine(text, '评定人', '李建国', '评定日期')
        self.assertLine(text, '确认人', '李建国', '确认日期')
        self.assertLine(text, '自评提交人', '王秀英', '提交日期')
        self.assertLine(text, '党支部书记（签字）：', '考核人（签字）：')
        self.assertLine(text, '被考核党组织（盖章）：', '考核单位（盖章）：')
        self.assertNotIn('尚未确认', flat)
        self.assertNotIn('一票否决', flat)
        # no English left in the Chinese document
        self.assertFalse(re.findall('[A-Za-z]{3,}', text.replace('.pdf', '')))

    def test_several_scorecards_in_one_pdf(self):
        text, flat = self.render(
            'party_building.party_assessment_scorecard_report',
            self.jinyuan | self.binhe, self.data.officer)
        pages = text.split('\f')
        first = [i for i, page in enumerate(pages) if '锦园社区党支部' in page]
        second = [i for i, page in enumerate(pages) if '滨河社区党支部' in page]
        # each on pages of its own
        self.assertTrue(first and second)
        self.assertLess(max(first), min(second))
        self.assertEqual(text.count('2024年度考核评分表'), 2)

    def test_scorecard_of_a_vetoed_branch(self):
        # printed by the branch's own secretary, who may not read the
        # street committee above: it is named as what it is to them
        text, flat = self.render(
            'party_building.party_assessment_scorecard_report',
            self.binhe, self.data.secretary_binhe)
        self.assertLine(text, '被考核党组织', '滨河社区党支部')
        self.assertLine(text, '考核单位', '上级组织')
        self.assertNotIn('城东街道党工委', flat)
        self.assertLine(text, 'B2', '发生严重违纪违法问题', '否决项', ' 触发',
                        ' 触发', ' 触发')
        self.assertIn('一票否决：B2发生严重违纪违法问题已触发', flat)
        self.assertLine(text, '42', '42', '42', '★☆☆☆☆', '一星', '后进')
        self.assertIn('系统数据：7/12', flat)
        self.assertIn('在本次考核中排名第2名，共2个。', flat)

    def test_unconfirmed_scorecard_says_so(self):
        hepan = self.data.assessment(self.data.hepan)
        text, flat = self.render(
            'party_building.party_assessment_scorecard_report', hepan,
            self.data.officer)
        self.assertIn('尚未确认', flat)
        self.assertLine(text, '被考核党组织', '河畔社区党支部')
        self.assertNotIn('排名', flat)

    def test_campaign_summary(self):
        text, flat = self.render(
            'party_building.party_assessment_campaign_summary_report',
            self.data.campaign, self.data.officer, keep='summary.pdf')
        self.assertLine(text, '2024年度城东街道党支部“五化”建设考核')
        self.assertLine(text, '考核结果汇总')
        self.assertLine(text, '考核单位', '城东街道党工委')
        self.assertLine(text, '参评党组织', '3', '已确认', '2')
        self.assertLine(text, '平均得分', '60.4', '未确认', '1')
        # the distribution: counts and shares of each band, both scales
        self.assertLine(text, '星级', '数量', '占比', '等次', '数量', '占比')
        self.assertLine(text, '五星', '0', '0.0%', '先进', '0', '0.0%')
        self.assertLine(text, '四星', '0', '0.0%', '良好', '1', '50.0%')
        self.assertLine(text, '三星', '1', '50.0%', '一般', '0', '0.0%')
        self.assertLine(text, '二星', '0', '0.0%', '后进', '1', '50.0%')
        self.assertLine(text, '一星', '1', '50.0%')
        self.assertLine(text, '合计', '2', '100%', '合计', '2', '100%')
        self.assertIn('1个党组织尚未确认，未计入分布和排名。', flat)
        # the ranking, best first, the last highlighted
        self.assertLine(text, '名次', '党组织', '最终得分', '星级', '等次')
        self.assertLine(text, '1', '锦园社区党支部', '78.8', '三星', '良好')
        self.assertLine(text, '2', '滨河社区党支部', '42', '一星', '后进')
        self.assertLess(text.index('锦园社区党支部'),
                        text.index('滨河社区党支部'))
        self.assertNotIn('河畔社区党支部', flat)
        self.assertIn('底色标注：排名最后的党组织。', flat)
        self.assertFalse(re.findall('[A-Za-z]{3,}', text))

    def test_summary_highlights_the_lowest(self):
        html = self.env.ref(
            'party_building.party_assessment_campaign_summary_report'
        ).sudo(self.data.officer.id).with_context(
            lang='zh_CN').render_qweb_html(self.data.campaign.ids)[0]
        html = html.decode('utf-8')
        lowest = html.index('o_party_lowest')
        self.assertEqual(html.count('o_party_lowest"'), 1)
        self.assertIn('滨河社区党支部', html[lowest:lowest + 400])

    def test_large_ranking_prints_its_head_and_tail(self):
        data = self.data
        secretary = data._user('rpt_secretary_hepan', '陈静', 'group_secretary',
                               data.hepan)
        hepan = data.assessment(data.hepan)
        data.score(hepan, secretary, 'self', A1='基本达标', A2=15, B1='达标')
        data.as_user(hepan, secretary).action_submit()
        data.as_user(hepan, data.officer).action_review()
        data.as_user(hepan, data.officer).action_confirm()
        self.assertEqual(hepan.rank, 2)
        # at most two of the three ranked: the best, the gap, the last,
        # under column titles every second row
        with mock.patch.object(summary, 'RANKING_ROWS', 2), \
                mock.patch.object(summary, 'CHUNK_ROWS', 2):
            text, flat = self.render(
                'party_building.party_assessment_campaign_summary_report',
                data.campaign, data.officer)
        self.assertLine(text, '1', '锦园社区党支部', '78.8')
        self.assertIn('……中间名次的1个党组织从略……', flat)
        self.assertLine(text, '3', '滨河社区党支部', '42')
        self.assertNotIn('河畔社区党支部', flat)
        self.assertEqual(text.count('最终得分'), 2)
        self.assertLess(text.index('锦园社区党支部'), text.index('从略'))
        self.assertLess(text.index('从略'), text.index('滨河社区党支部'))

    def test_out_of_scope_refused(self):
        # an officer of another street, the secretary of a sibling branch
        for user in (self.data.outsider, self.data.secretary_binhe):
            with self.assertRaises(AccessError):
                self.render(
                    'party_building.party_assessment_scorecard_report',
                    self.jinyuan, user)
        # the summary is for the whole scope, not for one of its branches
        for user in (self.data.outsider, self.data.secretary_binhe):
            with self.assertRaises(AccessError):
                self.render(
                    'party_building.party_assessment_campaign_summary_report',
                    self.data.campaign, user)


class TestRadicalMap(unittest.TestCase):
    """The PDF's text map, rewritten in place."""

    CMAP = (b'/CIDInit /ProcSet findresource begin\n'
            b'2 beginbfchar\n<2F40> <2F40>\n<0003> <2EEC>\nendbfchar\n'
            b'3 beginbfrange\n<0000> <0000> <0000>\n<0005> <0005> <2F00>\n'
            b'<0010> <0012> [<515A> <2F40> <90E8>]\nendbfrange\nendcmap\n')

    def pdf(self, cmap, extra=b''):
        return (b'%%PDF-1.4\n1 0 obj\n<< /ToUnicode 7 0 R >>\nendobj\n'
                b'7 0 obj\n<<\n/Length %d%s\n>>\nstream\n%sendstream\n'
                b'endobj\n' % (len(cmap), extra, cmap))

    def test_targets_named_as_ideographs(self):
        pdf = self.pdf(self.CMAP)
        unified = unify_radicals(pdf)
        self.assertEqual(len(unified), len(pdf))
        self.assertIn(b'2 beginbfchar\n<2F40> <652F>\n<0003> <9F50>\n',
                      unified)
        self.assertIn(b'<0005> <0005> <4E00>\n', unified)
        self.assertIn(b'[<515A> <652F> <90E8>]', unified)
        # the glyph codes, whatever they are, stay
        self.assertIn(b'<0000> <0000> <0000>\n', unified)

    def test_compressed_maps_left_alone(self):
        pdf = self.pdf(self.CMAP, b' /Filter /FlateDecode')
        self.assertEqual(unify_radicals(pdf), pdf)
