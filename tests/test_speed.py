"""Issue 16, faster than importing pandas: the shortcuts give the results of the definitions.

* name matching settles most names without the costly third scorer: the result is that of
  ``Matcher.match_full`` (all three scorers), on the seeds' names and spans and on drawn ones;
* the checks run on plain columns (``plancheck.frame``): a text or Word plan is checked
  without importing pandas or numpy, and the columns behave as pandas columns did;
* findings are streamed to a JSON or CSV report, byte for byte what the report in memory gives.
"""

import json
import math
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.catalogue import ABBREVIATIONS, Matcher, _ABBREVIATION, expand_abbreviations, load_suite
from plancheck.frame import Frame, Vec

from .conftest import ROOT, SAMPLES

SUITE = load_suite()
_NAMES = sorted({n for i in SUITE.indicators.values() for n in (i.name, *i.aliases)})
_WORDS = sorted({w for n in _NAMES for w in n.split()}) + ["BHXH", "bhyt", "năm", "2025", "đạt", "%", "tỉnh"]


def _names_read(paths) -> set[str]:
    """Every name the reading stage asks the matcher about (table rows and prose spans)."""
    from plancheck.engine import read_and_extract

    suite = load_suite()
    seen: set[str] = set()
    match, reach = Matcher.match, Matcher.could_reach

    def spy_match(self, name):
        seen.add(name)
        return match(self, name)

    def spy_reach(self, name, score):
        seen.add(name)
        return reach(self, name, score)

    Matcher.match, Matcher.could_reach = spy_match, spy_reach
    try:
        for p in paths:
            read_and_extract(str(p), suite)
    finally:
        Matcher.match, Matcher.could_reach = match, reach
    return seen


def test_matching_gives_the_full_definition_on_every_name_read(seeds):
    names = _names_read(sorted(seeds.glob("*.txt")) + sorted(p for p in SAMPLES.iterdir() if p.suffix != ".py"))
    assert len(names) > 500
    fresh = Matcher(SUITE.indicators.values())
    settled = 0
    for name in sorted(names):
        assert fresh.match(name) == fresh.match_full(name), name
        settled += fresh._settled(k) is not None if (k := _key(name)) else 0
    assert settled > len(names) / 2  # the shortcut does most of the work


def _key(name):
    from plancheck.catalogue import match_key

    return match_key(name)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_NAMES), st.lists(st.sampled_from(_WORDS), max_size=6), st.integers(0, 40),
       st.integers(0, 40))
