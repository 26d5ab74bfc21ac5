"""The compare layer: seeded bootstrap intervals (`bootstrap`) and the cross-outlet tables the
notebooks show (`tables`)."""
