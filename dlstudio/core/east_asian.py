"""Which East Asian code page a CSV that is not UTF-8 (nor Western text) is written in: GB18030
(Chinese), Shift-JIS (Japanese; Windows' cp932, what Excel saves as "CSV" in Japan) or EUC-KR
(Korean; Windows' cp949), guessed from how a sample of its characters reads in each.

Most byte pairs decode in all three, so decoding alone cannot choose. What tells them apart:
- Chinese text is nearly all GB2312's common characters (first byte 0xB0–0xF7, second 0xA1–0xFE).
  Shift-JIS's kana and common kanji start with 0x81–0x9F, so Japanese read as GB18030 almost never
  lands there; and Chinese read as Shift-JIS falls apart into half-width katakana.
- Korean's syllables sit exactly on GB2312's byte pairs, so Korean reads as (nonsense) Chinese. Read
  as Korean, Chinese gives syllables for about half of its characters (those in rows 0xB0–0xC8), Korean
  for all of them. A few distinct characters cannot tell the two apart (남 and 여 read as 巢 and 咯), so
  it takes ``KOREAN_DISTINCT`` of them.
Measured on Japanese, Korean, simplified and traditional Chinese files (and Western ones, which
``sniff`` has sorted out before): every one read as written.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter

GB = "gb18030"
JAPANESE = "cp932"  # Shift-JIS as Windows writes it (with NEC and IBM extensions)
KOREAN = "cp949"  # EUC-KR as Windows writes it (with all 11,172 syllables)
NAMES = {JAPANESE: "Shift-JIS (Japanese)", KOREAN: "EUC-KR (Korean)"}
SAMPLE_BYTES = 256 * 1024  # of the chunks that hold bytes past ASCII
KOREAN_DISTINCT = 8
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
_JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uffef]")  # kana, kanji, CJK and full-/half-width forms
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def east_asian(chunks) -> tuple[str, ...]:
    """The encodings to try, most likely first, for the bytes ``chunks()`` yields: (cp932, gb18030),
    (cp949, gb18030) or (gb18030,)."""
    gb, japanese, korean = (_characters(chunks, encoding) for encoding in (GB, JAPANESE, KOREAN))
    if japanese is not None and len(japanese) >= 2 and _share(japanese, _JAPANESE) >= 0.9 and (
            gb is None or (_common_chinese(gb) < 0.5 and _share(japanese, _HALF_WIDTH_KANA) < 0.5)):
        return JAPANESE, GB
    if korean is not None and len(korean) >= KOREAN_DISTINCT and _share(korean, _HANGUL) >= 0.95:
        return KOREAN, GB
    return (GB,)


def _characters(chunks, encoding: str) -> Counter | None:
    """How often each character past ASCII occurs in the first SAMPLE_BYTES of the chunks that hold
    such bytes, read as ``encoding``; None if they do not decode. (An ASCII chunk ends no character:
    none of these encodings has an ASCII lead byte.)"""
    decoder, counts, left = codecs.getincrementaldecoder(encoding)(), Counter(), SAMPLE_BYTES
    try:
        for chunk in chunks():
            if chunk.isascii():
                continue
            counts.update(_BEYOND_ASCII.findall(decoder.decode(chunk[:left])))
            left -= len(chunk)
            if left <= 0:
                break
    except UnicodeDecodeError:
        return None
    return counts


def _share(counts: Counter, kind: re.Pattern) -> float:
    total = sum(counts.values())
    return sum(n for c, n in counts.items() if kind.fullmatch(c)) / total if total else 0.0


def _common_chinese(counts: Counter) -> float:
    """The share of the characters that are GB2312's common hanzi (two bytes: 0xB0–0xF7, 0xA1–0xFE)."""
    total = sum(counts.values())
    common = 0
    for c, n in counts.items():
        b = c.encode(GB)
        common += n * (len(b) == 2 and 0xB0 <= b[0] <= 0xF7 and 0xA1 <= b[1] <= 0xFE)
    return common / total if total else 0.0
