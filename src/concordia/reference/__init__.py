"""Reference data: ISO countries, the agencies at the border, border posts and their lanes.

Every other domain names these records by code (PER, CHL-PDI, desaguadero), so this
package owns loading them (`concordia reference load`, idempotent), looking them up
with errors that list the valid codes, and the pure rules about posts: whether a
post is open at an instant, and what time it is on each side.
"""
