"""Messages, followers, activities and attachments of party records follow
the record's scope on every path an ordinary login can reach over RPC, and
the history of a held meeting stays as it was written."""
# message bodies here are test data, not text shown to users
# pylint: disable=translation-required
import base64

from odoo.exceptions import AccessError, MissingError

from .common import PartyCase

REFUSED = (AccessError, MissingError)


class MailScopeCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super(MailScopeCase, cls).setUpClass()
        # an employee with no party role at all
        cls.plain = cls.env['res.users'].create({
            'name': 'Test plain', 'login': 'test_plain',
            'email': 'test_plain@example.com',
            'groups_id': [(6, 0, [cls.env.ref('base.group_user').id])],
        })
        # the attackers: nobody is an officer without organizations
        cls.outsiders = (cls.viewer, cls.secretary, cls.nobody, cls.plain)
        # out of everyone's scope but the manager's
        cls.secret_msg = cls.member_b1.message_post(
            body='Secret note on B1', message_type='comment',
            subtype='mail.mt_note')
        # in the scope of the viewer and the secretary
        cls.a1_msg = cls.member_a1.message_post(
            body='Note on A1', message_type='comment',
            subtype='mail.mt_note')
        cls.meeting_type = cls.env.ref(
            'party_building.meeting_type_theme_day')

    def make_meeting(self, org, **vals):
        return self.env['party.meeting'].create(dict(
            name='Theme day', type_id=self.meeting_type.id,
            organization_id=org.id, start='2024-03-01 02:00:00',
            tz='Asia/Shanghai', **vals))

    def attachment(self, record, name, **vals):
        return self.env['ir.attachment'].create(dict(
            name=name, datas_fname=name, res_model=record._name,
            res_id=record.id, datas=base64.b64encode(b'content'), **vals))

    def activity(self, record, user, summary):
        return self.env['mail.activity'].create({
            'res_model_id': self.env['ir.model']._get(record._name).id,
            'res_id': record.id, 'summary': summary, 'user_id': user.id,
        })


