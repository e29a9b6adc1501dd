"""The one Chinese-numeral parser: 一 → 1, 十一 → 11, 二十 → 20, 两百 → 200."""

CN_DIGITS = {ch: i for i, ch in enumerate("一二三四五六七八九", start=1)} | {"两": 2}
CN_POWERS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "一二两三四五六七八九十百千"
# The numerals of headings and ranks (一、 （十一） 第二): digits and 十 only.
ORDINAL_NUMERAL = "一二三四五六七八九十"


def parse_chinese_int(numeral: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20, 百 → 100; ``ValueError`` for 一二三 or an empty string."""
    if not numeral:
        raise ValueError("empty numeral")
    total, digit, last_power = 0, None, 10**9
    for i, ch in enumerate(numeral):
        if ch in CN_DIGITS and digit is None:
            digit = CN_DIGITS[ch]
        elif ch in CN_POWERS and CN_POWERS[ch] < last_power and (digit is not None or i == 0):
            total += (1 if digit is None else digit) * CN_POWERS[ch]
            digit, last_power = None, CN_POWERS[ch]
        else:
            raise ValueError(f"not a numeral: {numeral}")
    return total + (digit or 0)


def number_value(numeral: str) -> int:
    """The value of a count or rank written in Arabic (12) or Chinese (十二) digits."""
    return int(numeral) if numeral.isdigit() else parse_chinese_int(numeral)
