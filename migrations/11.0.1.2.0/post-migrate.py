"""11.0.1.1.0 renamed the scope helper of the record rules to
res.users._party_scope_domain (private, so not callable over RPC). The rules
are noupdate data, so existing databases keep the old name: rewrite it."""


def migrate(cr, version):
    cr.execute("""
        UPDATE ir_rule
           SET domain_force = replace(domain_force, 'user.party_scope_domain(',
                                      'user._party_scope_domain(')
         WHERE domain_force LIKE '%%user.party_scope_domain(%%'
    """)
