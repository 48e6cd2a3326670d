"""Rules of the placement family."""