def test_matching_gives_the_full_definition_on_drawn_names(name, words, cut_head, cut_tail):
    text = " ".join(words[: len(words) // 2]) + " " + name[cut_head // 3: len(name) - cut_tail] + " " + \
        " ".join(words[len(words) // 2:])
    fresh = Matcher(SUITE.indicators.values())
    assert fresh.match(text) == fresh.match_full(text)


@given(st.lists(st.sampled_from(_WORDS + ["LLLĐ", "lllđ", "TT&TT", "tt&tt", "Kcb", "XHCNx", "ſ", "K"]), max_size=12))
def test_abbreviations_expand_as_the_pattern_says(words):
    text = " ".join(words)
    assert expand_abbreviations(text) == _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.lastindex - 1][1], text)


def test_a_plan_is_checked_without_pandas_or_numpy(seeds):
    code = ("import sys; from plancheck.cli import entry; sys.argv = ['plancheck', 'lint', sys.argv[1], "
            "'--fail-on', 'never', '--format', 'json', '-o', sys.argv[2]]\n"
            "try:\n    entry()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'numpy', 'pandera') if m in sys.modules))")
    for plan in (seeds / "khanh-hoa-plan.txt", SAMPLES / "ha-giang-plan.docx"):
        out = subprocess.run([sys.executable, "-c", code, str(plan), "/dev/null"], capture_output=True, text=True,
                             cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert out.stdout.strip() == "[]", (plan, out.stdout, out.stderr)


def test_columns_compare_as_pandas_columns_did():
    nan = math.nan
    f = Frame({"x": [1.0, nan, 3.0], "s": ["a", None, "b"], "b": [True, False, True]})
    assert (f["x"] < 2).tolist() == [True, False, False]  # nan compares false
    assert (f["x"] != 1.0).tolist() == [False, True, True]
    assert f["s"].notna().tolist() == [True, False, True] and f["x"].notna().tolist() == [True, False, True]
    assert (f["s"] == "a").tolist() == [True, False, False] and (f["s"] != "a").tolist() == [False, True, True]
    assert (~f["b"] | (f["s"] == "b")).tolist() == [False, True, True]
    assert f["s"].isin(["b", None]).tolist() == [False, True, True]
    assert f.rows(f["b"], ["s"]) == [{"s": "a"}, {"s": "b"}]
    df = f.to_pandas()
    assert str(df["x"].dtype) == "float64" and str(df["b"].dtype) == "bool" and str(df["s"].dtype) == "object"
    assert Frame({"n": [1, 2]}).to_pandas()["n"].dtype == "int64"
    assert isinstance(f["x"] == 1.0, Vec)


def test_large_tables_give_the_findings_of_small_ones(seeds, monkeypatch, tmp_path):
    """The columns of a large table are numpy arrays, of a small one lists: the same findings."""
    import yaml

    from plancheck import frame
    from plancheck.engine import Options, run

    cases = yaml.safe_load((ROOT / "tests" / "rule_cases.yaml").read_text(encoding="utf-8"))["cases"]
    for code, case in cases.items():
        fail = case["fail"]
        if "text" in fail:
            (tmp_path / f"{code}.txt").write_text(fail["text"], encoding="utf-8")
    paths = [seeds, SAMPLES, tmp_path]
    monkeypatch.setattr(frame, "LARGE", 10**9)
    in_lists = run(paths, Options())
    monkeypatch.setattr(frame, "LARGE", 0)
    in_arrays = run(paths, Options())
    assert len(in_lists.findings) > 50
    assert [f.as_dict() for f in in_lists.findings] == [f.as_dict() for f in in_arrays.findings]


_PIECES = list("ab <>*_\t\n\r\x0b\x0c.,1|") + ["</b>", "<b>", "**", "__", "\u00a0", "ệ", "\u200b", "<br/>"]


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_clean_of_plain_ascii_is_the_full_clean(pieces):
    from plancheck.textnorm import _clean, clean

    text = "".join(pieces)
    assert clean(text) == _clean(text)


@given(st.lists(st.sampled_from(["a", "bc", "\n", "\r", "\r\n", "\x0b", "\u2028", "x" * 300]), max_size=400),
       st.integers(1, 60))
def test_the_head_of_a_text_is_the_head_of_its_lines(pieces, n):
    from plancheck.readers import _head_lines

    text = "".join(pieces) * 40
    assert _head_lines(text, n) == text.splitlines()[:n]


def test_streamed_reports_are_the_reports_in_memory(seeds, tmp_path, monkeypatch):
    """JSON and CSV written chunk by chunk, files named out of order (the findings of later
    chunks sort first): byte for byte what to_json and to_csv make of the whole report."""
    import io

    from plancheck import engine
    from plancheck.engine import Options, run, run_chunks
    from plancheck.reporters import stream, to_csv, to_json

    monkeypatch.setattr(engine, "CHUNK_FILES", 2)  # many chunks
    paths = sorted(SAMPLES.iterdir(), reverse=True) + sorted(seeds.glob("*.txt")) + [tmp_path / "missing.txt"]
    paths = [p for p in paths if p.suffix != ".py"]
    (tmp_path / "empty").mkdir()
    paths.append(tmp_path / "empty")
    for lang in ("vi", "en"):
        options = Options(lang=lang)
        report = run(paths, options)
        assert len(report.findings) > 40 and sum(r.status == "error" for r in report.files) == 2
        for fmt, whole in (("json", to_json(report)), ("csv", to_csv(report))):
            out = io.StringIO()
            tally = stream.write(run_chunks(paths, options), fmt, lang, ["national"], out)
            assert out.getvalue() == whole, fmt
            assert tally.total == len(report.findings) and len(tally.errors) == 2
    empty = io.StringIO()
    stream.write(iter([]), "json", "vi", ["national"], empty)
    assert json.loads(empty.getvalue())["findings"] == []
    from plancheck.model import Report

    assert empty.getvalue() == to_json(Report([], [], ["national"]))


def test_messages_are_formatted_as_before():
    """str.format_map gives what string.Formatter gave, missing fields as "?"."""
    import string

    from plancheck.rules import _Default, registry

    for rule in registry().values():
        for template in (rule.message_vi, rule.message_en):
            names = [f for _, f, _, _ in string.Formatter().parse(template) if f]
            args = _Default({n: f"<{n}>" for n in names[::2]})
            assert template.format_map(args) == string.Formatter().vformat(template, (), args)


def test_a_refused_json_submission_is_one_error_among_the_files(tmp_path):
    """A JSON submission the schema refuses (its rows have no line) names its row; the other
    files keep their findings, whether the parent or the run itself validates it."""
    from plancheck.engine import Options, run

    (tmp_path / "bad.json").write_text('[{"indicator": "Bad Id", "2025": "5"}]', encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_bytes((SAMPLES / "binh-phuoc-2025.csv").read_bytes())
    reports = [run([tmp_path], Options(jobs=jobs)) for jobs in (1, 2)]
    for report in reports:
        status = {r.path.rsplit("/", 1)[-1]: r for r in report.files}
        assert status["bad.json"].status == "error" and "bad.json row 1: column 'indicator'" in status["bad.json"].error
        assert status["good.csv"].status == "ok" and report.findings
    assert [f.as_dict() for f in reports[0].findings] == [f.as_dict() for f in reports[1].findings]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CELLS = [
    "<w:tc {W}><w:tcPr><w:gridSpan w:val='2'/><w:vMerge/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>A</w:t>"
    "<w:tab/><w:t>B</w:t></w:r></w:p></w:tc>",
    "<w:tc {W}><w:p><w:r><w:t xml:space='preserve'> </w:t></w:r><w:r><w:rPr><w:b w:val='0'/></w:rPr><w:t>x</w:t>"
    "<w:br/><w:noBreakHyphen/></w:r></w:p><w:p/><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>y</w:t></w:r></w:p></w:tc>",
    # a nested table, a text box (a paragraph inside a run), a second tcPr and a vMerge restart
    "<w:tc {W}><w:tcPr><w:vMerge w:val='restart'/><w:gridSpan w:val='x'/></w:tcPr><w:tcPr><w:gridSpan w:val='3'/>"
    "</w:tcPr><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='4'/></w:tcPr><w:p><w:r><w:t>in</w:t></w:r></w:p></w:tc>"
    "</w:tr></w:tbl><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>out</w:t><w:pict><w:txbxContent><w:p><w:r><w:t>box</w:t>"
    "</w:r></w:p></w:txbxContent></w:pict></w:r></w:p></w:tc>",
    "<w:tc {W}><w:tcPr/><w:p><w:r><w:t></w:t></w:r></w:p></w:tc>",
    # plain cells with marks and odd properties: read child by child
    "<w:tc {W}><w:bookmarkStart w:id='1'/><w:tcPr><w:tcW/><w:vMerge w:val='continue'/><w:gridSpan w:val='2'/>"
    "<w:gridSpan w:val='5'/></w:tcPr><w:tcPr><w:gridSpan w:val='7'/></w:tcPr><w:p><w:pPr><w:rPr><w:b/></w:rPr>"
    "</w:pPr><w:proofErr/><w:r><w:rPr><w:i/></w:rPr><w:rPr><w:b w:val='1'/></w:rPr><w:t>a</w:t>"
    "<w:lastRenderedPageBreak/><w:instrText>PAGE</w:instrText><w:cr/></w:r><w:r><w:rPr><w:b/></w:rPr>"
    "<w:t>\u00a0</w:t></w:r></w:p></w:tc>",
    "<w:tc {W}><w:p><w:r><w:rPr><w:b w:val='false'/></w:rPr><w:t>b</w:t></w:r><w:r><w:t>c</w:t></w:r></w:p></w:tc>",
    # shapes read by the walk: a hyperlink, a field's data, an insertion, a run outside a paragraph
    "<w:tc {W}><w:p><w:hyperlink><w:r><w:rPr><w:b/></w:rPr><w:t>link</w:t></w:r></w:hyperlink></w:p></w:tc>",
    "<w:tc {W}><w:p><w:r><w:fldChar><w:ffData/></w:fldChar><w:t>f</w:t></w:r></w:p></w:tc>",
    "<w:tc {W}><w:p><w:ins><w:r><w:t>new</w:t></w:r></w:ins><w:t>stray</w:t></w:p><w:r><w:t>x</w:t></w:r></w:tc>",
    # tab stops in paragraph properties (read as spaces), before and after a run; and malformed
    # files: text, runs or paragraphs inside properties, elements inside a text
    "<w:tc {W}><w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='1'/></w:tabs></w:pPr><w:r><w:t>b</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>a</w:t></w:r><w:pPr><w:tabs><w:tab w:val='left' w:pos='1'/></w:tabs></w:pPr>"
    "<w:r><w:t>b</w:t></w:r></w:p></w:tc>",
    "<w:tc {W}><w:p><w:r><w:rPr><w:t>x</w:t></w:rPr><w:t>b</w:t></w:r></w:p><w:p><w:pPr><w:t>x</w:t></w:pPr></w:p></w:tc>",
    "<w:tc {W}><w:p><w:r><w:t>a<w:t>b</w:t></w:t><w:t>a<w:br/></w:t><w:tab><w:t>z</w:t></w:tab></w:r></w:p></w:tc>",
    "<w:tc {W}><w:tcPr/><w:tcPr><w:p><w:r><w:t>hidden</w:t></w:r></w:p></w:tcPr><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>",
    "<w:tc {W}><w:p><w:r><w:rPr><w:b/><w:r><w:t>x</w:t></w:r></w:rPr><w:t>b</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:r><w:t>x</w:t></w:r></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r></w:p></w:tc>",
    "<w:tc {W}><!--c--><?pi x?><w:p><!--c--><?pi?><w:r><!--c--><?pi?><w:t>a<!--c-->z</w:t></w:r></w:p>"
    "<w:p><x:foo xmlns:x='urn:x'/><w:r><x:bar xmlns:x='urn:x'>t</x:bar><w:t>a</w:t><w:rPr><w:b/></w:rPr></w:r></w:p>"
    "</w:tc>",
]


def test_one_walk_over_a_word_cell_finds_what_the_lookups_find():
    """``_cell_scan`` against ``find`` / ``_cell_paragraphs`` / ``_all_bold``, on every cell
    of the Word files at hand and on cells with nested tables, text boxes and odd properties."""
    import zipfile

    from lxml import etree

    from plancheck.readers import docx as D

    cells = [etree.fromstring(c.format(W=_W)) for c in _CELLS]
    for path in list(SAMPLES.glob("*.docx")) + list((ROOT / "tests" / "data").glob("*.docx")):
        root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        cells += list(root.iter(D._TC))
    assert len(cells) > 400
    for tc in cells:
        props = tc.find(D._TCPR)
        expected = (props.find(D._GRIDSPAN) if props is not None else None,
                    props.find(D._VMERGE) if props is not None else None, D._cell_paragraphs(tc), D._all_bold(tc))
        assert D._cell_scan(tc) == expected


_PROPS = st.sampled_from(["<w:b/>", "<w:b w:val='0'/>", "<w:b w:val='off'/>", "<w:b w:val='true'/>", "<w:i/>",
                          "<w:sz w:val='26'/>"])
_TEXT = st.text(alphabet=" \u00a0\tab\u1ea1A", max_size=3).map(
    lambda t: f"<w:t xml:space='preserve'>{t}</w:t>")
_RUN_LEAVES = st.one_of(_TEXT, st.sampled_from(["<w:tab/>", "<w:br/>", "<w:cr/>", "<w:noBreakHyphen/>",
                                                "<w:lastRenderedPageBreak/>", "<w:instrText>X</w:instrText>",
                                                "<w:t>a<w:br/></w:t>", "<w:tab><w:t>z</w:t></w:tab>"]))


def _cells():
    """Word cells of many shapes: plain ones (as many as the others) and ones with hyperlinks,
    text boxes, nested tables."""
    def run(inner):
        props = st.lists(st.one_of(_PROPS, _RUN_LEAVES), max_size=2).map(lambda ps: f"<w:rPr>{''.join(ps)}</w:rPr>")
        return st.lists(st.one_of(props, _RUN_LEAVES, inner), max_size=4).map(
            lambda parts: f"<w:r>{''.join(parts)}</w:r>")

    def paragraph(inner, plain):
        marks = st.sampled_from(["<w:proofErr/>", "<w:bookmarkEnd w:id='0'/>", "<w:pPr><w:rPr><w:b/></w:rPr></w:pPr>",
                                 "<w:pPr><w:tabs><w:tab w:pos='1'/></w:tabs></w:pPr>", "<w:pPr><w:t>p</w:t></w:pPr>",
                                 "<w:pPr><w:r><w:t>r</w:t></w:r></w:pPr>"])
        link = run(inner).map(lambda r: f"<w:hyperlink>{r}</w:hyperlink>")
        part = st.one_of(run(inner), marks) if plain else st.one_of(run(inner), marks, link)
        return st.lists(part, max_size=3).map(lambda ps: f"<w:p>{''.join(ps)}</w:p>")

    def inner_of(inner):  # what may sit in a run or a cell and hold paragraphs: a text box, a table
        return st.one_of(
            paragraph(inner, False).map(lambda p: f"<w:pict><w:txbxContent>{p}</w:txbxContent></w:pict>"),
            paragraph(inner, False).map(lambda p: f"<w:tbl><w:tr><w:tc>{p}</w:tc></w:tr></w:tbl>"))

    def cell(inner, plain):
        props = st.lists(st.sampled_from(["<w:gridSpan w:val='2'/>", "<w:gridSpan w:val='x'/>", "<w:vMerge/>",
                                          "<w:vMerge w:val='restart'/>", "<w:tcW/>",
                                          "<w:p><w:r><w:t>in props</w:t></w:r></w:p>"]), max_size=3).map(
            lambda ps: f"<w:tcPr>{''.join(ps)}</w:tcPr>")
        part = st.one_of(props, paragraph(inner, plain), st.just("<w:bookmarkStart w:id='0'/>"), inner)
        return st.lists(part, max_size=4).map(lambda ps: f"<w:tc {_W}>{''.join(ps)}</w:tc>")

    return st.one_of(cell(st.just("<w:lastRenderedPageBreak/>"), True),
                     cell(st.recursive(st.just("<w:drawing/>"), inner_of, max_leaves=3), False))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_cells())
def test_a_word_cell_of_any_shape_reads_as_its_lookups_say(xml):
    """Cells drawn from a grammar of plain and nested shapes: ``_cell_scan`` (child by child or
    by the walk) gives what ``find`` / ``_cell_paragraphs`` / ``_all_bold`` give."""
    from lxml import etree

    from plancheck.readers import docx as D

    tc = etree.fromstring(xml)
    props = tc.find(D._TCPR)
    expected = (props.find(D._GRIDSPAN) if props is not None else None,
                props.find(D._VMERGE) if props is not None else None, D._cell_paragraphs(tc), D._all_bold(tc))
    assert D._cell_scan(tc) == expected
    assert D._cell_walk(tc) == expected


def test_catalogue_spellings_come_from_the_exact_dictionary():
    """A name written as one catalogue spelling (and no other's) is matched by the dictionary:
    the definition's result, its candidates worked out only when read (and copied as a tuple)."""
    import pickle

    from plancheck.catalogue import Candidates, match_key

    fresh = Matcher(SUITE.indicators.values())
    exact = 0
    for name in _NAMES:
        m = fresh.match(name)
        if match_key(name) in fresh._exact:
            exact += 1
            assert isinstance(m.candidates, Candidates) and m.score == 100.0
        assert m == fresh.match_full(name)
        assert pickle.loads(pickle.dumps(m.candidates)) == tuple(m.candidates)
    assert exact > len(_NAMES) / 2


# ---------------------------------------------------------------- the cache of parsed YAML


def _fresh(monkeypatch, where):
    from plancheck import catalogue

    monkeypatch.setenv("PLANCHECK_CACHE_DIR", str(where))
    catalogue.load_suite.cache_clear()
    return catalogue


def test_a_suite_from_the_cache_is_the_suite_built_from_its_yaml(tmp_path, monkeypatch):
    catalogue = _fresh(monkeypatch, tmp_path / "cache")
    built = catalogue.load_suite()  # a miss: parsed, validated, stored
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["suite"]
    catalogue.load_suite.cache_clear()
    again = catalogue.load_suite()  # a hit
    assert again is not built and again == built
    monkeypatch.setenv("PLANCHECK_CACHE_DIR", "off")
    catalogue.load_suite.cache_clear()
    assert catalogue.load_suite() == built


def test_an_edited_suite_is_parsed_again_and_an_invalid_one_fails_every_time(tmp_path, monkeypatch):
    from plancheck.errors import InputError

    catalogue = _fresh(monkeypatch, tmp_path / "cache")
    suite = tmp_path / "mine.yaml"
    text = (ROOT / "plancheck" / "suites" / "national.yaml").read_text(encoding="utf-8")
    suite.write_text(text, encoding="utf-8")
    first = catalogue.load_suite(str(suite))
    suite.write_text(text.replace("suite: national", "suite: mine", 1), encoding="utf-8")
    catalogue.load_suite.cache_clear()
    assert catalogue.load_suite(str(suite)).name == "mine" != first.name
    assert len(list((tmp_path / "cache").iterdir())) == 1  # the older entry of the same file is gone
    suite.write_text(text + "\n  - id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        catalogue.load_suite.cache_clear()
        try:
            catalogue.load_suite(str(suite))
        except InputError as exc:
            assert "invalid YAML" in exc.en and str(suite) in exc.en
        else:
            raise AssertionError("an invalid suite loaded")


def test_a_cache_that_cannot_be_read_or_written_costs_only_the_rebuild(tmp_path, monkeypatch):
    catalogue = _fresh(monkeypatch, tmp_path / "cache")
    expected = catalogue.load_suite()
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"not a pickle")
    catalogue.load_suite.cache_clear()
    assert catalogue.load_suite() == expected
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    catalogue = _fresh(monkeypatch, blocked / "cache")
    assert catalogue.load_suite() == expected


def test_a_run_that_finds_its_suite_in_the_cache_reads_no_yaml(tmp_path):
    """The second run of a pre-commit hook imports no PyYAML: the suite, the rule catalogue and
    the reference documents come from the cache, and the findings are the same."""
    code = ("import sys\nfrom plancheck.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('yaml' in sys.modules)\n")
    env = {**__import__("os").environ, "PLANCHECK_CACHE_DIR": str(tmp_path / "cache")}
    args = [sys.executable, "-c", code, "lint", str(SAMPLES / "ha-giang-plan.txt"), "--format", "json"]
    first, second = (subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT) for _ in range(2))
    assert first.stdout.rstrip().endswith("True") and second.stdout.rstrip().endswith("False")
    assert json.loads(first.stdout.rstrip()[:-4])["findings"] == json.loads(second.stdout.rstrip()[:-5])["findings"]


_JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text()),
                     lambda inner: st.one_of(st.lists(inner), st.tuples(inner, inner),
                                             st.dictionaries(st.text(), inner)), max_leaves=30)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_JSON, st.integers(0, 3))
