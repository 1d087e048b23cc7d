"""The typed model of the tracker and its problem codes: what every other layer speaks."""
