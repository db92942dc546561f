"""SQLite as configured: readers get their answer while a long import writes."""

from django.conf import settings
from django.db.utils import ConnectionHandler


def test_reader_gets_its_answer_during_a_long_write_transaction(tmp_path, django_db_blocker):
    options = {**settings.SQLITE_OPTIONS, "timeout": 1}  # fail fast if the reader would wait
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    connections = ConnectionHandler(
        {alias: {**database, "OPTIONS": options} for alias in ("default", "reader")}
    )
    writer, reader = connections["default"], connections["reader"]
    with django_db_blocker.unblock():
        read_during_a_long_write(writer, reader, connections)


def read_during_a_long_write(writer, reader, connections):
    try:
        with writer.cursor() as cursor:
            cursor.execute("CREATE TABLE budget_line (amount INTEGER, text TEXT)")
            cursor.execute("INSERT INTO budget_line VALUES (1, 'dřívější data')")
            cursor.execute("PRAGMA cache_size = 10")  # a big import spills pages to disk
        # As transaction.atomic() begins a transaction with the configured mode:
        assert writer.transaction_mode == "IMMEDIATE"
        with writer.cursor() as cursor:
            cursor.execute(f"BEGIN {writer.transaction_mode}")
            cursor.executemany(
                "INSERT INTO budget_line VALUES (%s, %s)",
                [(index, "x" * 1000) for index in range(5000)],
            )
            with reader.cursor() as reading:
                reading.execute("SELECT count(*), max(text) FROM budget_line")
                assert reading.fetchone() == (1, "dřívější data")
            cursor.execute("COMMIT")
        with reader.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM budget_line")
            assert cursor.fetchone() == (5001,)
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
    finally:
        connections.close_all()