def test_the_streamed_json_layout_is_json_dumps_with_indent(obj, level):
    """The streamed report lays out its JSON itself (the encoder has no C accelerator when it
    indents): the text is ``json.dumps(..., indent=2)``'s, nested ``level`` deep."""
    from plancheck.reporters.stream import _nested

    assert _nested(obj, level) == json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(st.integers(0, 10**7).map(str), st.text(alphabet="0123456789 .()IVXabc-", max_size=8)))
def test_a_long_number_is_no_row_number_without_the_parser(text):
    """TT cells of four digits and more skip the parser (a submission numbers 100,000 rows, each
    a miss of its cache): the result is the parser's."""
    from plancheck.extract.numbering import _parse_numbering, parse_numbering

    assert parse_numbering(text) == _parse_numbering(text)


def test_a_word_part_parsed_whole_gives_the_blocks_of_the_stream(monkeypatch):
    """A small document part is parsed whole, a large one streamed: the same blocks, on every
    Word file at hand."""
    from plancheck.readers import docx as D

    files = sorted(SAMPLES.glob("*.docx")) + sorted((ROOT / "tests").rglob("*.docx"))
    assert len(files) >= 5
    for path in files:
        data = path.read_bytes()
        whole = repr(D.docx_blocks(data, str(path)))
        monkeypatch.setattr(D, "SMALL_PART", 0)
        assert repr(D.docx_blocks(data, str(path))) == whole, path
        monkeypatch.undo()


