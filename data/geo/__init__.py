"""Map data that kb ships (see data/README.md)."""
