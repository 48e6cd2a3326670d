"""Rules of the alignment family."""
