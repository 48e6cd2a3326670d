"""Acme's house rules for orgdesign: ``pip install orgdesign-acme`` and they run with lint."""
