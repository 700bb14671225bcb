"""Operational picture: post status, emergencies, notices, border sections, events and
joint patrols (issue 6, part A)."""
