"""Watch lists: alerts on persons, documents and vehicles, owned by one agency each."""
