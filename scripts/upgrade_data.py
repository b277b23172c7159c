# Run by scripts/test_upgrade.sh in `odoo shell` on the database installed at
# the old version, before the upgrade: the records a party committee keeps in
# daily use, made through the ORM as its users would (an officer and the
# branch secretary, not the superuser, so that the old rules and checks run).
# tests/test_upgrade.py (TestUpgradedData) reads them after the upgrade.
# `odoo shell` defines `env`, the superuser's environment.
env = env  # noqa: F821
QUIET = {'tracking_disable': True, 'mail_create_nolog': True,
         'mail_notrack': True}
admin = env(context=QUIET)


def make_user(login, group, organizations):
    return admin['res.users'].create({
        'name': login.replace('_', ' ').title(),
        'login': login,
        'password': login,
        'email': '%s@example.com' % login,
        'groups_id': [(6, 0, [admin.ref('base.group_user').id,
                              admin.ref('party_building.%s' % group).id])],
        'party_organization_ids': [(6, 0, organizations.ids)],
    })


# an administrator sets up the top of the tree and the officer in charge
county = admin['party.organization'].create({
    'name': 'Upgrade County Committee', 'kind': 'committee',
    'code': 'UPG-COUNTY'})
officer = make_user('upgrade_officer', 'group_officer', county)

# the officer builds the tree below and enters the members
as_officer = admin(user=officer.id)
Org = as_officer['party.organization']
street = Org.create({'name': 'Upgrade Street Committee', 'kind': 'committee',
                     'parent_id': county.id})
branch = Org.create({'name': 'Upgrade Branch One', 'kind': 'branch',
                     'parent_id': street.id})
Org.create({'name': 'Upgrade Group One', 'kind': 'group',
            'parent_id': branch.id})
sibling = Org.create({'name': 'Upgrade Branch Two', 'kind': 'branch',
                      'parent_id': street.id})
Member = as_officer['party.member']
secretary_member = Member.create({
    'name': 'Upgrade Secretary', 'organization_id': branch.id,
    'status': 'full', 'join_date': '2010-07-01', 'full_date': '2011-07-01'})
colleague = Member.create({
    'name': 'Upgrade Member One', 'organization_id': branch.id,
    'status': 'full', 'join_date': '2015-07-01', 'full_date': '2016-07-01'})
Member.create({'name': 'Upgrade Member Two', 'organization_id': sibling.id})

# the branch's current term and its committee. 11.0.1.1.0's rules refused
# party users committee posts and training (they read the lines' own stored
# organization before it is written): an administrator entered them.
term = as_officer['party.term'].create({
    'organization_id': branch.id, 'number': 3, 'election_date': '2023-03-01',
    'start_date': '2023-03-01'})
term.action_start()
admin['party.term.position'].create({
    'term_id': term.id, 'member_id': secretary_member.id,
    'role_id': admin.ref('party_building.position_role_secretary').id})
admin['party.secretary.training'].create({
    'member_id': secretary_member.id, 'course': 'Secretaries training course',
    'hours': 16, 'date': '2023-06-01'})

secretary = make_user('upgrade_secretary', 'group_secretary', branch)
# what she sees before the upgrade, so the check after it means something
as_secretary = admin(user=secretary.id)
assert as_secretary['party.term.position'].search([]).mapped(
    'member_id') == secretary_member
assert as_secretary['party.secretary.training'].search([]).mapped(
    'course') == ['Secretaries training course']
assert not as_secretary['party.member'].search(
    [('name', '=', 'Upgrade Member Two')])
env.cr.commit()
print('[upgrade] old-version data created')
