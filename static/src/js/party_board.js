odoo.define('party_building.board', function (require) {
"use strict";
/**
 * The boards (数据可视化): a client action that shows the figures of
 * party.board.board_data -- read on the server as the user, in the user's
 * language -- and opens the records behind a figure on click, with the
 * window action the server gave for it. No figure is computed here.
 */
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var session = require('web.session');
var Widget = require('web.Widget');

var PartyBoard = Widget.extend(ControlPanelMixin, {
    template: 'party_building.Board',
    events: {
        'click .o_party_board_figure': '_onFigureClick',
    },

    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.action = action;
        this.action_manager = parent;
        this.data = {sections: []};
    },

    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },

    start: function () {
        this._updateControlPanel();
        this._markShown(true);
        return this._super.apply(this, arguments);
    },

    do_show: function () {
        this._super.apply(this, arguments);
        this._markShown(true);
        this._updateControlPanel();
        this.action_manager.do_push_state({action: this.action.id});
    },

    do_hide: function () {
        this._markShown(false);
        this._super.apply(this, arguments);
    },

    destroy: function () {
        this._markShown(false);
        this._super.apply(this, arguments);
    },

    /**
     * On a phone the board takes the whole width: the menu on the left is
     * hidden while it is shown (party_board.css), the top bar stays.
     */
    _markShown: function (shown) {
        $('body').toggleClass('o_party_board_shown', shown);
    },

    _load: function () {
        var self = this;
        return this._rpc({
            model: 'party.board',
            method: 'board_data',
            args: [],
            kwargs: {context: session.user_context},
        }).then(function (data) {
            self.data = data;
        });
    },

    _updateControlPanel: function () {
        this.update_control_panel({
            breadcrumbs: this.action_manager.get_breadcrumbs(),
            cp_content: {},
        }, {clear: true});
    },

    _find: function (sectionKey, itemKey, partKey) {
        var section = _.findWhere(this.data.sections, {key: sectionKey});
        var item = section && _.findWhere(section.items, {key: itemKey});
        if (item && partKey) {
            item = _.findWhere(item.parts || [], {key: partKey});
        }
        return item;
    },

    _onFigureClick: function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        var $figure = $(ev.currentTarget);
        var figure = this._find($figure.data('section'), $figure.data('key'),
                                $figure.data('part'));
        if (figure && figure.action) {
            this.do_action(figure.action);
        }
    },
});

core.action_registry.add('party_building.board', PartyBoard);

return PartyBoard;
});
