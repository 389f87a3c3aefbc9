"""Which East Asian code page a CSV that is not UTF-8 (nor Western text) is written in: GB18030
(Chinese), Big5 (Traditional Chinese, as Excel saves "CSV" in Taiwan and Hong Kong; Windows' cp950),
Shift-JIS (Japanese; cp932) or EUC-KR (Korean; cp949), guessed from how a sample of its letters reads
in each.

Most byte pairs decode in all three, so decoding alone cannot choose. What tells them apart:
- Chinese text is nearly all GB2312's common characters (first byte 0xB0–0xF7, second 0xA1–0xFE).
  Shift-JIS's kana and common kanji start with 0x81–0x9F, so Japanese read as GB18030 almost never
  lands there; and Chinese read as Shift-JIS falls apart into half-width katakana.
- Korean's syllables sit exactly on GB2312's byte pairs, so Korean reads as (nonsense) Chinese. Read
  as Korean, Chinese gives rare syllables (工程部 as 묏넋꼬), Korean common ones: most of a Korean
  file's syllables are among the COMMON_SYLLABLES of everyday words, names and places; at most half
  of a Chinese file's. Fewer distinct characters need a larger share (남 and 여 alone read as 巢 and
  咯; two Chinese characters can read as two common syllables).
- Big5 text is nearly all Big5's 5,401 common hanzi (first byte 0xA4–0xC6); read as GB18030, about
  half of it is kana, unassigned rows and rare characters, where Chinese is all GB2312's common hanzi
  (a few letters can land there by chance: 男/女 and 碩士 alone stay GB18030). GB18030's pinyin
  letters (Shànghǎi) read as Big5 hanzi too, so a file of mostly Latin letters stays GB18030.
- Only letters count: symbols (①, ㈱, ★, ㎡, ※), Greek and Cyrillic are in all three. A lone
  half-width katakana between ASCII characters is a Western symbol read as Japanese (£ as ｣, ½ as ｽ).
Tried on 75 realistic files (a review's: customer lists, HR tables, reviews, addresses, symbols, text
after long ASCII starts, a few MB): every Japanese, Korean, Chinese and Western one read as written
but for the known limits: a Korean file whose letters are few (남/여 and little else) or partly hanja
reads as GB18030, and so do other code pages (Big5-HKSCS's extra characters, EUC-JP, …).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

GB = "gb18030"
JAPANESE = "cp932"  # Shift-JIS as Windows writes it (with NEC and IBM extensions)
KOREAN = "cp949"  # EUC-KR as Windows writes it (with all 11,172 syllables)
BIG5 = "cp950"  # Big5 as Windows writes it
NAMES = {JAPANESE: "Shift-JIS (Japanese)", KOREAN: "EUC-KR (Korean)", BIG5: "Big5 (Traditional Chinese)"}
SAMPLE_BYTES = 256 * 1024  # from the first byte past ASCII
# the syllables of several hundred everyday Korean words, names and places (391 of KS X 1001's 2,350)
COMMON_SYLLABLES = frozenset(
    "가각간갈감갔강같개객거건검것겠겨격견결경계고공과곽관광괜교구국군권규균그근금기길김까나날남납내냉너네년노뇨눈느는늘늦니님"
    "다단달닭담당대더덕덜덥도동돼되된두뒤드등디따딸때또뜻라락란람랑래량러럼레력로록료류르른를름릉리린림립마막만말맑매맥맹먹메"
    "면명모목못무문물미민밀및바박밖반받발밥방배백번범법변별병보복본봄봉봤부북분불뷰비빈빌빛빠빨빵사삭산삼샀상색샛생샴서석선설"
    "성세셔소속손솔송수숙순술쉬스슬습승시식신실싫심십썼씨아악안않압았앞애액야약양어엄업없었에여역연열염영옆예오옥온옷와완왔왕"
    "외왼요용우욱운울웅워원월위유육윤율으은을음읍의이익인일임입있자작잔잘잡장재적전절점정제조족졸종좋좌주준중증지직진질짜쪽차"
    "착찬찮참창채책처척천철청체초총최추춘출춥충취츠층치친침카커컨컴케크키탁태택터텔토통퇴트특팀팅파판팽편평포폰표푸품퓨피하학"
    "한할함합항해했행향허험혁현혈협형혜호홍화확환황회획후훈휴흐흥희")
_FIRST_BEYOND_ASCII = re.compile(rb"[\x80-\xff]")
# no text in these encodings holds a control character or one of the private use area: what reads so
# is another encoding's (cp932 reads Windows-1252's € and no-break space as U+0080 and U+F8F0)
_NOT_TEXT = re.compile(r"[\x80-\x9f\ue000-\uf8ff]")
_RUN = re.compile(r"[^\x00-\x7f]+")
_LONE = "\x00"  # counted in place of a lone half-width katakana (a run of one letter): not Japanese
# kana, 々〆〇, kanji, full-width Latin letters and half-width katakana
_JAPANESE = re.compile(r"[\u3005-\u3007\u3041-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       r"\uff21-\uff3a\uff41-\uff5a\uff66-\uff9f]")
_HALF_WIDTH_KANA = re.compile(r"[\uff66-\uff9f]")
_KOREAN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")  # syllables and jamo (ㅋㅋ, ㅠㅠ)
_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[\u00c0-\u024f]")


def east_asian(chunks) -> tuple[str, ...]:
    """The encodings to try, most likely first, for the bytes ``chunks()`` yields: (cp932, gb18030),
    (cp949, gb18030), (cp950, gb18030) or (gb18030,)."""
    gb, japanese, korean, big5 = (_letters(chunks, encoding) for encoding in (GB, JAPANESE, KOREAN, BIG5))
    if japanese and len(japanese) >= 2 and _share(japanese, _JAPANESE) >= 0.9 and (
            gb is None or (_common_chinese(gb) < 0.5 and _share(japanese, _HALF_WIDTH_KANA) < 0.5)):
        return JAPANESE, GB
    if korean and _share(korean, _KOREAN) >= 0.95 and _plausible_korean(korean):
        return KOREAN, GB
    if big5 and _share_coded(big5, BIG5, 0xA4, 0xC6, 0x40) >= 0.95 and (
            gb is None or (_common_chinese(gb) < 0.7 and _share(gb, _LATIN) < 0.5)):
        return BIG5, GB
    return (GB,)


def _letters(chunks, encoding: str) -> Counter | None:
    """How often each letter past ASCII occurs in SAMPLE_BYTES of the chunks, from the first byte past
    ASCII, read as ``encoding``; None if they do not decode, or not as text. (That byte begins a
    character: no lead byte of these encodings is ASCII.)"""
    decoder, counts, left, start = codecs.getincrementaldecoder(encoding)(), Counter(), SAMPLE_BYTES, None
    try:
        for chunk in chunks():
            if start is None:
                if chunk.isascii():
                    continue
                start = _FIRST_BEYOND_ASCII.search(chunk).start()
                chunk = chunk[start:]
            text = decoder.decode(chunk[:left])
            if _NOT_TEXT.search(text):
                return None
            for run in _RUN.findall(text):
                letters = [c for c in run if _is_letter(c)]
                if len(run) == 1 and letters and _HALF_WIDTH_KANA.match(run):
                    counts[_LONE] += 1
                else:
                    counts.update(letters)
            left -= len(chunk)
            if left <= 0:
                break
    except UnicodeDecodeError:
        return None
    return counts


def _is_letter(c: str) -> bool:
    """A letter that tells the languages apart: not a symbol, a digit, punctuation, Greek or Cyrillic."""
    return unicodedata.category(c)[0] == "L" and not "\u0370" <= c <= "\u04ff"


def _share(counts: Counter, kind: re.Pattern) -> float:
    total = sum(counts.values())
    return sum(n for c, n in counts.items() if kind.fullmatch(c)) / total if total else 0.0


def _plausible_korean(counts: Counter) -> bool:
    """Enough syllables among the COMMON_SYLLABLES for this many distinct letters."""
    syllables = {c: n for c, n in counts.items() if _SYLLABLE.fullmatch(c)}
    total = sum(syllables.values())
    common = sum(n for c, n in syllables.items() if c in COMMON_SYLLABLES) / total if total else 0.0
    return (len(syllables) >= 8 and common >= 0.5) or (len(syllables) >= 4 and common >= 0.9)


def _common_chinese(counts: Counter) -> float:
    """The share of the letters that are GB2312's common hanzi (two bytes: 0xB0–0xF7, 0xA1–0xFE)."""
    return _share_coded(counts, GB, 0xB0, 0xF7, 0xA1)


def _share_coded(counts: Counter, encoding: str, first: int, last: int, second: int) -> float:
    """The share of the letters whose two bytes in ``encoding`` start with ``first``–``last`` and
    go on with ``second`` or above."""
    total = sum(counts.values())
    common = 0
    for c, n in counts.items():
        b = c.encode(encoding, errors="ignore")
        common += n * (len(b) == 2 and first <= b[0] <= last and b[1] >= second)
    return common / total if total else 0.0
