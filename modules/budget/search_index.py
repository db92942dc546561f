"""A substring index of invoice texts, so that searching a million-row ledger stays fast.

On SQLite it is an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34), which answers
``LIKE '%term%'`` from an index instead of scanning every invoice. On other databases the
search falls back to ``search_text LIKE '%term%'`` on the invoice table (on PostgreSQL a
``pg_trgm`` GIN index would do the same job; see docs/budget.md).

The index holds (text, invoice id, fiscal year id) and is rebuilt per fiscal year after
every import, like the summaries.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TABLE = "budget_invoice_search"


def is_available(using=connection):
    return using.vendor == "sqlite"


def create_table(schema_editor):
    if is_available(schema_editor.connection):
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
            "text, invoice_id UNINDEXED, fiscal_year_id UNINDEXED, tokenize='trigram')"
        )


def drop_table(schema_editor):
    if is_available(schema_editor.connection):
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def forget_year(fiscal_year_id):
    if is_available():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE fiscal_year_id = %s", [fiscal_year_id])


def index_year(fiscal_year_id):
    if not is_available():
        return
    forget_year(fiscal_year_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (text, invoice_id, fiscal_year_id) "
            "SELECT search_text, id, fiscal_year_id FROM budget_invoice WHERE fiscal_year_id = %s",
            [fiscal_year_id],
        )


def _like(term):
    # No ESCAPE clause: it would stop FTS5 from using the trigram index. Terms never hold
    # wildcards, ``text.search_terms`` splits on them.
    return f"%{term}%"


#: up to this many matches, the matching invoices are fetched by id; beyond it the term is
#: common, and walking the invoices newest first finds 50 matches sooner than sorting them
FEW_MATCHES = 5000


def invoice_filter(terms):
    """A ``Q`` on Invoice: its text contains every term (already folded)."""
    if not is_available():
        query = Q()
        for term in terms:
            query &= Q(search_text__contains=term)
        return query
    condition = " AND ".join(["text LIKE %s"] * len(terms))
    sql = f"SELECT invoice_id FROM {TABLE} WHERE {condition}"
    params = [_like(term) for term in terms]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {FEW_MATCHES + 1}", params)
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= FEW_MATCHES:
        return Q(id__in=ids)
    return Q(id__in=RawSQL(sql, params))
