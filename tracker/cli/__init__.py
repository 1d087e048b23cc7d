"""`python -m tracker ...`: one module per command, each a thin client of the core."""
