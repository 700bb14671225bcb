"""The audit log: every read of personal data and every change, hash-chained."""