class TestMessageScope(MailScopeCase):

    def test_read_group_hides_out_of_scope_messages(self):
        for user in self.outsiders:
            Message = self.as_user(user, 'mail.message')
            domain = [('model', '=', 'party.member')]
            names = [g['record_name'] for g in Message.read_group(
                domain, ['record_name'], ['record_name'])]
            self.assertNotIn('Member B1', names, user.login)
            bodies = [g['body'] for g in Message.read_group(
                domain, ['body'], ['body'])]
            self.assertFalse([b for b in bodies if b and 'Secret' in b],
                             user.login)
            self.assertEqual(Message.search_count(
                [('id', '=', self.secret_msg.id)]), 0, user.login)
            with self.assertRefused(AccessError, msg=user.login):
                Message.browse(self.secret_msg.id).read(['body'])
            with self.assertRefused(AccessError, msg=user.login):
                Message.browse(self.secret_msg.id).name_get()
            with self.assertRefused(AccessError, msg=user.login):
                Message.browse(self.secret_msg.id).export_data(['body'])

    def test_outgoing_mail_hidden(self):
        mail = self.env['mail.mail'].create({
            'mail_message_id': self.secret_msg.id,
            'body_html': '<p>Secret note on B1</p>'})
        for user in self.outsiders:
            Mail = self.as_user(user, 'mail.mail')
            self.assertFalse(Mail.search([('id', '=', mail.id)]), user.login)
            self.assertFalse(Mail.read_group(
                [('model', '=', 'party.member')], ['record_name'],
                ['record_name']), user.login)
            with self.assertRefused(AccessError, msg=user.login):
                Mail.browse(mail.id).read(['body_html', 'body'])
            with self.assertRefused(AccessError, msg=user.login):
                Mail.browse(mail.id).write({'body': 'Rewritten'})

    def test_authorship_does_not_open_an_out_of_scope_record(self):
        # Odoo lets authors and recipients read a message whatever its
        # document: not on party records
        msg = self.member_b1.message_post(
            body='Authored on B1', author_id=self.viewer.partner_id.id,
            partner_ids=[self.viewer.partner_id.id],
            message_type='comment', subtype='mail.mt_comment')
        Message = self.as_user(self.viewer, 'mail.message')
        self.assertFalse(Message.search([('id', '=', msg.id)]))
        with self.assertRefused(AccessError):
            Message.browse(msg.id).read(['body'])

    def test_in_scope_chatter(self):
        viewer_msgs = self.as_user(self.viewer, 'mail.message')
        groups = viewer_msgs.read_group(
            [('model', '=', 'party.member')], ['record_name'],
            ['record_name'])
        self.assertIn('Member A1', [g['record_name'] for g in groups])
        fetched = viewer_msgs.message_fetch(
            [('model', '=', 'party.member'),
             ('res_id', '=', self.member_a1.id)])
        self.assertIn(self.a1_msg.id, [m['id'] for m in fetched])
        # the secretary posts a note, stars and marks it unread
        member = self.member_a1.sudo(self.secretary)
        note = member.message_post(body='Visited the member',
                                   message_type='comment',
                                   subtype='mail.mt_note')
        self.assertEqual(note.author_id, self.secretary.partner_id)
        note.toggle_message_starred()
        self.assertTrue(note.starred)
        self.assertIn(note.id, viewer_msgs.search(
            [('model', '=', 'party.member'),
             ('res_id', '=', self.member_a1.id)]).ids)
        # the manager sees every company record
        managers = self.as_user(self.manager, 'mail.message')
        self.assertEqual(managers.search_count(
            [('id', '=', self.secret_msg.id)]), 1)

    def test_no_party_role_sees_no_party_message(self):
        Message = self.as_user(self.plain, 'mail.message')
        self.assertEqual(Message.search_count(
            [('model', '=like', 'party.%')]), 0)
        self.assertFalse(Message.read_group(
            [('model', '=like', 'party.%')], ['model'], ['model']))

    def test_out_of_scope_posting_refused(self):
        for user in self.outsiders:
            with self.assertRefused(REFUSED, msg=user.login):
                self.as_user(user, 'mail.message').create({
                    'model': 'party.member', 'res_id': self.member_b1.id,
                    'body': 'Injected', 'message_type': 'comment'})


