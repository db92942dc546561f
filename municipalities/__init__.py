"""Tenancy: municipalities, their sites, roles and the one scope every admin query goes through."""
