"""Rules of the hierarchy family."""
