"""Site search: only the current municipality's content, diacritics- and case-insensitive."""
