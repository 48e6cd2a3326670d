"""Rules of the capacity and rhythm family."""
