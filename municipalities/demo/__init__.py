"""Demo data: three fictional municipalities with realistic Czech content.

Everything here is idempotent: objects are found by natural keys (slugs, names, e-mails)
before they are created, so ``load_demo`` can run any number of times.
"""
