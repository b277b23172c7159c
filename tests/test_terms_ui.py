"""Terms as people find and read them: the display name says whose term
it is, in the reader's language; typing "第7届", "Term 7", "7" or
"锦园 7" finds terms within the user's scope, without errors; a new term
takes the next number from the form as well as on creation."""
import contextlib
import logging
import os

from odoo.tools.translate import trans_load

from .common import PartyCase

PO = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n',
                  'zh_CN.po')


class TestTermNames(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(TestTermNames, cls).setUpClass()
        cls.branch_a1.name = '锦园社区党支部'
        Term = cls.env['party.term']

        def term(org, number, start):
            return Term.create({'organization_id': org.id, 'number': number,
                                'start_date': start})
        cls.a1_6 = term(cls.branch_a1, 6, '2014-01-01')
        cls.a1_7 = term(cls.branch_a1, 7, '2019-01-01')
        cls.a2_7 = term(cls.branch_a2, 7, '2019-01-01')
        cls.b1_7 = term(cls.branch_b1, 7, '2019-01-01')
        cls.b1_12 = term(cls.branch_b1, 12, '2034-01-01')

    def found(self, user, name, operator='ilike'):
        """Terms found by name_search as `user`, failing on any error or
        warning Odoo logs meanwhile (a non-searchable name logs one)."""
        with self.no_logged_errors():
            result = self.env['party.term'].sudo(user).name_search(
                name, operator=operator, limit=None)
        return self.env['party.term'].browse([id_ for id_, _ in result])

    @contextlib.contextmanager
    def no_logged_errors(self):
        records = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = records.append
        logger = logging.getLogger('odoo')
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
        self.assertFalse([r.getMessage() for r in records])

    def test_display_name_says_whose_term(self):
        self.assertEqual(self.a1_7.sudo(self.secretary).display_name,
                         '锦园社区党支部, Term 7')
        # the form's short title stays "Term 7"
        self.assertEqual(self.a1_7.sudo(self.secretary).name, 'Term 7')

    def test_display_name_in_the_readers_language(self):
        self.env['res.lang'].load_lang('zh_CN')
        trans_load(self.env.cr, PO, 'zh_CN', verbose=False,
                   module_name='party_building')
        Translation = self.env['ir.translation']
        Translation.clear_caches()
        self.addCleanup(Translation.clear_caches)
        self.secretary.lang = 'zh_CN'
        term = self.a1_7.sudo(self.secretary).with_context(lang='zh_CN')
        self.assertEqual(term.name_get()[0][1], '锦园社区党支部 第7届')
        self.assertEqual(term.name, '第7届')
        # and the Chinese display name finds the term again
        self.assertEqual(self.found(self.secretary, '锦园社区党支部 第7届'),
                         self.a1_7)

    def test_found_by_number_within_scope(self):
        for text in ('第7届', '第七届', 'Term 7', 'term 7', '7', '7届',
                     ' 第 7 届 ', '７'):
            self.assertEqual(self.found(self.secretary, text), self.a1_7,
                             text)
        # the viewer's scope holds both branches of city A, not city B's
        self.assertEqual(self.found(self.viewer, 'Term 7'),
                         self.a1_7 | self.a2_7)
        self.assertEqual(self.found(self.manager, '第7届'),
                         self.a1_7 | self.a2_7 | self.b1_7)
        self.assertEqual(self.found(self.manager, '第十二届'), self.b1_12)

    def test_found_by_organization_and_number(self):
        self.assertEqual(self.found(self.secretary, '锦园'),
                         self.a1_6 | self.a1_7)
        for text in ('锦园 7', '锦园第7届', '锦园社区党支部 第七届',
                     '锦园社区党支部, Term 7', self.a1_7.display_name):
            self.assertEqual(self.found(self.secretary, text), self.a1_7,
                             text)
        self.assertEqual(self.found(self.viewer, 'Branch A2 7'), self.a2_7)
        # another scope's organization is not found by its name either
        self.assertFalse(self.found(self.secretary, 'Branch B1'))
        self.assertFalse(self.found(self.viewer, 'Branch B1, Term 7'))
        # an exact search needs the whole display name
        self.assertEqual(self.found(self.secretary, self.a1_7.display_name,
                                    operator='='), self.a1_7)
        self.assertFalse(self.found(self.secretary, '锦园 7', operator='='))

    def test_odd_input_finds_nothing_without_error(self):
        for text in ('第0届', '0', 'Term 99', '第十十届', '99999999999999999999',
                     'x' * 1000, "'; DROP TABLE party_term; --",
                     '第届', 'Term', 'Term\u000099'):
            self.assertFalse(self.found(self.manager, text), text)
        # an empty text or a wildcard lists the scope, as elsewhere in Odoo
        for text in ('', '%', '_', '\u0000'):
            self.assertEqual(self.found(self.secretary, text),
                             self.a1_6 | self.a1_7, text)

    def test_name_in_domains(self):
        Term = self.env['party.term'].sudo(self.secretary)
        with self.no_logged_errors():
            self.assertEqual(Term.search([('name', 'not ilike', '第7届')]),
                             self.a1_6)
            self.assertEqual(Term.search([('name', 'in', ['第6届', '7'])]),
                             self.a1_6 | self.a1_7)
            self.assertEqual(Term.search([('name', 'not in', ['第6届'])]),
                             self.a1_7)
            self.assertFalse(Term.search([('name', '=', False)]))
            self.assertEqual(Term.search([('name', '!=', False)]),
                             self.a1_6 | self.a1_7)
            self.assertEqual(Term.search([('name', '>', '锦园')]),
                             Term.search([('organization_id.name', '>',
                                           '锦园')]))


class TestNextNumber(PartyCase):
    """The number of a new term follows the organization's last term,
    whichever way the term is begun."""

    @classmethod
    def setUpClass(cls):
        super(TestNextNumber, cls).setUpClass()
        cls.env['party.term'].create({
            'organization_id': cls.branch_a1.id, 'number': 3,
            'start_date': '2019-01-01'})

    def form_values(self, Term):
        """What the web client sends: every field of the form, empty
        unless defaulted (Odoo reports changes of these fields only)."""
        values = {name: [] if Term._fields[name].type.endswith('2many')
                  else False for name in Term._onchange_spec()
                  if '.' not in name}
        values.update(Term.default_get(list(values)))
        return values

    def onchange(self, user, values, field):
        Term = self.env['party.term'].sudo(user)
        spec = Term._onchange_spec()
        return Term.onchange(values, field, spec)['value']

    def test_form_onchange_of_the_organization(self):
        for user in (self.secretary, self.officer):
            values = self.form_values(self.env['party.term'].sudo(user))
            values['organization_id'] = self.branch_a1.id
            self.assertEqual(self.onchange(user, values,
                                           'organization_id')['number'], 4)
        # an organization without terms starts at 1
        values['organization_id'] = self.branch_a2.id
        self.assertEqual(
            self.onchange(self.officer, values, 'organization_id')['number'],
            1)

    def test_from_the_organizations_terms_tab(self):
        # the organization form opens the new term with its organization as
        # default; the client then asks the onchanges of every field
        Term = self.env['party.term'].sudo(self.officer).with_context(
            default_organization_id=self.branch_a1.id)
        values = self.form_values(Term)
        self.assertEqual(values['organization_id'], self.branch_a1.id)
        result = Term.onchange(values, [], Term._onchange_spec())['value']
        self.assertEqual(result['number'], 4)

    def test_created_without_a_number(self):
        term = self.env['party.term'].sudo(self.secretary).create({
            'organization_id': self.branch_a1.id,
            'start_date': '2024-01-01'})
        self.assertEqual(term.number, 4)


class TestTransientModelsAccess(PartyCase):
    """Odoo 11 gives every user the wizards (transient models) of their
    own, and warns at every start about explicit access rows for them: the
    addon has none, and a viewer still runs the compliance matrix."""

    def test_no_access_rows_for_transient_models(self):
        rows = self.env['ir.model.access'].search([
            ('model_id.transient', '=', True),
            ('model_id.model', '=like', 'party.%')])
        self.assertFalse(rows.mapped('name'))

    def test_viewer_uses_the_compliance_matrix(self):
        wizard = self.env['party.meeting.compliance'].sudo(self.viewer)
        self.assertTrue(wizard.check_access_rights('create',
                                                   raise_exception=False))
        self.assertTrue(wizard.create({}).exists())
