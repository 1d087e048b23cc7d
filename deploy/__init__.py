"""Serving the tracker for a team: nginx in front of app processes started from one image."""
