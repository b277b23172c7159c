odoo.define('party_building.widgets', function (require) {
"use strict";
/**
 * Two number formats Odoo 11 lacks: a year without a thousands separator
 * ("2026", not "2,026") and a percentage with one decimal ("83.3%", not
 * "83.33"). Parsing stays Odoo's own.
 */
var basic_fields = require('web.basic_fields');
var registry = require('web.field_registry');

var FieldYear = basic_fields.FieldInteger.extend({
    _formatValue: function (value) {
        return value || value === 0 ? String(value) : '';
    },
});

var FieldPercent = basic_fields.FieldFloat.extend({
    _formatValue: function (value) {
        if (this.mode === 'edit') {
            return this._super.apply(this, arguments);
        }
        return value || value === 0 ? value.toFixed(1) + '%' : '';
    },
});

registry.add('party_year', FieldYear);
registry.add('party_percent', FieldPercent);

return {FieldYear: FieldYear, FieldPercent: FieldPercent};
});
