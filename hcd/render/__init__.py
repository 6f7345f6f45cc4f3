"""Rendering: plots, the action-plan documents and the run index page."""
