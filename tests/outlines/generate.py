"""A hypothesis strategy of valid outlines, and the defects injected into them one at a time."""

from __future__ import annotations

import copy

from hypothesis import strategies as st

from . import Item, walk

# the marker styles of successive levels, as plans number their parts
SCHEMES = [
    ("roman", "arabic", "letter", "bullet"),
    ("roman", "arabic", "decimal", "bullet"),
    ("upper", "roman", "arabic", "letter"),
    ("arabic", "decimal", "letter", "bullet"),
    ("roman", "word", "bullet", "bullet"),
]
WORDS = ["phát", "triển", "kinh", "tế", "xã", "hội", "nâng", "cao", "chất", "lượng", "giáo", "dục", "y", "tế",
         "văn", "hóa", "thể", "thao", "môi", "trường", "nông", "nghiệp", "công", "nghiệp", "dịch", "vụ", "đào",
         "tạo", "nhân", "lực", "chuyển", "đổi", "số", "hạ", "tầng", "an", "ninh", "trật", "tự", "phòng", "chống",
         "tuyên", "truyền", "kiểm", "tra", "giám", "sát", "tổ", "chức", "thực", "hiện", "bảo", "đảm", "huy",
         "động", "nguồn", "vốn", "đầu", "tư", "hợp", "tác", "quốc"]
_SERIAL = ["Ánh", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lâm", "Minh", "Nam", "Phúc", "Quang", "Sơn",
           "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]


class _Names:
    """Texts unique within one outline: a few words and a pair of names ("nâng cao Ánh Bình")."""

    def __init__(self, draw):
        self.draw, self.n = draw, 0

    def __call__(self, upper: bool = False) -> str:
        words = self.draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8))
        a, b = divmod(self.n, len(_SERIAL))
        self.n += 1
        text = " ".join([*words, _SERIAL[a % len(_SERIAL)], _SERIAL[b]])
        return text.upper() if upper else text[0].upper() + text[1:]


@st.composite
def outlines(draw, tables: bool = True) -> list[Item]:
    """A valid outline: every list numbered 1, 2, 3 ... under its parent, decimal numbers under
    their parent's number, bullets "-" then "+", an annex table with sections, parent rows over
    decimal rows, breakdowns and a group header."""
    scheme = draw(st.sampled_from(SCHEMES))
    depth = draw(st.integers(1, 4))
    names = _Names(draw)

    def level(k: int, parent: Item | None) -> list[Item]:
        style = scheme[k]
        n = draw(st.integers(1 if k else 2, 4))
        out = []
        for v in range(1, n + 1):
            it = Item(style, v, names(upper=k == 0 and style in ("roman", "upper")))
            if style == "bullet":
                it.sign = "-" if k == 0 or scheme[k - 1] != "bullet" else "+"
            if style == "decimal":
                it.prefix = parent_number(parent)
            it.upper = k == 0 and style in ("roman", "upper")
            it.broken = it.upper and draw(st.booleans()) and len(it.text.split()) > 3
            if k + 1 < depth and draw(st.integers(0, 2)):
                if scheme[k + 1] == "decimal" and style not in ("arabic", "decimal"):
                    pass
                else:
                    it.children = level(k + 1, it)
                    if draw(st.integers(0, 3)) == 0 and it.children and scheme[k + 1] != "bullet":
                        it.announced = sum(1 for c in it.children if c.style == scheme[k + 1])
                        it.broken = False  # ("... (3 nhiệm vụ)" is not in capitals: no broken heading)
            if draw(st.integers(0, 4)) == 0:
                it.children.insert(0, Item("paragraph", 0, names() + "."))
            out.append(it)
        return out

    items = level(0, None)
    if tables and draw(st.booleans()):
        host = items[-1]
        host.children.append(annex_table(draw, names))
    return items


def parent_number(parent: Item | None) -> tuple[int, ...]:
    if parent is None:
        return ()
    if parent.style == "decimal":
        return (*parent.prefix, parent.value)
    return (parent.value,)


def annex_table(draw, names) -> Item:
    """An annex table: Roman sections; indicator rows with a unit and two targets; a parent row
    without values over decimal rows; breakdown rows under a total; a group header."""
    rows: list[Item] = []
    for s in range(1, draw(st.integers(1, 3)) + 1):
        rows.append(Item("row", s, names(upper=True), number=f"{['I', 'II', 'III'][s - 1]}", cells=("", "", "")))
        for v in range(1, draw(st.integers(1, 4)) + 1):
            shape = draw(st.integers(0, 5))
            if shape == 0:  # a parent row over its parts
                rows.append(Item("row", v, "Tỷ lệ " + names().lower(), number=str(v), cells=("", "", "")))
                for p in range(1, draw(st.integers(2, 3)) + 1):
                    rows.append(Item("row", p, "Tỷ lệ " + names().lower(), number=f"{v}.{p}",
                                     cells=("%", "80", "90")))
            elif shape == 1:  # a total and its breakdowns
                rows.append(Item("row", v, "Tỷ lệ " + names().lower(), number=str(v), cells=("%", "85", "95")))
                rows.append(Item("row", 0, "Thành thị", number="-", cells=("%", "95", "100")))
                rows.append(Item("row", 0, "Nông thôn", number="-", cells=("%", "80", "90")))
            elif shape == 2:  # a group header over counts per 10,000 people
                rows.append(Item("row", v, "Chỉ tiêu số lượng trên 10.000 dân", number=str(v), cells=("", "", "")))
                for p in range(1, 3):
                    rows.append(Item("row", p, "Số " + names().lower(), number=f"{v}.{p}",
                                     cells=("Người", "10", "12")))
            else:
                rows.append(Item("row", v, "Tỷ lệ " + names().lower(), number=str(v), cells=("%", "70", "80")))
    return Item("table", 0, "", children=rows)


