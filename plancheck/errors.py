"""Errors that end a file's processing with a one-line message (never a traceback)."""


class InputError(Exception):
    """A problem with an input (plan file, suite, configuration). The message names the file.

    ``str(exc)`` is the English message; ``exc.vi`` the Vietnamese one (the English one when
    no translation was given); ``exc.message(lang)`` picks one.
    """

    def __init__(self, en: str, vi: str | None = None):
        super().__init__(en)
        self.en = en
        self.vi = vi or en

    def message(self, lang: str = "en") -> str:
        return self.vi if lang == "vi" else self.en
