"""Coca eradication campaigns, fields, cultivation estimates and alternative development."""