# ---------------------------------------------------------------- defects


DEFECTS = ("repeat", "skip", "swap", "outside-parent", "announced")


def lists_of(items: list[Item]) -> list[list[Item]]:
    """The numbered lists of an outline's body (siblings of one style)."""
    out: list[list[Item]] = []

    def visit(children: list[Item]) -> None:
        groups: dict[str, list[Item]] = {}
        for c in children:
            if c.style in ("roman", "upper", "arabic", "decimal", "letter", "word"):
                groups.setdefault(c.style, []).append(c)
        out.extend(g for g in groups.values() if len(g) >= 2)
        for c in children:
            if c.style != "table":
                visit(c.children)

    visit(items)
    return out


def row_lists(items: list[Item]) -> list[list[Item]]:
    """The numbered lists of the annex tables: the sections, the rows of each section, the
    decimal rows under each parent row."""
    out: list[list[Item]] = []
    for table in (it for it in walk(items) if it.style == "table"):
        sections: list[Item] = []
        current: list[Item] = []
        parts: dict[str, list[Item]] = {}
        for row in table.children:
            n = row.number or ""
            if n in ("I", "II", "III"):
                sections.append(row)
                current = []
                out.append(current)
            elif n.isdigit():
                current.append(row)
            elif "." in n:
                parts.setdefault(n.split(".")[0] + "@" + str(id(current)), []).append(row)
        out.append(sections)
        out.extend(parts.values())
    return [g for g in out if len(g) >= 2]


def _renumber(row: Item, value: int) -> None:
    n = row.number or ""
    if n in ("I", "II", "III", "IV", "V"):
        row.number = ["I", "II", "III", "IV", "V", "VI"][value - 1]
    elif "." in n:
        row.number = f"{n.split('.')[0]}.{value}"
    else:
        row.number = str(value)
    row.value = value


def inject(items: list[Item], defect: str, draw) -> tuple[list[Item], list[tuple[Item, str]]]:
    """A copy of ``items`` with one ``defect``, and the (item, rule) of each finding it must
    draw (none when the outline has no place for it)."""
    items = copy.deepcopy(items)
    if defect == "announced":
        heads = [it for it in walk(items) if it.announced is not None]
        if not heads:
            return items, []
        head = draw(st.sampled_from(heads))
        head.announced += draw(st.sampled_from([-1, 1, 2]))
        if head.announced <= 0:
            head.announced = 9
        return items, [(head, "S007")]
    if defect == "outside-parent":
        decimals = [it for it in walk(items) if it.style == "decimal"]
        rows = [r for t in walk(items) if t.style == "table" for r in t.children if "." in (r.number or "")]
        if not decimals and not rows:
            return items, []
        it = draw(st.sampled_from(decimals + rows))
        if it.style == "decimal":
            it.prefix = (*it.prefix[:-1], it.prefix[-1] + 1)
        else:
            head, tail = it.number.split(".")
            it.number = f"{int(head) + 1}.{tail}"
        return items, [(it, "S003")]
    body, rows = lists_of(items), row_lists(items)
    if not body and not rows:
        return items, []
    group = draw(st.sampled_from(body + rows))
    in_table = group[0].style == "row"
    k = draw(st.integers(1, len(group) - 1))

    def set_value(it: Item, value: int) -> None:
        if in_table:
            _renumber(it, value)
        else:
            it.value = value

    values = [it.value if not in_table else _value(it) for it in group]
    if defect == "repeat":
        set_value(group[k], values[k - 1])
        return items, [(group[k], "S001")]
    if defect == "skip":
        for j in range(k, len(group)):
            set_value(group[j], values[j] + 1)
        return items, [(group[k], "S002")]
    if defect == "swap":  # 1, 3, 2, 4: 3 skips 2, and 2 comes after 3
        if k + 1 >= len(group):
            return items, []
        set_value(group[k], values[k + 1])
        set_value(group[k + 1], values[k])
        return items, [(group[k], "S002"), (group[k + 1], "S008")]
    raise ValueError(defect)


def _value(row: Item) -> int:
    n = row.number or ""
    if n in ("I", "II", "III", "IV", "V", "VI"):
        return ["I", "II", "III", "IV", "V", "VI"].index(n) + 1
    return int(n.split(".")[-1])
