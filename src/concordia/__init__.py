"""Concordia: open integrated border management for binational border posts."""

__version__ = "0.1.0"
