"""Traveller identity across crossings: documents, linking, name keys."""
