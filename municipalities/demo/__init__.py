"""Demo data: three fictional municipalities with realistic Czech content.

The content is YAML under ``data/`` (see data/README.md), read by ``data.py``; the builders
here and in the apps' ``demo.py`` only turn it into pages and records.

Everything here is idempotent: objects are found by natural keys (slugs, names, e-mails)
before they are created, so ``load_demo`` can run any number of times.
"""
