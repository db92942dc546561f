"""Open data: shared helpers for the OFN (otevřené formální normy) documents and CSV exports.

Each content app builds its own OFN document (board, news, events) with these helpers, so
dates, multilingual texts and responses look the same in every export.
"""