class TestHeldMeetingHistory(MailScopeCase):

    @classmethod
    def setUpClass(cls):
        super(TestHeldMeetingHistory, cls).setUpClass()
        cls.meeting = cls.env['party.meeting'].create({
            'name': 'Theme day', 'type_id': cls.env.ref(
                'party_building.meeting_type_theme_day').id,
            'organization_id': cls.branch_a1.id,
            'start': '2024-03-01 02:00:00', 'tz': 'Asia/Shanghai'})
        cls.note = cls.meeting.sudo(cls.secretary).message_post(
            body='Minutes taken', message_type='comment',
            subtype='mail.mt_note')
        cls.sheet = cls.env['ir.attachment'].create({
            'name': 'sign-in.pdf', 'datas_fname': 'sign-in.pdf',
            'res_model': 'party.meeting', 'res_id': cls.meeting.id,
            'datas': base64.b64encode(b'signatures')})
        cls.meeting.write({'state': 'held'})

    def test_secretary_cannot_erase_the_trace(self):
        Message = self.as_user(self.secretary, 'mail.message')
        note = Message.browse(self.note.id)
        with self.assertRefused(AccessError):
            note.unlink()
        for vals in ({'body': 'Rewritten'},
                     {'author_id': self.officer.partner_id.id},
                     {'res_id': self.member_a1.id,
                      'model': 'party.member'},
                     {'attachment_ids': [(5,)]}):
            with self.assertRefused(AccessError, msg=str(vals)):
                note.write(vals)
        self.assertTrue(self.note.exists())
        self.assertEqual(self.note.body, '<p>Minutes taken</p>')
        sheet = self.as_user(self.secretary, 'ir.attachment').browse(
            self.sheet.id)
        self.assertEqual(sheet.name, 'sign-in.pdf')
        with self.assertRefused(AccessError):
            sheet.unlink()
        with self.assertRefused(AccessError):
            sheet.write({'datas': base64.b64encode(b'forged')})
        with self.assertRefused(AccessError):
            sheet.write({'res_id': self.make_meeting(self.branch_a1).id})

    def test_secretary_cannot_post_as_someone_else(self):
        meeting = self.meeting.sudo(self.secretary)
        with self.assertRefused(AccessError):
            meeting.message_post(body='The officer approved',
                                 author_id=self.officer.partner_id.id,
                                 message_type='comment')
        Message = self.as_user(self.secretary, 'mail.message')
        with self.assertRefused(AccessError):
            Message.create({
                'model': 'party.meeting', 'res_id': self.meeting.id,
                'body': 'Approved', 'message_type': 'comment',
                'author_id': self.officer.partner_id.id})
        with self.assertRefused(AccessError):
            Message.with_context(
                default_author_id=self.officer.partner_id.id).create({
                    'model': 'party.meeting', 'res_id': self.meeting.id,
                    'body': 'Approved', 'message_type': 'comment'})
        with self.assertRefused(AccessError):
            Message.create({
                'model': 'party.meeting', 'res_id': self.meeting.id,
                'body': 'Anonymous', 'message_type': 'comment',
                'author_id': False})
        # in her own name she still may
        mine = meeting.message_post(body='Photos follow',
                                    message_type='comment',
                                    subtype='mail.mt_note')
        self.assertEqual(mine.author_id, self.secretary.partner_id)

    def test_officer_correction_leaves_a_trace(self):
        meeting = self.meeting.sudo(self.officer).with_context({})
        before = meeting.message_ids
        meeting.write({'place': 'Room 2'})
        trace = meeting.message_ids - before
        self.assertTrue(trace.sudo().mapped('tracking_value_ids'))
        self.assertEqual(trace.mapped('author_id'), self.officer.partner_id)
        # nobody but the superuser deletes it, not even the officer
        for user in (self.secretary, self.officer, self.manager):
            with self.assertRefused(AccessError, msg=user.login):
                trace.sudo(user).unlink()
        self.assertTrue(trace.exists())
        # the secretary reads it in the chatter
        fetched = self.as_user(self.secretary, 'mail.message').message_fetch(
            [('model', '=', 'party.meeting'),
             ('res_id', '=', self.meeting.id)])
        self.assertIn(trace.id, [m['id'] for m in fetched])
        # and the officer may attach the corrected sheet
        self.as_user(self.officer, 'ir.attachment').create({
            'name': 'corrected.pdf', 'datas_fname': 'corrected.pdf',
            'res_model': 'party.meeting', 'res_id': self.meeting.id,
            'datas': base64.b64encode(b'corrected')})

    def test_deleting_a_planned_meeting_takes_its_history(self):
        planned = self.make_meeting(self.branch_a1)
        planned.sudo(self.secretary).message_post(
            body='Agenda', message_type='comment', subtype='mail.mt_note')
        attachment = self.attachment(planned, 'agenda.pdf')
        planned.sudo(self.secretary).unlink()
        self.assertFalse(planned.exists())
        self.assertFalse(attachment.exists())
        self.assertFalse(self.env['mail.message'].search(
            [('model', '=', 'party.meeting'), ('res_id', '=', planned.id)]))


