"""A labelled corpus of plans on any subject: the targets each states, in the phrasings and formats
of real plans, with achieved figures and scoring bands as distractors.

Each document is a list of blocks (headings, paragraphs, list items, tables) built from a
vocabulary of indicator phrases of many fields (digital economy, drug prevention, population,
preschool education, environment, culture, health, budget) - not the national suite's names. A
target is stated as a bullet ("- Tỷ lệ ... đạt 60%."), a lettered item, "Chỉ tiêu N: ...", a
value before its subject ("60% doanh nghiệp ..."), a count ("có ít nhất 20 tập dữ liệu mở ..."),
a change ("tăng thêm ít nhất 20% số nhóm trẻ ..."), several targets in one paragraph, a table cell
that holds the whole statement, or an annex row with a year column per milestone. Distractors:
results of past years ("Năm 2024, ... ước đạt 55%"), a results section, scoring bands ("được
cộng 02 điểm"), time limits, quoted titles of other documents.

``render(doc, fmt)`` writes a document as plain text (one paragraph per line), as a portal's
markdown (lines wrapped at 78 characters, blank lines between paragraphs, bold headings, tables
between lines of a lone bar) or as Word. ``Doc.truths`` are the targets stated: (subject,
year, value as ``key``), the same in every format.

Used by ``benchmarks/statements.py`` (reading recall and precision, consistency findings) and
``tests/test_statements.py`` (hypothesis draws documents).
"""

from __future__ import annotations

import io
import random
import textwrap
from dataclasses import dataclass, field

from plancheck.targets import TargetValue, parse_target

# (subject as a rate, the same as a noun phrase after a value, unit, direction)
RATES = [
    ("Tỷ lệ doanh nghiệp vừa và nhỏ ứng dụng công nghệ số", "doanh nghiệp vừa và nhỏ ứng dụng công nghệ số"),
    ("Tỷ lệ hồ sơ dịch vụ công được xử lý trực tuyến toàn trình", "hồ sơ dịch vụ công được xử lý trực tuyến toàn trình"),
    ("Tỷ lệ người dân trưởng thành có chữ ký số cá nhân", "người dân trưởng thành có chữ ký số cá nhân"),
    ("Tỷ lệ giao dịch thanh toán không dùng tiền mặt", "giao dịch thanh toán không dùng tiền mặt"),
    ("Tỷ lệ xã, phường không có ma túy", "xã, phường không có ma túy"),
    ("Tỷ lệ cơ sở cai nghiện ma túy công lập đủ điều kiện theo quy định", "cơ sở cai nghiện ma túy công lập đủ điều kiện theo quy định"),
    ("Tỷ lệ phụ nữ mang thai được tầm soát bệnh bẩm sinh", "phụ nữ mang thai được tầm soát bệnh bẩm sinh"),
    ("Tỷ lệ trẻ sơ sinh được sàng lọc bệnh bẩm sinh", "trẻ sơ sinh được sàng lọc bệnh bẩm sinh"),
    ("Tỷ lệ trẻ em trong độ tuổi nhà trẻ được đến trường", "trẻ em trong độ tuổi nhà trẻ được đến trường"),
    ("Tỷ lệ giáo viên mầm non đạt chuẩn trình độ đào tạo", "giáo viên mầm non đạt chuẩn trình độ đào tạo"),
    ("Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom và xử lý", "chất thải rắn sinh hoạt đô thị được thu gom và xử lý"),
    ("Tỷ lệ xã có nhà văn hóa đạt chuẩn", "xã có nhà văn hóa đạt chuẩn"),
    ("Tỷ lệ lao động nữ được đào tạo nghề", "lao động nữ được đào tạo nghề"),
    ("Tỷ lệ trạm y tế xã có bác sĩ làm việc", "trạm y tế xã có bác sĩ làm việc"),
    ("Tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn", "hộ gia đình được sử dụng nước sạch theo quy chuẩn"),
    ("Tỷ lệ cơ quan truyền thông có chuyên mục về phòng, chống ma túy", "cơ quan truyền thông có chuyên mục về phòng, chống ma túy"),
    ("Tỷ lệ khu công nghiệp có hạ tầng viễn thông 5G", "khu công nghiệp có hạ tầng viễn thông 5G"),
    ("Tỷ lệ hợp tác xã nông nghiệp ứng dụng công nghệ cao", "hợp tác xã nông nghiệp ứng dụng công nghệ cao"),
    ("Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng",
     "dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng"),
    ("Tỷ lệ người dùng truy cập băng rộng cố định tốc độ 01 Gb/s", "người dùng truy cập băng rộng cố định tốc độ 01 Gb/s"),
    ("Tỷ lệ trẻ em dưới 5 tuổi được tiêm chủng đầy đủ", "trẻ em dưới 5 tuổi được tiêm chủng đầy đủ"),
    ("Tỷ lệ cha mẹ trẻ em là công nhân được phổ biến kiến thức nuôi dạy trẻ",
     "cha mẹ trẻ em là công nhân được phổ biến kiến thức nuôi dạy trẻ"),
]
# per-population targets: (subject as written before the value, counted noun)
PER_POP = [("Số bác sĩ", "bác sĩ"), ("Số giường bệnh", "giường bệnh"), ("Số dược sĩ", "dược sĩ")]
COUNTS = [
    ("tập dữ liệu mở được công bố", "tập dữ liệu"),
    ("kịch bản ứng dụng dữ liệu cấp tỉnh", "kịch bản"),
    ("mô hình sản xuất nông nghiệp tuần hoàn", "mô hình"),
    ("sản phẩm du lịch thông minh", "sản phẩm"),
    ("doanh nghiệp khởi nghiệp sáng tạo", "doanh nghiệp"),
    ("trung tâm logistics hiện đại", "trung tâm"),
    ("vùng nuôi thủy sản thông minh", "vùng"),
]
CHANGES = [
    "số nhóm trẻ trong cơ sở giáo dục mầm non",
    "số vụ phạm tội về ma túy được phát hiện",
    "số lượt khách du lịch đến tỉnh",
    "số doanh nghiệp thành lập mới",
]
RATE_WORDS = ["đạt {v}%", "đạt tối thiểu {v}%", "đạt trên {v}%", "đạt khoảng {v}%", "ít nhất {v}%", "từ {v}% trở lên"]
YEAR = 2030


