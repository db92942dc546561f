"""Navigation: the main menu from the page tree, per-site footer menus, breadcrumbs."""
