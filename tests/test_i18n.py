"""The Chinese translation is complete and uses the official terms."""
import os

import polib

from odoo.tests.common import TransactionCase

I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n')

# Wording of the machine-reworded source text that must never reach the UI
# (../shared/DOMAIN.md).
GARBLED_TERMS = ['支部设定', '多极化', '服务管理精细化', '工作规范系统化',
                 '阵营建设', '省纪委组织部', '党支部镇长', '散乱党', '坚定信念、牢记使命']


class TestTranslation(TransactionCase):

    def setUp(self):
        super(TestTranslation, self).setUp()
        self.po = polib.pofile(os.path.join(I18N, 'zh_CN.po'))

    def test_complete(self):
        self.assertFalse([e.msgid for e in self.po.untranslated_entries()])
        self.assertFalse([e.msgid for e in self.po.fuzzy_entries()])
        pot = polib.pofile(os.path.join(I18N, 'party_building.pot'))
        self.assertEqual({e.msgid for e in pot if not e.obsolete},
                         {e.msgid for e in self.po if not e.obsolete})

    def test_every_field_label_is_translated(self):
        msgids = {e.msgid for e in self.po}
        missing = []
        models = self.env['ir.model'].search(
            [('model', '=like', 'party.%')]).mapped('model')
        for model in models + ['hr.department', 'res.company']:
            for name, field in self.env[model]._fields.items():
                if field.manual or name in models_base_fields(self.env) \
                        or field._module != 'party_building':
                    continue
                if field.string not in msgids:
                    missing.append('%s.%s: %s' % (model, name, field.string))
        self.assertFalse(missing)

    def test_official_terms(self):
        for entry in self.po:
            for term in GARBLED_TERMS:
                self.assertNotIn(term, entry.msgstr, entry.msgid)
        self.assertEqual(self.po.find('Party Branch').msgstr, '党支部')
        self.assertEqual(self.po.find('Probationary Member').msgstr, '预备党员')

    def test_placeholders_kept(self):
        import re
        pattern = re.compile(r'%(?:\(\w+\))?s')
        for entry in self.po:
            self.assertEqual(sorted(pattern.findall(entry.msgid)),
                             sorted(pattern.findall(entry.msgstr)), entry.msgid)


def models_base_fields(env):
    """Fields every model has, or gets from mail: translated by Odoo."""
    names = set(env['mail.thread']._fields) | set(
        env['mail.activity.mixin']._fields)
    return names | {'id', 'display_name', 'create_uid', 'create_date',
                    'write_uid', 'write_date', '__last_update'}
