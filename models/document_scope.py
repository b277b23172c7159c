"""Scope of the records that point at a party document through a
(model, res_id) pair: messages, followers, activities and attachments.

Odoo 11 gives these no record rule linking them to their document, so each
of those models adds the SQL condition built here to every query it runs for
an ordinary user (`_apply_ir_rules`: search, search_count, read, read_group,
name_get, export all go through it). The condition is correlated to the
outer row: one index probe per row into the document's table under the
document's own record rules, never a list of ids.
"""
from odoo import SUPERUSER_ID, _
from odoo.exceptions import AccessError

from .party_guard import is_party_model
from .party_meeting import LOCKED_STATES

# Records in these states are the trace of what happened: their messages and
# attachments are kept (model: (state field, locked states)).
LOCKED_RECORDS = {
    'party.meeting': ('state', LOCKED_STATES),
    # the evidence of a submitted self-assessment
    'party.assessment.line': ('state', ('submitted', 'reviewed',
                                        'confirmed')),
}


def party_model_names(env, mixin=None):
    """Names of the party models with a table, those inheriting `mixin`
    only if given."""
    names = []
    for name in sorted(env.registry):
        if not is_party_model(name):
            continue
        model = env[name]
        if model._abstract or model._transient:
            continue
        if mixin and not isinstance(model, env.registry[mixin]):
            continue
        names.append(name)
    return tuple(names)


def scope_clause(model, model_column, res_id_column, mixin=None,
                 alias=None):
    """SQL condition (and its parameters) on the table of `model` (a
    recordset of messages, followers...) that keeps the rows the current
    user may see: rows not linked to a party record, and rows linked to a
    party record that the user can read or that no longer exists. Rows of
    party models not inheriting `mixin` are never visible below the
    superuser: those models cannot carry such rows through Odoo's flows.

    Not cached on purpose: the documents' rules may expand to id lists
    (non auto_join paths), which change with the data.
    """
    outer = '"%s"' % (alias or model._table)
    col_model = '%s."%s"' % (outer, model_column)
    col_res_id = '%s."%s"' % (outer, res_id_column)
    parts = [
        '%s IS NULL' % col_model,
        '%s IS NULL' % col_res_id,
        '%s = 0' % col_res_id,
        '%s NOT IN %%s' % col_model,
    ]
    params = [party_model_names(model.env)]
    env = model.env
    for name in party_model_names(env, mixin):
        Doc = env[name].with_context(active_test=False)
        if not Doc.check_access_rights('read', raise_exception=False):
            continue
        query = Doc._where_calc([])
        Doc._apply_ir_rules(query, 'read')
        from_clause, where_clause, where_params = query.get_sql()
        condition = '"%s".id = %s' % (Doc._table, col_res_id)
        if where_clause:
            condition = '%s AND %s' % (condition, where_clause)
        # rows left behind by a deleted record are Odoo's to judge (its own
        # unlink removes them as the user who deletes the record)
        parts.append(
            '(%s = %%s AND (NOT EXISTS (SELECT 1 FROM "%s" WHERE id = %s) '
            'OR EXISTS (SELECT 1 FROM %s WHERE %s)))' % (
                col_model, Doc._table, col_res_id, from_clause, condition))
        params.append(name)
        params.extend(where_params)
    return '(%s)' % ' OR '.join(parts), params


def apply_scope(model, query, model_column, res_id_column, mixin=None,
                alias=None):
    """Adds the scope condition to an ORM `query` on `model`'s table."""
    if model._uid == SUPERUSER_ID:
        return
    clause, params = scope_clause(model, model_column, res_id_column, mixin,
                                  alias)
    query.where_clause.append(clause)
    query.where_clause_params.extend(params)


def out_of_scope_ids(records, model_column, res_id_column, mixin=None):
    """Ids among `records` the current user may not see (one query)."""
    if records._uid == SUPERUSER_ID or not records.ids:
        return set()
    clause, params = scope_clause(records, model_column, res_id_column,
                                  mixin)
    records.env.cr.execute(
        'SELECT id FROM "%s" WHERE id IN %%s AND NOT %s' % (
            records._table, clause),
        [tuple(records.ids)] + params)
    return {row[0] for row in records.env.cr.fetchall()}


def locked_ids(records, model_column, res_id_column):
    """Ids among `records` linked to a locked party record (one query per
    lockable model)."""
    if not records.ids:
        return set()
    cr = records.env.cr
    found = set()
    for name, (state_field, states) in LOCKED_RECORDS.items():
        Doc = records.env[name]
        # identifiers from the registry, values as parameters
        cr.execute(  # pylint: disable=sql-injection
            'SELECT t.id FROM "%s" t JOIN "%s" d ON d.id = t."%s" '
            'WHERE t.id IN %%s AND t."%s" = %%s AND d."%s" IN %%s' % (
                records._table, Doc._table, res_id_column, model_column,
                state_field),
            [tuple(records.ids), name, tuple(states)])
        found.update(row[0] for row in cr.fetchall())
    return found


def party_record_ids(records, model_column):
    """Ids among `records` linked to a party model (one query)."""
    if not records.ids:
        return set()
    records.env.cr.execute(
        'SELECT id FROM "%s" WHERE id IN %%s AND "%s" IN %%s' % (
            records._table, model_column),
        [tuple(records.ids), party_model_names(records.env)])
    return {row[0] for row in records.env.cr.fetchall()}


def check_partners_can_read(docs, partner_ids):
    """Each partner must have a user who can read all of `docs`: following a
    record sends its notes and tracked changes to the follower."""
    Users = docs.env['res.users'].sudo()
    ids = set(docs.ids)
    for partner_id in set(partner_ids):
        users = Users.search([('partner_id', '=', partner_id)])
        if not any(_can_read(docs.sudo(user.id), ids) for user in users):
            raise AccessError(_(
                "%s cannot read this party record: only people in its "
                "scope can follow it.") % (
                    docs.env['res.partner'].sudo().browse(partner_id)
                    .display_name))


def _can_read(docs, ids):
    if not docs.check_access_rights('read', raise_exception=False):
        return False
    return docs.with_context(active_test=False).search_count(
        [('id', 'in', list(ids))]) == len(ids)
