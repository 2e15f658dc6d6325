"""Finding English sentences in a Vietnamese text (tests/test_i18n.py).

A sentence is flagged when, once the tokens that are not prose are taken out (option names,
file paths and URLs, rule codes, values quoted from the inputs, lists of choices, placeholders
in capitals), three common English words follow one another with no Vietnamese word between
them: "no such option", "is not one of", "Cannot read target". Vietnamese words that are
spelt like English ones (``an``, ``to``, ``do``) do not come three in a row.
"""

from __future__ import annotations

import html
import json
import re

# function words and the common words of a command line's messages
COMMON = frozenset("""
a about above after again against all also an and any are as at be because been before being below between
both but by can cannot could did do does doing done down during each either else every few for from further
had has have having here how if in into is it its itself just least less may might more most must my no nor
not now of off on once one only or other our out over own per same should since so some such than that the
their them then there these they this those through to too under until up upon very was we were what when
where which while who whom why will with within without would yet you your
add added allowed argument arguments ask asked available bad before change changed check checked checks
choose chosen column columns command commands contain contains copy correct could count counted create
default described different document documents done empty enough error errors exist exists exit expected
fail failed file files find finding findings fix folder folders format found given got header headers help
hidden ignore ignored input inputs invalid item items kept know known larger left line lines list listed
listening long look make many match matched mean message messages missing more name named names need needed
needs never new next nothing number numbers open option options output page paragraph paragraphs part parts
path paths please read reading reason report reports required row rows rule rules run running same save
saved see seen send sent set shown show skip skipped start stated states stop stopped take taken target
targets text than too total try type unknown unreadable usage use used using valid value values warning
warnings was way write writes written wrong year years
""".split())

# tokens that are not prose, taken out before counting (each leaves a break between words)
_NOT_PROSE = re.compile("|".join([
    r"https?://\S+",  # URLs
    r"(?<![\w-])--?[A-Za-z][\w-]*(=\S*)?",  # option names (and --opt=value)
    r"\S*[/\\]\S*",  # paths, folder/file, values such as a/b
    r"[\w.-]+\.(?:csv|xlsx|xls|docx|doc|pdf|md|txt|json|jsonl|yaml|yml|toml|html|sarif|parquet|py)\b",
    r"\b[A-Z]\d{3}\b",  # rule codes
    r"\b\w+(?:[_-]\w+)+\b",  # identifiers: rule names, column names, keys (value-type-mismatch, document_type)
    r"\b[^\W\d_]*\d\w*",  # words with digits: hashes, cell references, 2030
    r"::[a-z]+\b",  # workflow commands of GitHub Actions (::error file=...)
    r"\"[^\"\n]*\"", r"“[^”\n]*”", r"'[^'\n]*'", r"`[^`\n]*`",  # values quoted from the inputs
    r"\[[^\]\n]*\|[^\]\n]*\]",  # choices: [text|json]
    r"\b[A-ZĐÀ-Ỹ_]{2,}(?:\.\.\.)?(?![a-z])",  # placeholders and names in capitals
]))
_WORD = re.compile(r"[^\W\d_]+")


def english_runs(text: str, run: int = 3) -> list[str]:
    """The runs of ``run`` or more common English words in ``text``."""
    found = []
    for line in _NOT_PROSE.sub(" ¶ ", text).split("\n"):
        words: list[str] = []
        for word in _WORD.findall(line) + ["¶"]:
            if word.lower() in COMMON:
                words.append(word)
                continue
            if len(words) >= run:
                found.append(" ".join(words))
            words = []
    return found


def strings_of_json(value, skip_keys=()) -> list[str]:
    """Every string value of a JSON document (its keys are names, not prose)."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in skip_keys:
                out += strings_of_json(item, skip_keys)
    elif isinstance(value, list):
        for item in value:
            out += strings_of_json(item, skip_keys)
    elif isinstance(value, str):
        out.append(value)
    return out


def text_of_html(page: str) -> str:
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def text_of_json(text: str, skip_keys=()) -> str:
    return "\n".join(strings_of_json(json.loads(text), skip_keys))
