from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_guard import trusted

# the booking's state for each state of its meeting
BOOKING_STATES = {'planned': 'booked', 'held': 'used',
                  'cancelled': 'cancelled'}


class PartyMeeting(models.Model):
    """A meeting planned at a venue books it; the booking follows the
    meeting (times, cancellation) and, once the meeting is held, records
    the use: the meeting's attendance and photos are the trace."""
    _inherit = 'party.meeting'

    venue_id = fields.Many2one(
        'party.venue', string='Venue', track_visibility='onchange',
        domain=[('state', '=', 'in_use')],
        help="Planning the meeting here books the venue for its time.")
    booking_id = fields.Many2one('party.venue.booking', string='Booking',
                                 readonly=True, copy=False)

    @api.onchange('venue_id')
    def _onchange_venue_id(self):
        if self.venue_id:
            self.place = self.venue_id.name

    @api.model
    def create(self, vals):
        meeting = super(PartyMeeting, self).create(vals)
        if meeting.venue_id:
            meeting._sync_booking()
        return meeting

    @api.multi
    def write(self, vals):
        res = super(PartyMeeting, self).write(vals)
        if {'venue_id', 'start', 'end', 'state', 'name',
                'organization_id'} & set(vals):
            self._sync_booking()
        return res

    def _sync_booking(self):
        """Create, move, cancel or remove the meeting's booking. Runs with
        the user's record rules: a user books only for organizations in
        their scope, at a venue serving them."""
        Booking = trusted(self.env['party.venue.booking'])
        for meeting in self:
            booking = trusted(meeting.booking_id)
            if not meeting.venue_id:
                if booking:
                    booking.write({'meeting_id': False})
                    booking.unlink()
                continue
            if not meeting.end:
                raise ValidationError(_(
                    "Meeting %(meeting)s is planned at %(venue)s: enter "
                    "its end, to book the venue for its time.") % {
                        'meeting': meeting.name,
                        'venue': meeting.venue_id.name})
            vals = {
                'name': meeting.name,
                'venue_id': meeting.venue_id.id,
                'organization_id': meeting.organization_id.id,
                'start': meeting.start,
                'stop': meeting.end,
                'state': BOOKING_STATES[meeting.state],
            }
            if booking:
                changed = {key: value for key, value in vals.items()
                           if (booking[key].id if key.endswith('_id')
                               else booking[key]) != value}
                if changed:
                    booking.write(changed)
            else:
                vals['meeting_id'] = meeting.id
                trusted(meeting).write({'booking_id': Booking.create(vals).id})
