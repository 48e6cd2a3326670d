"""Rules of the ownership family."""
