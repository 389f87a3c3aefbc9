"""A spreadsheet export often ends with a totals row ('Summe;12952;;;470116,47'). Read as data, it is a
row of its own category ('Summe') whose numbers are a thousand times the others': it trained a model
ten times worse, without a word. So the read leaves it out, and says so, when it is the last row, a
text cell of it reads Total (Summe, Gesamt, 合计, …) and a number of it is the sum of its column above."""
from __future__ import annotations

import pandas as pd

TOTAL_WORDS = {"total", "totals", "grand total", "total général", "sum", "summe", "gesamt", "gesamtsumme",
               "insgesamt", "totaal", "totale", "totaux", "suma", "somme", "合计", "總計", "总计", "合計"}


def without_totals_row(frame: pd.DataFrame, notices: list[str]) -> pd.DataFrame:
    """``frame`` without its last row where that row is the totals of the rows above (a notice says so)."""
    if len(frame) < 3:
        return frame
    last = frame.iloc[-1]
    word = next((cell.strip() for cell in last if isinstance(cell, str) and
                 cell.strip().rstrip(":").strip().casefold() in TOTAL_WORDS), None)
    if word is None:
        return frame
    above = frame.iloc[:-1]
    sums = [name for name in frame.columns if frame[name].dtype.kind in "iuf" and pd.notna(last[name])
            and _is_sum(float(last[name]), float(above[name].sum()))]
    if not sums:
        return frame
    notices.append(f"The last row (data row {len(frame)}, '{word}') holds the totals of the rows above "
                   f"({', '.join(map(str, sums[:3]))}{', …' if len(sums) > 3 else ''}); it was left out.")
    return frame.iloc[:-1]


def _is_sum(value: float, total: float) -> bool:
    """The cell holds the column's sum, up to the rounding of numbers written with a few decimals."""
    return total != 0 and abs(value - total) <= 1e-6 * abs(total) + 0.005
