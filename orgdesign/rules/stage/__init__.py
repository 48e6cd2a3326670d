"""Rules of the stage and leadership family (seeds 000 and 001)."""
