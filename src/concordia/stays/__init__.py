"""Stay tracking as the EU Entry/Exit System does: entries, exits, days present, overstays."""
