"""Watch-list screening: name matching tuned for Andean names, explained feature by feature.

The pure engine lives in `names` (normalisation), `features` and `scoring` (pairwise
comparison), `index` (candidate generation), `entities` (values and JSON-lines readers)
and `engine` (the Screener facade); the other modules persist alerts and hits.
"""
