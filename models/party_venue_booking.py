"""Who uses a venue when. Two bookings of a venue never overlap: the
database refuses it (an exclusion constraint on the time range), so that
two users booking the same hour at once cannot both succeed."""
import psycopg2
import pytz
from psycopg2 import errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_guard import trusted

EXCLUSION = 'party_venue_booking_no_overlap'


class PartyVenueBooking(models.Model):
    """A booking of a venue by one of the organizations it serves. A
    meeting planned at a venue books it; once held, the meeting (its
    attendance, sign-in sheet and photos) is the record of use."""
    _name = 'party.venue.booking'
    _description = 'Venue Booking'
    _inherit = ['party.scoped.mixin', 'mail.thread']
    _order = 'start desc, id desc'

    name = fields.Char(string='Purpose', required=True,
                       track_visibility='onchange')
    venue_id = fields.Many2one('party.venue', string='Venue', required=True,
                               ondelete='restrict', index=True,
                               auto_join=True, track_visibility='onchange')
    organization_id = fields.Many2one(
        string='Booked for',
        help="An organization the venue serves, or one below it.")
    start = fields.Datetime(required=True, track_visibility='onchange')
    stop = fields.Datetime(string='End', required=True,
                           track_visibility='onchange')
    duration = fields.Float(string='Hours', compute='_compute_duration',
                            store=True)
    user_id = fields.Many2one('res.users', string='Booked by', readonly=True,
                              default=lambda self: self.env.uid)
    meeting_id = fields.Many2one('party.meeting', string='Meeting',
                                 readonly=True, ondelete='cascade',
                                 index=True)
    present_count = fields.Integer(related='meeting_id.present_count',
                                   readonly=True, string='Present')
    state = fields.Selection([
        ('booked', 'Booked'),
        ('used', 'Used'),
        ('cancelled', 'Cancelled'),
    ], required=True, default='booked', readonly=True, index=True,
        track_visibility='onchange')

    _sql_constraints = [
        ('stop_after_start', 'CHECK (stop > start)',
         'A booking must end after it starts.'),
    ]

    @api.model_cr_context
    def _auto_init(self):
        # the exclusion constraint compares the venue (=) and the time
        # range (&&) in one GiST index: btree_gist gives integers their =
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        res = super(PartyVenueBooking, self)._auto_init()
        self.env.cr.execute(
            "SELECT 1 FROM pg_constraint WHERE conname = %s", [EXCLUSION])
        if not self.env.cr.fetchone():
            # back to back is fine: tsrange is [start, stop)
            query = """
                ALTER TABLE party_venue_booking ADD CONSTRAINT %s
                EXCLUDE USING gist (venue_id WITH =,
                                    tsrange(start, stop) WITH &&)
                WHERE (state != 'cancelled')
            """ % EXCLUSION
            self.env.cr.execute(query)  # pylint: disable=sql-injection
        return res

    @api.depends('start', 'stop')
    def _compute_duration(self):
        for booking in self:
            if booking.start and booking.stop:
                delta = fields.Datetime.from_string(booking.stop) \
                    - fields.Datetime.from_string(booking.start)
                booking.duration = delta.total_seconds() / 3600.0
            else:
                booking.duration = 0.0

    # -- checks ------------------------------------------------------------

    @api.constrains('venue_id', 'organization_id')
    def _check_served(self):
        for booking in self.sudo():
            venue = booking.venue_id
            path = booking.organization_id.path or ''
            if not any(path.startswith(org.path)
                       for org in venue.organization_ids):
                raise ValidationError(_(
                    "%(venue)s does not serve %(organization)s: book a "
                    "venue of your organization or of one above it.") % {
                        'venue': venue.name,
                        'organization': booking.organization_id.name})

    @api.constrains('venue_id', 'state')
    def _check_venue_in_use(self):
        for booking in self.sudo():
            if booking.state == 'booked' \
                    and booking.venue_id.state != 'in_use':
                raise ValidationError(_(
                    "%(venue)s is not in use: it cannot be booked.") % {
                        'venue': booking.venue_id.name})

    def _check_times(self, vals):
        start = vals.get('start', self[:1].start if self else False)
        stop = vals.get('stop', self[:1].stop if self else False)
        if start and stop and stop <= start:
            raise ValidationError(_(
                "A booking must end after it starts: check its times."))

    @api.model
    def _find_overlap(self, venue_id, start, stop, exclude_ids=()):
        """The first live booking of the venue that overlaps [start,
        stop), read as superuser: its name goes into the error only."""
        return self.sudo().search([
            ('venue_id', '=', venue_id),
            ('id', 'not in', list(exclude_ids)),
            ('state', '!=', 'cancelled'),
            ('start', '<', stop),
            ('stop', '>', start),
        ], limit=1)

    def _check_free(self, vals):
        """Name the booking in the way before the database refuses the
        overlap (it does also when two transactions book at once)."""
        if vals.get('state', 'booked') == 'cancelled':
            return
        for booking in self or [self.browse()]:
            if booking.state == 'cancelled' and 'state' not in vals:
                continue
            venue_id = vals.get('venue_id', booking.venue_id.id)
            start = vals.get('start', booking.start)
            stop = vals.get('stop', booking.stop)
            if not (venue_id and start and stop):
                continue
            other = self._find_overlap(venue_id, start, stop, booking.ids)
            if other:
                raise ValidationError(
                    other._overlap_message(self._reader_tz()))

    def _overlap_message(self, tz):
        """The error naming this booking, its times in the reader's `tz`."""
        zone = pytz.timezone(tz or 'UTC')

        def local(value):
            return pytz.utc.localize(fields.Datetime.from_string(
                value)).astimezone(zone).strftime('%Y-%m-%d %H:%M')
        return _(
            "%(venue)s is already booked from %(start)s to %(stop)s for "
            "\"%(booking)s\" (%(organization)s): choose another time or "
            "venue.") % {
                'venue': self.venue_id.name, 'start': local(self.start),
                'stop': local(self.stop), 'booking': self.name,
                'organization': self.organization_id.name}

    def _reader_tz(self):
        return self.env.context.get('tz') or self.env.user.tz

    def _raise_concurrent_overlap(self, venue_id, start, stop):
        """The database refused an overlap with a booking committed while
        we worked: this transaction cannot see it, a fresh cursor can."""
        with self.pool.cursor() as cr:
            env = self.env(cr=cr)
            other = env['party.venue.booking']._find_overlap(
                venue_id, start, stop)
            # this transaction is aborted: read the reader's zone there
            tz = self.env.context.get('tz') or env.user.tz
            message = other._overlap_message(tz) if other else _(
                "The venue is already booked at that time.")
        raise ValidationError(message)

    # -- CRUD --------------------------------------------------------------

    @api.model
    def create(self, vals):
        self.browse()._check_times(vals)
        self.browse()._check_free(vals)
        try:
            booking = super(PartyVenueBooking, self).create(vals)
        except psycopg2.IntegrityError as error:
            if error.pgcode != errorcodes.EXCLUSION_VIOLATION:
                raise
            self._raise_concurrent_overlap(
                vals.get('venue_id'), vals.get('start'), vals.get('stop'))
        return booking

    @api.multi
    def write(self, vals):
        self._check_times(vals)
        if {'start', 'stop', 'venue_id', 'state'} & set(vals):
            self._check_free(vals)
        try:
            res = super(PartyVenueBooking, self).write(vals)
        except psycopg2.IntegrityError as error:
            if error.pgcode != errorcodes.EXCLUSION_VIOLATION \
                    or len(self) != 1:
                raise
            self._raise_concurrent_overlap(
                self.venue_id.id, self.start, self.stop)
        return res

    @api.multi
    def unlink(self):
        if self.filtered('meeting_id'):
            raise UserError(_(
                "This booking belongs to a meeting: change or cancel the "
                "meeting."))
        return super(PartyVenueBooking, self).unlink()

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda b: b.meeting_id or b.state == 'used'):
            raise UserError(_(
                "A used booking, or one that belongs to a meeting, is "
                "changed through its meeting."))
        self.check_access_rights('write')
        self.check_access_rule('write')
        trusted(self).write({'state': 'cancelled'})
        return True
