"""How the tables of a report's PDF (documents/report.py) share the width of the page among their columns, and at
which text size: number columns as wide as their widest value or header, text columns sharing the rest; smaller
header text first, then smaller cells, for a table that would not fit otherwise. Pure arithmetic on the widths of
the texts (reportlab's font metrics, imported on first use).
"""

from __future__ import annotations

from kommandesk.documents.letter import MM
from kommandesk.domain.reports import Table

CELL_PAD = 4.0  # left and right of a cell's text
CELL_SIZE = 8.0  # the cells' text size
MIN_NUMBER_COLUMN = 15 * MM
MIN_TEXT_COLUMN = 22 * MM
MAX_NUMBER_HEAD = 40 * MM  # a number column's header wraps beyond this

# (body, header) sizes, tried in turn: smaller headers first ("Anwesenheitsstunden" over a column of small numbers),
# then smaller cells, for tables that would not fit the page otherwise
SIZES = ((CELL_SIZE, CELL_SIZE), (CELL_SIZE, 7.5), (CELL_SIZE, 7.0), (CELL_SIZE, 6.5), (CELL_SIZE, 6.0),
         (7.0, 6.0), (6.5, 6.0), (6.0, 5.5), (5.5, 5.0))
TEXT_WISH = 42 * MM  # a text column this wide (or as wide as its longest text) reads well


def column_layout(table: Table, texts: list[list[str]], regular: str, bold: str,
                  page_width: float) -> tuple[list[float], float, float]:
    """The columns' widths (together ``page_width``) and the sizes of the cells' and the header's text, for the cells'
    ``texts`` as printed (the total row, when there is one, last and bold). With cells at the normal size:
    the largest header that lets every text column be as wide as its longest text, else the largest that gives
    them at least :data:`TEXT_WISH`, else the largest at which every number and header word fits. Smaller cells
    only when not even that fits."""
    fitting = []
    for body, head in SIZES:
        if body < CELL_SIZE and fitting:
            break
        widths, fits, wanted = _widths(table, texts, regular, bold, body, head, page_width)
        if fits and body < CELL_SIZE:
            return widths, body, head
        if fits:
            texts_at = [(width, want) for width, want, column in zip(widths, wanted, table.columns)
                        if not column.kind.numeric]
            fitting.append(((widths, body, head), texts_at))
    for enough in (lambda width, want: width >= want - 0.5, lambda width, want: width >= min(want, TEXT_WISH) - 0.5):
        for layout, texts_at in fitting:
            if all(enough(width, want) for width, want in texts_at):
                return layout
    return fitting[0][0] if fitting else (widths, body, head)


def _widths(table: Table, texts: list[list[str]], regular: str, bold: str, body: float, head: float,
            page_width: float) -> tuple[list[float], bool, list[float]]:
    """Number columns as wide as their widest value or their header (a long header wraps, down to its longest
    word); text columns share what is left: none wider than it needs, the room shared fairly among the others.
    Also whether every number and header word fits its column, and the width each column would like."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts_of_rows = [regular] * len(table.rows) + ([bold] if table.total is not None else [])
    numeric = [column.kind.numeric for column in table.columns]
    natural, least = [], []
    for index, column in enumerate(table.columns):
        values = max((stringWidth(row[index], font, body) for row, font in zip(texts, fonts_of_rows)), default=0)
        title = stringWidth(column.title, bold, head)
        title_word = max((stringWidth(word, bold, head) for word in column.title.split()), default=0)
        if numeric[index]:
            least.append(max(values, title_word + 1, MIN_NUMBER_COLUMN - 2 * CELL_PAD) + 2 * CELL_PAD)
            natural.append(max(least[-1], min(title + 1, MAX_NUMBER_HEAD) + 2 * CELL_PAD))  # +1: no rounding wrap
        else:
            natural.append(max(values, title + 1) + 2 * CELL_PAD)
            least.append(min(MIN_TEXT_COLUMN, natural[-1]))
    if sum(natural) <= page_width:  # everything fits: the spare room goes to the text columns (or to all)
        receiving = [index for index in range(len(natural)) if not numeric[index]] or list(range(len(natural)))
        spare = (page_width - sum(natural)) / len(receiving)
        return [width + spare if index in receiving else width for index, width in enumerate(natural)], True, \
            natural
    numbers = [index for index in range(len(natural)) if numeric[index]]
    text_columns = [index for index in range(len(natural)) if not numeric[index]]
    widths = list(least)
    room = page_width - sum(least[index] for index in numbers)  # the text columns' room
    fits = room >= sum(least[index] for index in text_columns)
    if not fits:  # a very wide table: the number columns narrower alike, the text columns at their least
        scale = (page_width - sum(least[index] for index in text_columns)) / sum(least[index] for index in numbers)
        for index in numbers:
            widths[index] = least[index] * max(scale, 0.0)
        return widths, False, natural
    pending = sorted(text_columns, key=lambda i: natural[i])
    while pending:  # the narrowest wish first: what it leaves goes to the others
        index = pending.pop(0)
        widths[index] = min(natural[index], room / (len(pending) + 1))
        room -= widths[index]
    wished = sum(natural[index] - least[index] for index in numbers)
    for index in numbers:  # what the text columns leave: the number columns' headers on fewer lines
        widths[index] += room * (natural[index] - least[index]) / wished if wished > 0 else 0
    if not numbers or wished <= 0:  # nothing took the rest: the widest text column does
        widths[max(text_columns, key=lambda i: natural[i])] += room
    return widths, True, natural
