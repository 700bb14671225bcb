"""Counter-narcotics police work: seizures, intelligence exchange, link analysis."""
