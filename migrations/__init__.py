# A package only so that the version scripts can import noupdate_rules;
# Odoo runs the scripts in the version folders and ignores files here.