def key(t: TargetValue) -> tuple:
    r = lambda x: None if x is None else round(x, 6)  # noqa: E731
    return (t.kind, r(t.lo), r(t.hi))


@dataclass(frozen=True)
class Truth:
    subject: str  # the subject as a rate or a count phrase
    year: int | None
    value: tuple  # key(parse_target(...))
    kind: str  # level | count | change


@dataclass
class Block:
    kind: str  # heading | para | item | table
    text: str = ""
    marker: str = ""
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Doc:
    name: str
    blocks: list[Block]
    truths: list[Truth] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)  # values stated that are no targets


def _num(rnd: random.Random, lo: int = 30, hi: int = 99) -> str:
    v = rnd.randint(lo, hi)
    if rnd.random() < 0.2:
        return f"{v},5"
    return str(v)


def _truth(subject: str, written: str, kind: str, year: int | None = YEAR) -> Truth:
    return Truth(subject, year, key(parse_target(written)), kind)


def make_document(rnd: random.Random, n_targets: int | None = None) -> Doc:
    """A plan whose targets and distractors are drawn by ``rnd``."""
    n_targets = n_targets or rnd.randint(3, 9)
    rates = rnd.sample(RATES, min(len(RATES), n_targets))
    counts = rnd.sample(COUNTS, rnd.randint(0, 3))
    changes = rnd.sample(CHANGES[:2], rnd.randint(0, 2))
    blocks = [Block("para", "Số: 215/KH-UBND"), Block("para", "Hà Tĩnh, ngày 12 tháng 11 năm 2025"),
              Block("heading", "KẾ HOẠCH"), Block("para", f"Thực hiện các mục tiêu giai đoạn 2026 - {YEAR}")]
    doc = Doc(f"plan-{rnd.randrange(10**6)}", blocks)
    if rnd.random() < 0.6:  # results of past years: never targets
        blocks.append(Block("heading", "KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2021 - 2025", "I."))
        for subject, _ in rnd.sample(RATES, 2):
            v = _num(rnd)
            blocks.append(Block("item", f"{subject} năm 2024 ước đạt {v}%, tăng {_num(rnd, 1, 9)}% so với năm trước.",
                                "-"))
            doc.distractors.append(f"{subject} {v}")
    blocks.append(Block("heading", f"MỤC TIÊU ĐẾN NĂM {YEAR}", "II."))
    style = rnd.choice(["bullet", "letter", "word", "prose", "mixed"])
    letters = "abcdđeghiklmnopqrstuvxy"
    prose: list[str] = []
    for k, (subject, noun) in enumerate(rates):
        words = rnd.choice(RATE_WORDS).format(v=_num(rnd))
        value_first = rnd.random() < 0.25 and not words.startswith(("đạt", "từ"))
        written = words.replace("đạt ", "", 1)
        text = f"{words.split('%')[0]}% {noun}" if value_first else f"{subject} {words}"
        if value_first:
            text = text[0].upper() + text[1:]
        doc.truths.append(_truth(subject if not value_first else noun, written, "level"))
        s = style if style != "mixed" else rnd.choice(["bullet", "letter", "word", "prose"])
        if s == "bullet":
            blocks.append(Block("item", text + ".", "-"))
        elif s == "letter":
            blocks.append(Block("item", text + ";", f"{letters[k % len(letters)]})"))
        elif s == "word":
            blocks.append(Block("item", text + ".", f"Chỉ tiêu {k + 1}:"))
        else:
            prose.append(text[0].lower() + text[1:])
    if prose:
        blocks.append(Block("para", "Phấn đấu đến năm 2030, " + "; ".join(prose) + "."))
    spare = [r for r in RATES if r not in rates]  # subjects not stated yet (each is stated once)
    rnd.shuffle(spare)
    if rnd.random() < 0.4 and spare:  # two milestones in one sentence
        subject, _ = spare.pop()
        a, b = sorted(rnd.sample(range(40, 95), 2))
        blocks.append(Block("item", f"{subject} năm 2026 đạt {a}%, năm {YEAR} đạt {b}%.", "-"))
        doc.truths += [_truth(subject, f"{a}%", "level", 2026), _truth(subject, f"{b}%", "level")]
    if rnd.random() < 0.4:  # counts per 10,000 people listed before their denominator
        chosen = rnd.sample(PER_POP, 2)
        values = [str(rnd.randint(10, 40)) for _ in chosen]
        listed = ", ".join(f"{v} {noun}" for v, (_, noun) in zip(values, chosen))
        blocks.append(Block("item", f"Phấn đấu có {listed} trên 10.000 dân.", "-"))
        doc.truths += [_truth(noun, v, "level") for v, (_, noun) in zip(values, chosen)]
    if rnd.random() < 0.4 and spare:  # a result in parentheses: no target
        subject, _ = spare.pop()
        v, past = _num(rnd), _num(rnd, 20, 40)
        blocks.append(Block("item", f"{subject} đạt {v}% (năm 2024 ước đạt {past}%).", "-"))
        doc.truths.append(_truth(subject, f"{v}%", "level"))
        doc.distractors.append(f"{subject} {past}")
    if rnd.random() < 0.3:  # every year
        phrase = rnd.choice(CHANGES)
        v = _num(rnd, 2, 9)
        blocks.append(Block("item", f"Hằng năm, {phrase} tăng trên {v}%.", "-"))
        doc.truths.append(_truth(phrase, f"trên {v}%", "change"))
    for phrase, _unit in counts:
        n = rnd.choice(["ít nhất", "tối thiểu", "có"])
        v = str(rnd.randint(2, 60))
        blocks.append(Block("item", f"Có {n} {v} {phrase}." if n != "có" else f"Phấn đấu có {v} {phrase}.", "-"))
        doc.truths.append(_truth(phrase, f"{'' if n == 'có' else n + ' '}{v}", "count"))
    for phrase in changes:
        v = _num(rnd, 3, 30)
        blocks.append(Block("item", f"Tăng thêm ít nhất {v}% {phrase}.", "-"))
        doc.truths.append(_truth(phrase, f"ít nhất {v}%", "change"))
    if rnd.random() < 0.5:  # a scoring band and a time limit: no targets
        blocks.append(Block("heading", "TỔ CHỨC THỰC HIỆN", "III."))
        blocks.append(Block("para", "Đơn vị có tỷ lệ hồ sơ đúng hạn từ 95% trở lên được cộng 02 điểm thi đua; "
                                    "báo cáo kết quả trong thời hạn 15 ngày."))
        blocks.append(Block("para", "Thực hiện Quyết định phê duyệt Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ "
                                    "nhà ở xã hội cho công nhân khu công nghiệp”."))
    if rnd.random() < 0.5:  # an annex restating some targets, in a table of statements or of years
        blocks.append(Block("heading", "PHỤ LỤC"))
        chosen = [t for t in doc.truths if t.kind == "level" and t.year == YEAR and t.subject.startswith("Tỷ lệ")][:4]
        if chosen and rnd.random() < 0.5:
            rows = [["TT", "Chỉ tiêu", "Cơ quan chủ trì"]]
            for k, t in enumerate(chosen, 1):
                rows.append([str(k), f"{t.subject} đạt {_value_text(t)}", "Sở Khoa học và Công nghệ"])
        else:
            rows = [["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Năm 2030"]]
            for k, t in enumerate(chosen, 1):
                rows.append([str(k), t.subject, "%", "-", _value_text(t)])
        blocks.append(Block("table", rows=rows))
    return doc


