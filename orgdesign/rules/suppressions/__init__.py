"""Rules of the suppressions family."""
