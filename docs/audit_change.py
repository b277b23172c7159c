"""Changes for the audit-trail screenshots, as a demo officer would make them
over XML-RPC on a running `make run` (changes the demo database):

    python3 docs/audit_change.py [BASE_URL] [DB]

A member's mobile number corrected, and a member present at a held meeting
recorded as excused afterwards: each shows in Configuration › Audit Trail
for the manager."""
import sys
from xmlrpc import client


def main(base_url, db):
    uid = client.ServerProxy(base_url + '/xmlrpc/2/common').authenticate(
        db, 'officer', 'officer', {})
    models = client.ServerProxy(base_url + '/xmlrpc/2/object')

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, 'officer', model, method,
                                 list(args), kwargs)
    member = call('party.member', 'search', [('id_number', '!=', False)],
                  limit=1)
    call('party.member', 'write', member, {'mobile': '13907450001'})
    line = call('party.meeting.attendance', 'search',
                [('meeting_id.state', '=', 'held'), ('state', '=', 'present')],
                limit=1)
    call('party.meeting.attendance', 'write', line,
         {'state': 'excused', 'reason': '外出学习（补记）'})
    print('changed member %s and attendance %s' % (member, line))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'http://127.0.0.1:8069',
         sys.argv[2] if len(sys.argv) > 2 else 'party_building')
