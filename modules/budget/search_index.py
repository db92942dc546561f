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


def contains_all(terms, field="search_text"):
    """A ``Q``: ``field`` contains every term (a scan; the fallback without the index)."""
    query = Q()
    for term in terms:
        query &= Q(**{f"{field}__contains": term})
    return query


def _like(term):
    # No ESCAPE clause: it would stop FTS5 from using the trigram index. Terms never hold
    # wildcards, ``text.search_terms`` splits on them.
    return f"%{term}%"


#: up to this many matches, the matching invoices are fetched by id; beyond it the term is
#: common, and walking the invoices newest first finds 50 matches sooner than sorting them
FEW_MATCHES = 5000
#: the trigram index answers only terms of at least three characters
INDEXED_LENGTH = 3


def invoice_filter(terms):
    """A ``Q`` on Invoice: its text contains every term (already folded).

    Only terms of three or more characters go to the trigram index; shorter ones filter the
    invoices it found. SQLite 3.40 (Debian 12) crashes the whole process with a segmentation
    fault when a pattern the index cannot use (under three bytes) precedes one it can in
    the same query, so the two kinds never meet in one FTS5 query.
    """
    if not is_available():
        return contains_all(terms)
    indexed = [term for term in terms if len(term) >= INDEXED_LENGTH]
    query = contains_all([term for term in terms if len(term) < INDEXED_LENGTH])
    if not indexed:
        return query
    condition = " AND ".join(["text LIKE %s"] * len(indexed))
    sql = f"SELECT invoice_id FROM {TABLE} WHERE {condition}"
    params = [_like(term) for term in indexed]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {FEW_MATCHES + 1}", params)
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= FEW_MATCHES:
        return query & Q(id__in=ids)
    return query & Q(id__in=RawSQL(sql, params))