def _value_text(t: Truth) -> str:
    """A rate's value written again (the annex restating the body)."""
    kind, lo, hi = t.value
    number = f"{(lo if lo is not None else hi):g}".replace(".", ",")
    word = {"approx": "khoảng ", "lower": "tối thiểu ", "upper": "dưới "}.get(kind, "")
    return f"{word}{number}%"


def inject_contradiction(doc: Doc, rnd: random.Random) -> Truth | None:
    """Restate one rate target later in the document with another value; the truth changed."""
    levels = [t for t in doc.truths if t.kind == "level" and t.year == YEAR and t.subject.startswith("Tỷ lệ")]
    if not levels:
        return None
    t = rnd.choice(levels)
    kind, lo, hi = t.value
    base = lo if lo is not None else hi
    other = base + rnd.choice([-10, -5, 5, 10])
    if not 1 <= other <= 99:
        other = base - 10 if base > 50 else base + 10
    doc.blocks.append(Block("heading", "NHIỆM VỤ, GIẢI PHÁP", "IV."))
    written = f"{other:g}".replace(".", ",")  # (Vietnamese notation: a decimal comma)
    doc.blocks.append(Block("item", f"Phấn đấu {t.subject[0].lower() + t.subject[1:]} đạt {written}% "
                                    f"vào năm {YEAR}.", "1."))
    return t


