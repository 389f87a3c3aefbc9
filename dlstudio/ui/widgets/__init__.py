"""Widgets used by the panels, one idea per module."""
