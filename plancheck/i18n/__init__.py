"""The language of the command line: which one, and its texts (see docs/language.md).

Two choices, made once per command:

- ``ui_lang``: the language of ``--help``, of usage errors and of click's own texts
  ("Usage:", "Error: No such option"): ``--lang`` on the command line, else the
  environment variable ``PLANCHECK_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
  ``LANG``: one that starts with ``vi`` is Vietnamese), else English.
- ``report_lang``: the language of the findings and reports, and of the messages about
  the files read: ``--lang``, else ``PLANCHECK_LANG``, else (``lint``, ``annotate``) the
  configuration's ``lang``, else Vietnamese, the language of the people who read them.

The texts are kept as gettext keeps them: the English text, written in the code, is the key;
``vi.py`` is the Vietnamese catalogue (English text -> Vietnamese text). A text that has
no entry is shown in English (tests/test_i18n.py finds them). Click's own texts go
through the same catalogue: click looks them up with the module-level ``gettext`` API
(``from gettext import gettext as _`` in each module, see pallets/click#2706), so
``install`` points those names of click's modules at this catalogue.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

LANGS = ("vi", "en")
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set decides


def _norm(value: str | None) -> str | None:
    """``vi``/``en`` (also ``vi_VN.UTF-8``, ``VI``, ``en-US``) or None."""
    value = (value or "").strip().lower()[:2]
    return value if value in LANGS else None


def argv_lang(argv: Sequence[str] | None = None) -> str | None:
    """The value of ``--lang`` (``--lang vi`` or ``--lang=vi``) on a command line, read
    before click parses it (``--help`` is answered before the command's options are)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        if value in LANGS:
            return value
    return None


def env_lang(environ=None) -> str | None:
    """``PLANCHECK_LANG`` when it names a language plancheck speaks."""
    return _norm((os.environ if environ is None else environ).get("PLANCHECK_LANG"))


def locale_lang(environ=None) -> str:
    """Vietnamese when the locale of messages is Vietnamese, else English."""
    environ = os.environ if environ is None else environ
    for var in LOCALE_VARS:
        value = environ.get(var)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def ui_lang(argv: Sequence[str] | None = None, environ=None) -> str:
    """The language of help texts and usage errors."""
    return argv_lang(argv) or env_lang(environ) or locale_lang(environ)


def report_lang(option: str | None = None, configured: str | None = None) -> str:
    """The language of findings and reports: the command's ``--lang``, else
    ``PLANCHECK_LANG``, else the configuration's ``lang``, else Vietnamese."""
    return option or env_lang() or _norm(configured) or "vi"


_CATALOGUES: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    """English text -> text in ``lang`` (empty for English)."""
    if lang not in _CATALOGUES:
        if lang == "vi":
            from .vi import MESSAGES

            _CATALOGUES[lang] = MESSAGES
        else:
            _CATALOGUES[lang] = {}
    return _CATALOGUES[lang]


def gettext(message: str, lang: str) -> str:
    """``message`` (English) in ``lang``; English when the catalogue has no entry."""
    return catalogue(lang).get(message, message) if message else message


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The singular or plural English text, in ``lang`` (a catalogue entry of the plural
    form serves every number: Vietnamese nouns do not change with the number)."""
    english = singular if n == 1 else plural
    table = catalogue(lang)
    return table.get(english) or table.get(plural) or english


# the modules of click that look up their texts with ``gettext``/``ngettext``
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                  "_termui_impl")
_INSTALLED: dict[str, str] = {}


def install(lang: str) -> None:
    """Click's own texts in ``lang`` from now on (``en``: click's texts as they are)."""
    import importlib

    _INSTALLED["lang"] = lang
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module click does not have (any more)
            continue
        if hasattr(module, "_"):
            module._ = _click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext


def _click_gettext(message: str) -> str:
    return gettext(message, _INSTALLED.get("lang", "en"))


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n, _INSTALLED.get("lang", "en"))


# the placeholders click shows for values of a type (``--output FILE``), in Vietnamese
_METAVARS_VI = {"TEXT": "CHUỖI", "INTEGER": "SỐ", "FLOAT": "SỐ", "INTEGER RANGE": "SỐ", "FLOAT RANGE": "SỐ",
                "FILE": "TỆP", "PATH": "ĐƯỜNG_DẪN", "DIRECTORY": "THƯ_MỤC", "BOOLEAN": "ĐÚNG/SAI"}
_NAMED_METAVARS_VI = {"NAME": "TÊN", "ADDR": "ĐỊA_CHỈ", "FILE|-|off": "TỆP|-|off", "FILE": "TỆP", "MiB": "MiB",
                      "SECONDS": "GIÂY"}
# the names of the commands' arguments (``plancheck lint PATHS...``), in Vietnamese
_ARGUMENTS_VI = {"paths": "ĐƯỜNG_DẪN", "path": "TỆP", "code": "MÃ", "suite": "BỘ_CHỈ_TIÊU", "files": "TỆP",
                 "parent": "VĂN_BẢN_GỐC"}


def localize(command, lang: str) -> None:
    """The help texts of ``command`` and of its subcommands and options, in ``lang``.

    The English texts written in the code are kept on each object (``_plancheck_en``) and
    every call starts from them, so one process can show either language in turn."""
    import click

    ctx = click.Context(command, info_name=command.name)
    _localize(command, lang, ctx)


def _localize(command, lang: str, ctx) -> None:
    import click

    en = command.__dict__.setdefault("_plancheck_en", {
        "help": command.help, "short_help": command.short_help, "epilog": command.epilog,
        "options_metavar": command.options_metavar,
        "subcommand_metavar": getattr(command, "subcommand_metavar", None)})
    command.help = _text(en["help"], lang)
    command.short_help = _text(en["short_help"], lang)
    command.epilog = _text(en["epilog"], lang)
    vi = lang == "vi"
    command.options_metavar = "[TÙY_CHỌN]" if vi and en["options_metavar"] else en["options_metavar"]
    if isinstance(command, click.Group):
        command.subcommand_metavar = "LỆNH [ĐỐI_SỐ]..." if vi else en["subcommand_metavar"]
    command._help_option = None  # made again, with click's text of "--help" in the language
    for param in command.params:
        pen = param.__dict__.setdefault("_plancheck_en", {"help": getattr(param, "help", None),
                                                          "metavar": param.metavar})
        if isinstance(param, click.Option):
            param.help = _text(pen["help"], lang)
        param.metavar = pen["metavar"]
        if vi and pen["metavar"] is None:
            param.metavar = _metavar_vi(param, ctx)
        elif vi:  # a placeholder the option names itself ("NAME", "FILE|-|off")
            param.metavar = _NAMED_METAVARS_VI.get(pen["metavar"], pen["metavar"])
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _localize(sub, lang, click.Context(sub, info_name=sub.name, parent=ctx))


def _text(text: str | None, lang: str) -> str | None:
    """A help text (a docstring too, keyed without its indentation) in ``lang``."""
    if not text or lang == "en":
        return text
    import inspect

    return gettext(inspect.cleandoc(text), lang)


def _metavar_vi(param, ctx) -> str | None:
    """The Vietnamese placeholder of a parameter's value (None: click's own, a list of choices)."""
    import click

    if isinstance(param, click.Argument):
        name = _ARGUMENTS_VI.get(param.name or "")
        if name is None:
            return None
        name += "..." if param.nargs != 1 else ""
        return name if param.required else f"[{name}]"
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    english = param.make_metavar(ctx)
    vi = _METAVARS_VI.get(english.removesuffix("..."))
    return None if vi is None else vi + english[len(english.removesuffix("...")):]
