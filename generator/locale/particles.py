"""Korean particles after a filled-in placeholder: ``{found}이(가)`` becomes ``13,420천원이``.

A Korean particle depends on the sound the word before it ends with (이/가, 을/를, 은/는, 과/와,
으로/로), and a message's placeholder can hold any figure or name.  A Korean check message writes
both forms, as Korean software does (``이(가)``); :func:`resolve` picks the one that fits the
word before it, when that word ends in Hangul or a figure (read the Korean way: ``2016`` 이천십육
→ 이, ``30`` 삼십 → 이, ``100`` 백 → 이, ``5`` 오 → 가; a date ``2027. 3.`` 삼월 → 이), past closing quotes and brackets.  After
anything else (a Latin word, a symbol) both forms stay, which is still correct Korean.
"""

from __future__ import annotations

import re

_PAIRS = {
    # written form: (after a final consonant, after a vowel, after ㄹ)
    "이(가)": ("이", "가", "이"), "가(이)": ("이", "가", "이"),
    "을(를)": ("을", "를", "을"), "를(을)": ("을", "를", "을"),
    "은(는)": ("은", "는", "은"), "는(은)": ("은", "는", "은"),
    "과(와)": ("과", "와", "과"), "와(과)": ("과", "와", "과"),
    "으로(로)": ("으로", "로", "로"), "(으)로": ("으로", "로", "로"),
    "이나(나)": ("이나", "나", "이나"), "(이)나": ("이나", "나", "이나"),
}
_PARTICLE = re.compile("|".join(re.escape(p) for p in sorted(_PAIRS, key=len, reverse=True)))
_CLOSING = set("’'\"”)]}`»›」』〉》 ")

# the final sound of a digit read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ",
                "7": "ㄹ", "8": "ㄹ", "9": ""}
_HANGUL_FINALS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ",
                  "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]


def _number_final(digits: str) -> str:
    """The final sound of a whole number read in Korean (2016 → ㄱ of 육; 30 → ㅂ of 십)."""
    digits = digits.lstrip("0") or "0"
    if digits == "0" or digits[-1] != "0":
        return _DIGIT_FINAL[digits[-1]]
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 1:
        return "ㅂ"  # 십
    if zeros == 2:
        return "ㄱ"  # 백
    if zeros == 3:
        return "ㄴ"  # 천
    if zeros < 8:
        return "ㄴ"  # 만
    if zeros < 12:
        return "ㄱ"  # 억
    return ""  # 조


def final_sound(text: str) -> str | None:
    """The final consonant (``ㄴ``, ``ㄹ`` …, or ``""`` for a vowel) that ``text`` ends with when
    read aloud in Korean, or None when it cannot be told (a Latin word, a symbol)."""
    end = len(text)
    while end and text[end - 1] in _CLOSING:
        end -= 1
    if not end:
        return None
    last = text[end - 1]
    if "가" <= last <= "힣":
        return _HANGUL_FINALS[(ord(last) - 0xAC00) % 28]
    if last.isdigit():
        start = end
        while start and (text[start - 1].isdigit() or text[start - 1] == ","):
            start -= 1
        return _number_final(text[start:end].replace(",", ""))
    if last == "%":
        return ""  # 퍼센트
    if last == "." and end >= 2 and text[end - 2].isdigit():
        return "ㄹ"  # a Korean date, 2027. 12. 10. (…십일) or 2027. 3. (…삼월)
    return None


def resolve(text: str) -> str:
    """Every ``이(가)``-style particle in ``text`` in the form the word before it takes."""
    if "(" not in text:
        return text

    def pick(m: re.Match) -> str:
        final = final_sound(text[:m.start()])
        if final is None:
            return m.group(0)
        consonant, vowel, rieul = _PAIRS[m.group(0)]
        if final == "":
            return vowel
        return rieul if final == "ㄹ" else consonant

    return _PARTICLE.sub(pick, text)
