"""Rewrite the module's record rules from source during an upgrade.

Record rules live in ``<data noupdate="1">`` so that an update does not undo
an administrator's change, which also means an update never brings a changed
rule into an existing database. Every version that changes a rule calls
``rewrite_noupdate_rules`` from its post-migrate script.

Odoo 11's XML loader skips a noupdate ``<record>`` that exists as soon as its
``<data>`` says ``noupdate="1"``, whatever ``ir_model_data.noupdate`` says, so
setting that flag to false (the trick that works from 13.0 on) changes
nothing here. Instead the rule records of the manifest's data files are
loaded again in ``init`` mode, which writes them over the existing records.
"""
import copy
import logging
import os

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.modules.module import (get_module_path,
                                 load_information_from_description_file)
from odoo.tools.convert import xml_import

_logger = logging.getLogger(__name__)

# What a rule that leaves these fields out gets back: ir.rule's defaults.
# ``groups`` is cleared first because ``(4, id)`` in the source only adds.
DEFAULTS = (
    ('groups', '[(5,)]'),
    ('active', 'True'),
    ('perm_read', 'True'),
    ('perm_write', 'True'),
    ('perm_create', 'True'),
    ('perm_unlink', 'True'),
)


def source_rule_records(module):
    """The ``<record model="ir.rule">`` elements of the module's data files,
    in load order, as ``(xmlid, element)`` with the xmlid unqualified."""
    path = get_module_path(module)
    manifest = load_information_from_description_file(module, path)
    records = []
    for filename in manifest.get('data', []):
        if not filename.endswith('.xml'):
            continue
        doc = etree.parse(os.path.join(path, filename))
        for record in doc.iterfind('.//record[@model="ir.rule"]'):
            xmlid = record.get('id', '')
            if xmlid.startswith(module + '.'):
                xmlid = xmlid.split('.', 1)[1]
            if xmlid and '.' not in xmlid:
                records.append((xmlid, record))
    return records


def _with_defaults(record):
    """A copy of the record whose groups replace the current ones and whose
    left-out fields are set to their defaults."""
    record = copy.deepcopy(record)
    fields = {field.get('name'): field for field in record.iterfind('field')}
    for name, default in DEFAULTS:
        field = fields.get(name)
        if field is None:
            etree.SubElement(record, 'field', name=name, eval=default)
        elif name == 'groups' and field.get('eval'):
            field.set('eval', '[(5,)] + list(%s)' % field.get('eval'))
    return record


def rewrite_noupdate_rules(cr, module='party_building'):
    """Make every ir.rule with an xmlid of ``module`` match its source:
    rules in the data files are written over (domain, groups, model, name,
    permissions, active), rules no longer in them are deleted, since a
    leftover group rule would still grant access through its stale domain.
    Returns ``(rewritten, deleted)`` xmlid lists."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    records = source_rule_records(module)
    names = [xmlid for xmlid, _record in records]

    root = etree.Element('odoo')
    data = etree.SubElement(root, 'data', noupdate='1')
    for _xmlid, record in records:
        data.append(_with_defaults(record))
    loader = xml_import(cr, module, {}, 'init', noupdate=True,
                        xml_filename='%s record rules' % module)
    loader.parse(root, mode='init')

    stale = env['ir.model.data'].search([
        ('module', '=', module), ('model', '=', 'ir.rule'),
        ('name', 'not in', names)])
    deleted = stale.mapped('name')
    env['ir.rule'].browse(stale.mapped('res_id')).exists().unlink()
    stale.exists().unlink()
    env['ir.rule'].clear_caches()
    _logger.info('%s: rewrote %d record rules from source, deleted %s',
                 module, len(names), deleted or 'none')
    return names, deleted
