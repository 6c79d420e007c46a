"""Which quantity a table row breaks down: the path "quantity/row" of every row label.

Bureau tables print a breakdown by layout marks, never by a column of its own:

    社会消费品零售总额            <- the quantity (a root)
    其中:限额以上企业消费品零售额  <- "of which": a part of the row above
    按经营地分                    <- a section: the rows below break down the root
    城镇 / 乡村                   <- parts of the root
    1、批发业                     <- an item; the plain rows under it are its parts
    #食品制造业                   <- a part of the root
    工业产销率(%)                 <- a row in a unit of its own starts a new quantity
    主要行业产值                  <- a heading without figures: a new quantity

A plain row continues the list it follows; after a "其中" row it returns to the level of
that row's whole, unless the "其中" was itself a part of a "其中" (a list of sub-items), or
unless the plain rows complete the "其中" list: its parts then add up to the whole
("其中:第一产业 | 第二产业 | 第三产业" under 地区生产总值, the sum check a statistician makes). A
part is never larger than its whole: a level bigger than its would-be parent's moves up.
Where labels are indented with spaces, an unindented row is a quantity of its own and a
plain row is a part of the nearest row above it indented less (rows indented in steps nest
level by level). Chapters (一、 二、) with nothing under them after an unnumbered first row are
classes of that row's quantity. A table
without any such mark lists quantities side by side (生产总值, 第一产业, ...): every row is
its own root.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingest.regions import fold as simplified

_OF_WHICH = re.compile(r"^其中[:：]?")
_SUB_ITEM = re.compile(r"^[#＃]+")
_ITEM = re.compile(r"^[0-9]+[、.．]\s*")
_CHAPTER = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
# "附:按户籍人口计算的人均地区生产总值": an appended row, a quantity of its own.
_APPENDED = re.compile(r"^附[:：]\s*")
# "按经营地分", "分行业"; "在总额中:" and a bare "其中:" say the same of the quantity above them.
_BREAKDOWN_SECTION = re.compile(r"^(按|分|在.{1,8}中[:：]?$|其中[:：]?$)")
# "(折标准燃料)" under "能源生产总量": the second line of the name above, not a heading.
_NAME_LINE = re.compile(r"^[(（][^()（）]*[)）]$")
# Marks pointing to a note: "高技术产业[1]增加值", "工业增加值*", and "东城区①", whose circled
# number goes before NFKC would make it a digit of the name ("东城区1").
FOOTNOTE_MARK = re.compile(r"\[\d{1,2}\]|\*+$")
_RATIO = re.compile(r"^(%|‰|.*=100)$")
# The sections (门类) of the national classification of industries, GB/T 4754 (editions 2002,
# 2011 and 2017), written without 、: a section is never a part of another, and the plain rows
# after a "其中" part of a section are its divisions (大类), up to the next section.
_INDUSTRY_SECTIONS = frozenset(
    {
        "农林牧渔业",
        "采矿业",
        "制造业",
        "电力热力燃气及水生产和供应业",
        "电力燃气及水的生产和供应业",
        "建筑业",
        "批发和零售业",
        "交通运输仓储和邮政业",
        "住宿和餐饮业",
        "信息传输软件和信息技术服务业",
        "信息传输计算机服务和软件业",
        "金融业",
        "房地产业",
        "租赁和商务服务业",
        "科学研究和技术服务业",
        "科学研究技术服务和地质勘查业",
        "水利环境和公共设施管理业",
        "居民服务修理和其他服务业",
        "居民服务和其他服务业",
        "教育",
        "卫生和社会工作",
        "卫生社会保障和社会福利业",
        "文化体育和娱乐业",
        "公共管理社会保障和社会组织",
        "公共管理和社会组织",
        "国际组织",
    }
)
# How far printed parts may add up from their printed whole and still be all of it (rounding).
SUM_TOLERANCE = 0.001


@dataclass(frozen=True)
class RowLabel:
    """What the hierarchy needs of one body row."""

    text: str  # the printed label, trimmed
    indent: int  # leading spaces of the printed label
    has_figures: bool
    level_value: float | None  # the row's first amount, to check that a part fits its whole
    unit: str | None  # the unit in parentheses at the label's end ("总产出(亿元)")


@dataclass
class _Node:
    name: str
    level: int
    kind: str  # root | of_which | sub_item | item | plain | listed (completes a 其中 list)
    value: float | None  # None under a ratio or index, whose parts are not smaller
    parent: _Node | None
    indent: int = 0


def strip_marks(label: str) -> str:
    """The label without its layout marks ("其中:", "#", "1、", "一、", "附:") and footnote marks
    ("高技术产业[1]增加值")."""
    for mark in (_OF_WHICH, _SUB_ITEM, _ITEM, _CHAPTER, _APPENDED):
        label = mark.sub("", label)
    return FOOTNOTE_MARK.sub("", label).strip()


@functools.lru_cache(maxsize=16384)  # the same labels recur on every sheet
def _kind(text: str) -> str:
    if _OF_WHICH.match(text):
        return "of_which"
    if _SUB_ITEM.match(text):
        return "sub_item"
    if _ITEM.match(text):
        return "item"
    return "plain"


def is_structured(rows: list[RowLabel]) -> bool:
    """True when the rows show a breakdown: layout marks, indentation or section rows."""
    figure_rows = [row for row in rows if row.has_figures]
    if figure_rows and all(_kind(row.text) == "item" for row in figure_rows):
        return False  # "1.地区生产总值增长率", "2.居民消费价格涨幅" ...: a numbered list
    seen_figures = False
    for index, row in enumerate(rows):
        if not row.has_figures and _NAME_LINE.match(row.text):
            continue
        if row.has_figures:
            if _kind(row.text) != "plain" or row.indent or _CHAPTER.match(row.text):
                return True
            seen_figures = True
        elif seen_figures and any(later.has_figures for later in rows[index + 1 :]):
            return True  # a section or heading between figure rows
    return False


def row_paths(rows: list[RowLabel], names: list[str]) -> list[tuple[str, ...]]:
    """The path of quantity names for each row (names are the rows' cleaned labels).

    Rows without figures get the path they open (a heading) or an empty one.
    """
    if not is_structured(rows):
        return [(name,) for name in names]
    indented = any(row.indent for row in rows)
    leaf_chapters = _chapters_are_leaves(rows)
    total: _Node | None = None  # an unnumbered first row that chapters with parts break down
    paths: list[tuple[str, ...]] = []
    root: _Node | None = None
    previous: _Node | None = None  # None right after a section row
    listed = 0.0  # the sum of the current "其中" list's parts
    for number, (row, name) in enumerate(zip(rows, names, strict=True)):
        if not row.has_figures:
            if root is None or _NAME_LINE.match(row.text):
                paths.append(())  # a caption above the first figures, or a name's second line
            elif _BREAKDOWN_SECTION.match(strip_marks(row.text)):
                previous = None  # "按经营地分": the next rows are parts of the root
                paths.append(())
            elif _titles_a_block(name, rows[number + 1 :], names[number + 1 :]):
                root = previous = None  # its rows are quantities of their own
                paths.append(())
            else:  # a heading naming the quantity of the rows below it
                root = previous = _Node(name, 0, "root", None, None)
                paths.append((name,))
            continue
        kind = _kind(row.text)
        chapter = bool(_CHAPTER.match(row.text))
        if chapter and leaf_chapters:
            kind = "item"  # 一、食品类 | 二、衣着: classes of the quantity above, like 1、 2、
        if chapter and not leaf_chapters and total is not None and not row.unit:
            node = _Node(name, 1, "chapter", None, total, _name_start(row))
            root = node  # its items (1、 2、) are its parts
        elif (
            root is None
            or row.unit
            or (chapter and not leaf_chapters)
            or (indented and not row.indent)
        ):
            value = None if row.unit and _RATIO.match(row.unit) else row.level_value
            node = _Node(name, 0, "root", value, None, _name_start(row))
        elif (
            kind == "plain"
            and previous is not None
            and previous.kind in ("of_which", "listed")
            and (whole := previous.parent) is not None
            and _completes(rows[number:], listed, whole.value)
        ):
            node = _Node(name, whole.level + 1, "listed", row.level_value, whole, _name_start(row))
        else:
            parent = _parent(kind, previous, root, name)
            if indented and kind == "plain" and previous is not None:
                parent = _by_indent(_name_start(row), previous)
            while parent is not None and (
                _too_big(row.level_value, parent)
                or (_is_section(name) and _is_section(parent.name))
            ):
                parent = parent.parent
            level = 0 if parent is None else parent.level + 1
            value = None if parent is not None and parent.value is None else row.level_value
            node = _Node(
                name, level, "root" if parent is None else kind, value, parent, _name_start(row)
            )
        if node.parent is None:
            root = node
            if total is None and not paths and _kind(row.text) == "plain" and not chapter:
                total = node if _chapters_follow(rows[number + 1 :]) else None
        if node.kind in ("of_which", "listed"):
            listed = (listed if node.kind == "listed" else 0.0) + (node.value or 0.0)
        previous = node
        paths.append(_path(node))
    return paths


def _chapters_follow(rows: list[RowLabel]) -> bool:
    """Whether the figure rows after a first row open with a chapter (一、食品类): a classified
    list of that row's quantity (居民消费价格指数 over its eight classes and their items)."""
    figure_rows = [row for row in rows if row.has_figures]
    return bool(figure_rows) and bool(_CHAPTER.match(figure_rows[0].text))


def _titles_a_block(heading: str, rows: list[RowLabel], names: list[str]) -> bool:
    """Whether a heading titles the rows under it rather than being their whole: one of them
    bears its name ("乡村从业人员" over 乡村劳动力资源数 | 乡村从业人员), and no part is its
    whole."""
    for row, name in zip(rows, names, strict=True):
        if not row.has_figures:
            return False
        if name == heading:
            return True
    return False


def _chapters_are_leaves(rows: list[RowLabel]) -> bool:
    """True when chapters (一、 二、) follow an unnumbered first row and none has rows under
    it: a list of the classes of that row's quantity, not quantities of their own."""
    figure_rows = [row for row in rows if row.has_figures]
    if not figure_rows or _CHAPTER.match(figure_rows[0].text):
        return False
    chapters = [i for i, row in enumerate(figure_rows) if _CHAPTER.match(row.text)]
    return bool(chapters) and all(
        i + 1 == len(figure_rows) or _CHAPTER.match(figure_rows[i + 1].text) for i in chapters
    )


def _parent(kind: str, previous: _Node | None, root: _Node, name: str) -> _Node | None:
    """The whole a row is a part of, from its mark, its name and the row before it."""
    if previous is None or kind in ("sub_item", "item"):
        return root
    if kind == "of_which" or previous.kind in ("root", "item", "chapter"):
        return previous
    if previous.kind in ("of_which", "listed"):
        whole = previous.parent
        if whole is not None and (
            whole.kind == "of_which" or (_is_section(whole.name) and not _is_section(name))
        ):
            return whole  # a list of sub-items, or of a section's divisions
        return _up(whole)
    return previous.parent


def _name_start(row: RowLabel) -> int:
    """Where the row's name begins: "  #食品制造业" and "   金属制品业" are printed aligned."""
    text = row.text
    for mark in (_OF_WHICH, _SUB_ITEM, _ITEM, _CHAPTER, _APPENDED):
        text = mark.sub("", text).lstrip()
    return row.indent + len(row.text) - len(text)


def _by_indent(indent: int, previous: _Node) -> _Node | None:
    """The whole of a plain row in a table indented in steps: the nearest row above it that is
    indented less (deeper than the row before: its part; as deep: its sibling)."""
    node: _Node | None = previous
    while node is not None and node.indent >= indent:
        node = node.parent
    return node


def _is_section(name: str) -> bool:
    """Whether a row names a section (门类) of the classification of industries."""
    return simplified(name).replace("、", "") in _INDUSTRY_SECTIONS


def _completes(rows: list[RowLabel], listed: float, whole: float | None) -> bool:
    """Whether the first of these plain rows, with the next plain ones, adds the rest of a
    "其中" list whose parts so far sum to `listed`: all the parts then make up the whole."""
    if whole is None or listed <= 0:
        return False
    total = listed
    for row in rows:
        if not row.has_figures or row.unit or row.level_value is None or _kind(row.text) != "plain":
            return False
        total += row.level_value
        if abs(total - whole) <= SUM_TOLERANCE * abs(whole):
            return True
        if total > whole:
            return False
    return False


def _up(node: _Node | None) -> _Node | None:
    return None if node is None else node.parent


def _too_big(value: float | None, parent: _Node) -> bool:
    return value is not None and parent.value is not None and value > parent.value


def _path(node: _Node) -> tuple[str, ...]:
    names = []
    current: _Node | None = node
    while current is not None:
        names.append(current.name)
        current = current.parent
    return tuple(reversed(names))
