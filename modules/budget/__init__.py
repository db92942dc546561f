"""Budget viewer (Cityvizor-like): the municipality's budget, actuals and invoices."""
