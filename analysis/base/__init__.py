"""The base layer: every path the package uses (`config`) and files written atomically (`io`)."""
