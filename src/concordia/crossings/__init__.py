"""Single-stop crossing control: one inspection, both countries' checks and records."""
