"""plancheck: a rules-based checker for indicator targets in Vietnamese social-policy plans."""

__version__ = "0.1.0"