class TestFollowerScope(MailScopeCase):

    def test_follow_out_of_scope_refused(self):
        for user in self.outsiders:
            Followers = self.as_user(user, 'mail.followers')
            with self.assertRefused(REFUSED, msg=user.login):
                Followers.create({
                    'res_model': 'party.member',
                    'res_id': self.member_b1.id,
                    'partner_id': user.partner_id.id})
            # Odoo's own API quietly refuses
            self.member_b1.sudo(user).message_subscribe_users()
        self.assertFalse(self.member_b1.message_partner_ids & self.env[
            'res.users'].browse([u.id for u in self.outsiders]).mapped(
                'partner_id'))

    def test_followers_of_out_of_scope_records_hidden(self):
        self.member_b1.message_subscribe_users([self.manager.id])
        follower = self.member_b1.message_follower_ids.filtered(
            lambda f: f.partner_id == self.manager.partner_id)
        for user in self.outsiders:
            Followers = self.as_user(user, 'mail.followers')
            self.assertEqual(Followers.search_count([
                ('res_model', '=', 'party.member'),
                ('res_id', '=', self.member_b1.id)]), 0, user.login)
            self.assertFalse(Followers.read_group(
                [('res_model', '=', 'party.member'),
                 ('res_id', '=', self.member_b1.id)],
                ['partner_id'], ['partner_id']), user.login)
            with self.assertRefused(AccessError, msg=user.login):
                Followers.browse(follower.id).read(['partner_id'])

    def test_follow_in_scope(self):
        member = self.member_a1.sudo(self.viewer)
        member.message_subscribe_users()
        self.assertIn(self.viewer.partner_id, member.message_partner_ids)
        # a viewer cannot add others: that is a change to the record
        with self.assertRefused(AccessError):
            member.message_subscribe([self.secretary.partner_id.id])
        # the secretary adds someone in scope, not someone outside it
        member = self.member_a1.sudo(self.secretary)
        member.message_subscribe([self.officer.partner_id.id])
        self.assertIn(self.officer.partner_id, member.message_partner_ids)
        for outsider in (self.nobody, self.plain):
            with self.assertRefused(AccessError, msg=outsider.login):
                member.message_subscribe([outsider.partner_id.id])
            with self.assertRefused(AccessError, msg=outsider.login):
                self.as_user(self.secretary, 'mail.followers').create({
                    'res_model': 'party.member',
                    'res_id': self.member_a1.id,
                    'partner_id': outsider.partner_id.id})
        channel = self.env['mail.channel'].create({'name': 'Everyone'})
        with self.assertRefused(AccessError):
            member.message_subscribe(channel_ids=[channel.id])

    def test_follower_cannot_be_moved_out_of_scope(self):
        self.member_a1.sudo(self.viewer).message_subscribe_users()
        follower = self.as_user(self.viewer, 'mail.followers').search([
            ('res_model', '=', 'party.member'),
            ('res_id', '=', self.member_a1.id),
            ('partner_id', '=', self.viewer.partner_id.id)])
        self.assertEqual(len(follower), 1)
        with self.assertRefused(AccessError):
            follower.write({'res_id': self.member_b1.id})


class TestActivityScope(MailScopeCase):

    def test_out_of_scope_activities_hidden(self):
        secret = self.activity(self.branch_b1, self.manager,
                               'Secret reminder')
        # even assigned to her, an out-of-scope record's activity is closed
        assigned = self.activity(self.branch_b1, self.viewer,
                                 'Stale assignment')
        for user in self.outsiders:
            Activity = self.as_user(user, 'mail.activity')
            domain = [('res_model', '=', 'party.organization')]
            self.assertFalse(Activity.search(
                domain + [('id', 'in', (secret | assigned).ids)]),
                user.login)
            groups = Activity.read_group(domain, ['res_name'], ['res_name'])
            self.assertNotIn('Branch B1', [g['res_name'] for g in groups],
                             user.login)
            groups = Activity.read_group(domain, ['summary'], ['summary'])
            self.assertFalse({'Secret reminder', 'Stale assignment'} & {
                g['summary'] for g in groups}, user.login)
            for activity in (secret, assigned):
                record = Activity.browse(activity.id)
                with self.assertRefused(AccessError, msg=user.login):
                    record.read(['summary'])
                with self.assertRefused(AccessError, msg=user.login):
                    record.write({'summary': 'Changed'})
                with self.assertRefused(AccessError, msg=user.login):
                    record.unlink()
        self.assertTrue((secret | assigned).exists())

    def test_schedule_in_scope(self):
        Activity = self.as_user(self.secretary, 'mail.activity')
        model_id = self.env['ir.model']._get('party.organization').id
        activity = Activity.create({
            'res_model_id': model_id, 'res_id': self.branch_a1.id,
            'summary': 'Prepare the meeting',
            'user_id': self.secretary.id})
        viewers = self.as_user(self.viewer, 'mail.activity')
        self.assertIn(activity, viewers.search(
            [('res_model', '=', 'party.organization')]))
        # not assigned to someone who cannot read the record
        for outsider in (self.nobody, self.plain):
            with self.assertRefused(AccessError, msg=outsider.login):
                Activity.create({
                    'res_model_id': model_id, 'res_id': self.branch_a1.id,
                    'summary': 'Out', 'user_id': outsider.id})
        # not on a record out of scope, nor moved there
        with self.assertRefused(AccessError):
            Activity.create({
                'res_model_id': model_id, 'res_id': self.branch_b1.id,
                'summary': 'Out', 'user_id': self.secretary.id})
        with self.assertRefused(AccessError):
            activity.write({'res_id': self.branch_b1.id})
        # done: the activity goes, a message stays
        message_id = activity.action_feedback('Prepared')
        self.assertFalse(activity.exists())
        message = self.env['mail.message'].browse(message_id)
        self.assertEqual(message.author_id, self.secretary.partner_id)
        self.assertEqual(message.res_id, self.branch_a1.id)


