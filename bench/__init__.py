"""Benchmarks that print each figure beside a baseline measured in the same run, and the ratio.

`python -m bench --size full|tenth|hundredth|tiny` (see `bench.__main__`)."""
