"""Rules of the workflows family."""
