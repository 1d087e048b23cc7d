"""Answers about one dataset: the status in force on a day, histories, review changes, search."""
