"""Errors that end a file's processing with a one-line message (never a traceback)."""


class InputError(Exception):
    """A problem with an input (plan file, suite, configuration). The message names the file."""
