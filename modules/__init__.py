"""Embeddable modules (budget viewer, payment shop, grants, participatory budget), one app each."""
