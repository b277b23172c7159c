"""Two real transactions on the test database, for the concurrency tests.

A SavepointCase's cursor cannot see another transaction's uncommitted work,
so these tests open their own cursors, commit their data, and remove it at
the end. The side that has to wait runs in a thread through Odoo's RPC entry
point (`odoo.service.model.execute`), which retries serialization failures
as a real request does. Committing is the point here.
"""
# pylint: disable=invalid-commit
import threading
import time
import unittest

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service import model as service_model
from odoo.tests.common import get_db_name

from .common import NO_TRACKING

CONTEXT = dict(NO_TRACKING, mail_create_nosubscribe=True)


class ConcurrencyCase(unittest.TestCase):

    def setUp(self):
        super(ConcurrencyCase, self).setUp()
        self.db = get_db_name()
        self.registry = odoo.registry(self.db)
        manage = api.Environment.manage()
        manage.__enter__()
        self.addCleanup(manage.__exit__, None, None, None)
        self.cr = self.registry.cursor()
        self.addCleanup(self.cr.close)
        self.env = api.Environment(self.cr, SUPERUSER_ID, CONTEXT)

    def start_waiting(self):
        """Call once the data is committed: from here, the other side may
        wait for our transaction."""
        self.cr.execute("SELECT pg_backend_pid()")
        self.pid = self.cr.fetchone()[0]

    # -- helpers -------------------------------------------------------------

    def other_cursor(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return cr, api.Environment(cr, SUPERUSER_ID, CONTEXT)

    def rpc_in_thread(self, model, method, *args):
        """Start `method` of `model` as an RPC request would run it (own
        cursor, retried on serialization failures); returns the thread and
        a dict that gets 'value' or 'error'."""
        result = {}

        def run():
            with api.Environment.manage():
                try:
                    result['value'] = service_model.execute(
                        self.db, SUPERUSER_ID, model, method, *args,
                        context=CONTEXT)
                except Exception as error:  # reported to the test
                    result['error'] = error

        thread = threading.Thread(target=run)
        thread.start()
        return thread, result

    def wait_until_blocked(self):
        """Until another backend waits for a lock our transaction holds."""
        watcher = odoo.sql_db.db_connect(self.db).cursor()
        watcher.autocommit(True)
        try:
            for _attempt in range(200):
                watcher.execute("""
                    SELECT count(*) FROM pg_stat_activity
                     WHERE %s = ANY(pg_blocking_pids(pid))""", [self.pid])
                if watcher.fetchone()[0]:
                    return
                time.sleep(0.05)
        finally:
            watcher.close()
        self.fail("the other transaction never waited for ours")

    def finish(self, thread, logs):
        """Commit our side, let the waiting side fail and be retried."""
        self.wait_until_blocked()
        self.cr.commit()
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertTrue(
            any('SERIALIZATION_FAILURE, retry' in line
                for line in logs.output), logs.output)
