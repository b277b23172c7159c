"""Loads i18n/NEW_lifecycle.po (plain msgid/msgstr entries, merged into
zh_CN.po by the lead) into a test database's translations, so that the
browser test's screenshots show this part in Chinese before the merge.
Once merged, zh_CN.po provides the same terms and this changes nothing."""
import os

import polib
import psycopg2

I18N = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n')
MODELS = ('party.applicant', 'party.applicant.advance', 'party.member',
          'party.member.decision', 'party.member.conversion',
          'party.recruitment.stage', 'party.member.history')


def load_new_terms(env, lang='zh_CN'):
    path = os.path.join(I18N, 'NEW_lifecycle.po')
    terms = {e.msgid: e.msgstr for e in polib.pofile(path) if e.msgstr}
    Translation = env['ir.translation']
    existing = set()
    rows = []

    def add(kind, name, res_id, src):
        key = (kind, name, res_id, src)
        if src in terms and key not in existing:
            existing.add(key)
            rows.append({'type': kind, 'name': name, 'res_id': res_id,
                         'src': src, 'value': terms[src], 'lang': lang,
                         'module': 'party_building', 'state': 'translated'})
    for src in terms:
        add('code', 'addons/party_building/models/party_lifecycle.py', 0,
            src)
    for field in env['ir.model.fields'].search([('model', 'in', MODELS)]):
        add('model', 'ir.model.fields,field_description', field.id,
            field.with_context(lang=None).field_description)
        add('model', 'ir.model.fields,help', field.id,
            field.with_context(lang=None).help)
        if field.ttype == 'selection':
            model_field = env[field.model]._fields.get(field.name)
            if model_field and isinstance(model_field.selection, list):
                for _value, label in model_field.selection:
                    add('selection', '%s,%s' % (field.model, field.name),
                        0, label)
    for view in env['ir.ui.view'].search([('model', 'in', MODELS)]):
        arch = view.with_context(lang=None).arch_db
        for src in terms:
            if src in arch:
                add('model', 'ir.ui.view,arch_db', view.id, src)
    for model, field in (('ir.ui.menu', 'name'),
                         ('ir.actions.act_window', 'name'),
                         ('ir.actions.act_window', 'help'),
                         ('party.recruitment.stage', 'name'),
                         ('party.recruitment.stage', 'description'),
                         ('party.assessment.metric', 'name'),
                         ('mail.activity.type', 'name')):
        for record in env[model].with_context(
                lang=None, active_test=False).search([]):
            value = record[field]
            if isinstance(value, str):
                add('model', '%s,%s' % (model, field), record.id, value)
    for row in rows:
        try:
            with env.cr.savepoint():
                Translation.create(row)
        except psycopg2.IntegrityError:
            # translated already (zh_CN.po once merged)
            continue
    env['ir.translation'].clear_caches()
    return len(rows)