# ---------------------------------------------------------------- formats

FORMATS = ("text", "markdown", "docx")


def render(doc: Doc, fmt: str) -> tuple[str, bytes]:
    if fmt == "text":
        return doc.name + ".txt", "\n".join(_lines(doc, wrap=False)).encode("utf-8")
    if fmt == "markdown":
        return doc.name + ".md", "\n".join(_lines(doc, wrap=True)).encode("utf-8")
    if fmt == "docx":
        return doc.name + ".docx", _docx(doc)
    raise ValueError(fmt)


def _line(b: Block) -> str:
    return f"{b.marker} {b.text}".strip() if b.marker else b.text


def _lines(doc: Doc, wrap: bool) -> list[str]:
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "table":
            if wrap:
                for row in b.rows:
                    for cell in row:
                        out.append("|")
                        out.extend(textwrap.wrap(cell, 40) or [""])
                    out.append("|")
                out.append("")
            else:
                out.extend("\t".join(row) for row in b.rows)
            continue
        text = _line(b)
        if not wrap:
            out.append(text)
            continue
        lines = textwrap.wrap(text, 78, break_on_hyphens=False) or [""]
        if b.kind == "heading":
            lines[0] = "**" + lines[0]
            lines[-1] = lines[-1] + "**"
        out += [*lines, ""]
    return out


def _docx(doc: Doc) -> bytes:
    import docx

    d = docx.Document()
    for b in doc.blocks:
        if b.kind == "table":
            t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
            continue
        p = d.add_paragraph(_line(b))
        if b.kind == "heading":
            for run in p.runs:
                run.bold = True
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def read(name: str, data: bytes):
    """The document as plancheck reads it, and its findings."""
    from plancheck.engine import Options, run_inputs

    docs: list = []
    report = run_inputs([(name, data)], Options(lang="en"), docs_out=docs)
    return docs[0] if docs else None, report


def matches(truth: Truth, target) -> bool:
    """A target read is the truth's when its value, year and subject agree."""
    from plancheck.checks.statements import same_subject
    from plancheck.extract.statements import subject_key

    if key(target.value) != truth.value or target.year != truth.year:
        return False
    return same_subject(subject_key(truth.subject), target.key)
