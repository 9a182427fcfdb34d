"""Concurrent writers wait for each other instead of failing with "database is locked"."""

import threading

import pytest
from django.db import connection, connections, transaction

from actlocal.core.audit import audit_log


@pytest.mark.django_db(transaction=True)
def test_many_threads_writing_at_once_all_succeed():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                with transaction.atomic():
                    # A read then a write in one transaction: the pattern that fails under DEFERRED.
                    from actlocal.core.models import AuditEntry

                    AuditEntry.objects.count()
                    audit_log(action=f"test.write.{n}.{i}")
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    from actlocal.core.models import AuditEntry

    assert AuditEntry.objects.filter(action__startswith="test.write.").count() == 8 * 15