def test_locations_and_target_cells_are_never_changed(monkeypatch, seeds):
    """Locations and target cells are values but not frozen dataclasses (made half a million
    times a run, a frozen one costs four times as much): no step changes one once made, on
    every plan at hand."""
    from plancheck.engine import Options, run
    from plancheck.model import Location, TargetCell

    def once(self, name, value):
        try:
            getattr(self, name)
        except AttributeError:  # (a slot not set yet: being made)
            object.__setattr__(self, name, value)
            return
        raise AssertionError(f"{type(self).__name__}.{name} changed: {self!r} -> {value!r}")

    for cls in (Location, TargetCell):
        monkeypatch.setattr(cls, "__setattr__", once)
    paths = [seeds, SAMPLES, ROOT / "tests" / "data"]
    report = run([str(p) for p in paths], Options(jobs=1))
    assert len(report.files) > 30 and report.findings
    assert Location(line=3, block=1) == Location(line=3, block=2) and hash(Location(line=3)) == hash(Location(line=3))


def test_a_cache_folder_others_may_write_to_is_not_used(tmp_path, monkeypatch):
    """An entry is a pickle: a cache folder another user may write to (a shared /tmp, a CI
    cache) is neither read nor written; the suite is parsed as if there were no cache."""
    import os

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    catalogue = _fresh(monkeypatch, shared)
    expected = catalogue.load_suite()
    assert list(shared.iterdir()) == []
    os.chmod(shared, 0o700)
    catalogue.load_suite.cache_clear()
    assert catalogue.load_suite() == expected and len(list(shared.iterdir())) == 1
    os.chmod(shared, 0o777)  # an entry written before the folder was opened to others: not read
    monkeypatch.setattr("pickle.load", lambda fh: (_ for _ in ()).throw(AssertionError("unpickled")))
    catalogue.load_suite.cache_clear()
    assert catalogue.load_suite() == expected


