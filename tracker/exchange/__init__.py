"""Data that leaves or enters the tracker as files: CSV export with its data package, imports."""
