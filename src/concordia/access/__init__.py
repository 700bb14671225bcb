"""Who is acting: users, roles and (from the access issue on) sessions and agreements."""