class TestAttachmentScope(MailScopeCase):

    def test_out_of_scope_attachments_hidden(self):
        secret = self.attachment(self.member_b1, 'secret.pdf')
        public = self.attachment(self.member_b1, 'public.pdf', public=True)
        for user in self.outsiders:
            Attachment = self.as_user(user, 'ir.attachment')
            domain = [('res_model', '=', 'party.member')]
            self.assertFalse(Attachment.search(
                domain + [('id', 'in', (secret | public).ids)]),
                user.login)
            for field in ('res_name', 'name'):
                groups = Attachment.read_group(domain, [field], [field])
                self.assertFalse(
                    {'Member B1', 'secret.pdf', 'public.pdf'} & {
                        g[field] for g in groups}, user.login)
            for attachment in (secret, public):
                with self.assertRefused(AccessError, msg=user.login):
                    Attachment.browse(attachment.id).read(['datas'])
                with self.assertRefused(AccessError, msg=user.login):
                    Attachment.browse(attachment.id).unlink()

    def test_in_scope_attachments(self):
        Attachment = self.as_user(self.secretary, 'ir.attachment')
        mine = Attachment.create({
            'name': 'photo.jpg', 'datas_fname': 'photo.jpg',
            'res_model': 'party.member', 'res_id': self.member_a1.id,
            'datas': base64.b64encode(b'photo')})
        viewers = self.as_user(self.viewer, 'ir.attachment')
        self.assertEqual(viewers.browse(mine.id).name, 'photo.jpg')
        groups = viewers.read_group([('res_model', '=', 'party.member')],
                                    ['res_name'], ['res_name'])
        self.assertIn('Member A1', [g['res_name'] for g in groups])
        mine.unlink()
        self.assertFalse(mine.exists())


class TestScopeCost(MailScopeCase):

    def test_queries_do_not_grow_with_the_messages(self):
        Message = self.as_user(self.viewer, 'mail.message')
        domain = [('model', '=', 'party.member')]

        def cost():
            counts = []
            for call in (
                    lambda: Message.search_count(domain),
                    lambda: Message.read_group(domain, ['record_name'],
                                               ['record_name']),
                    lambda: Message.search_read(domain, ['body'])):
                Message.invalidate_cache()
                with self.count_queries() as n:
                    call()
                counts.append(n[0])
            return counts

        cost()  # warm the caches
        before = cost()
        for member in (self.member_a1, self.member_g1, self.member_b1):
            for i in range(5):
                member.message_post(body='Note %d' % i,
                                    message_type='comment',
                                    subtype='mail.mt_note')
        cost()
        self.assertEqual(cost(), before)
