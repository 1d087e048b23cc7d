"""The data file: read YAML with line numbers, load, check, cache, and write (the store)."""