def test_threads_that_pause_and_resume_the_collector_leave_it_as_it_was():
    """One thread pauses the collector while another reads a spreadsheet (which resumes it):
    whatever the order they finish in, the collector is on afterwards, and off while only
    pauses are open."""
    import gc
    import threading

    from plancheck.gcpause import paused_gc, resumed_gc

    a_in, b_resumed, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def a():
        with paused_gc():
            a_in.set()
            b_resumed.wait(10)
        a_out.set()

    def b():
        a_in.wait(10)
        with paused_gc():
            with resumed_gc():
                seen.append(gc.isenabled())
                b_resumed.set()
                a_out.wait(10)
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [True, False] and gc.isenabled()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="ab đ\r\n\u00a0\u200b\u0301e\t,", max_size=40))
def test_lines_are_split_as_the_line_ends_say(text):
    """``split_lines`` splits at CRLF, CR and LF alike (one pass of ``str.split`` where the text
    has no CR), after NFC, zero-width and odd-space normalization; a CSV is read from the same
    text with every line end a LF."""
    import re
    import unicodedata

    from plancheck.readers.text import normalized_text, split_lines

    expected_text = re.sub("[\u00a0]", " ", re.sub("[\u200b]", "", unicodedata.normalize("NFC", text)))
    expected = re.split(r"\r\n|\r|\n", expected_text)
    if expected and expected[-1] == "":
        expected.pop()
    assert split_lines(text) == expected
    assert normalized_text(text).split("\n")[:len(expected)] == expected
    assert "\r" not in normalized_text(text)


def test_a_csv_row_open_to_the_end_keeps_its_line():
    """A CSV is parsed from its normalized text less its last line end, as from its lines
    joined again: a quoted cell left open to the end of the file keeps its row's line."""
    import csv
    import io

    import pytest

    from plancheck.errors import InputError
    from plancheck.readers.structured import read_csv
    from plancheck.readers.text import split_lines

    for end in ("\n\n", "\r\n\r\n", "\n\n\n", "\r\r", "\n", ""):
        text = f'Chỉ tiêu,Đơn vị,2030\nA,%,"5{end}'
        reader = csv.reader(io.StringIO("\n".join(split_lines(text))))
        lines = [reader.line_num for _ in reader][1:]
        assert read_csv(text.encode(), "f.csv").columns["_line"] == lines
        with pytest.raises(InputError, match=rf"^f\.csv:{lines[0]}: 4 cells but the header has 3"):
            read_csv(f'Chỉ tiêu,Đơn vị,2030\nA,%,5,"6{end}'.encode(), "f.csv")
