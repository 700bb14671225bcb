"""Deterministic demo data: a month of realistic traffic at the five seeded border posts.

`population` makes people, documents and vehicles; `traffic` plans who crosses where
and when; `writer` turns each passage into the rows the crossing service would have
written and inserts them in bulk; `cli` ties them together as `concordia demo`.
"""
