"""Build corpus/articles/*.md from corpus/raw/ by picking raw lines (one-off curation script).

Kept so the curation is reproducible and reviewable: each article names the raw lines it keeps,
which become headings, list items or captions, and what was dropped as page furniture. The raw
characters are kept exactly; only whole lines are picked, list bullets are cut from the front of a
line, and a trailing sign-off is cut from the end of one.
"""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"
OUT = ROOT / "corpus" / "articles"


def lines(name: str) -> list[str]:
    return (RAW / name).read_text(encoding="utf-8").split("\n")


def strip_prefix(text: str, prefix: str) -> str:
    assert text.startswith(prefix), (text, prefix)
    return text[len(prefix):]


def strip_suffix(text: str, suffix: str) -> str:
    assert text.endswith(suffix), (text, suffix)
    return text[: -len(suffix)]


ARTICLES = []

# 000: China Daily Brief, New Year press conference.
raw = lines("000_9a1217f2d4d7b058.txt")
body = [raw[2], "## " + raw[6]]
for number, line in zip("1234", raw[8:12]):
    body.append("- " + strip_prefix(line, "  \u2022 " + number))
body += ["## " + raw[16], raw[18], "---"] + [raw[i] for i in (24, 26, 28, 30, 32, 34)]
ARTICLES.append(dict(
    meta=dict(
        id="cdb-2026-01-21-press-conference",
        outlet="China Daily Brief",
        title=raw[0],
        date="2026-01-21",
        date_precision="day",
        event="press-conference-2026-01-21",
        language="en",
        byline=None,
        source="000_9a1217f2d4d7b058.txt",
        outlet_evidence=["China Daily Brief Editorial", "Strategic Insight", "China Daily Brief"],
        captions=[raw[4]],
        url=None,
        notes=[
            "No publication date in the text; the date is that of the press conference it reports ('on 21 January'), the year from the event (Lee's New Year press conference of his second year, 2026).",
            "The standfirst is kept as the first paragraph (the lead). The 'Key Takeaways' box and the 'Strategic Analysis' box (labelled 'Editor's Desk') are kept as sections; '---' ends the box before the main text.",
            "Dropped as page furniture: 'Editor's Desk' label, 'China Daily Brief Editorial / Strategic Insight / China Daily Brief' labels, 'Share Article', 'Related Articles', 'No related articles found'. List numbers glued to the takeaways (1-4) are cut.",
            "No byline or URL in the text.",
        ],
    ),
    body=body,
))

# 001: Focus byline, Beijing summit.
raw = lines("001_a1c5ffed28f8a4cf.txt")
keep = [4] + [11, 13, 15, 17] + [22, 24, 26, 28] + ["h30"] + [32, 34, 36, 38, 40, 42, 44, 46, 48] + ["h50"] + [52, 54, 56, 58, 60, 62, 64] + ["h66"] + [68, 70, 72, 74]
body = []
for item in keep:
    if isinstance(item, str):
        body.append("## " + raw[int(item[1:])])
    else:
        body.append(raw[item])
ARTICLES.append(dict(
    meta=dict(
        id="focus-2026-01-summit",
        outlet="Focus",
        title=raw[2],
        date="2026-01",
        date_precision="month",
        event="beijing-summit-2026-01-05",
        language="en",
        byline="Focus",
        source="001_a1c5ffed28f8a4cf.txt",
        outlet_evidence=["By Focus |"],
        captions=[raw[6], raw[19]],
        url=None,
        notes=[
            "No publication date in the text; it reports events up to 7 January 2026 ('Lee told journalists in Shanghai on January 7'), so January 2026.",
            "The publisher is not named; 'Focus' is the byline ('By Focus |').",
            "Dropped: section label 'Diplomacy', the duplicated photo captions (kept once each in captions), 'Do you like this article?', 'Policy Link'.",
        ],
    ),
    body=body,
))

# 002: unnamed outlet, pre-visit CCTV interview.
raw = lines("002_5323763388cca4d5.txt")
headings = {9, 15, 21, 27, 33, 39, 45}
body = []
for index in [4] + list(range(9, 50)):
    if not raw[index].strip():
        continue
    body.append(("## " if index in headings else "") + raw[index])
ARTICLES.append(dict(
    meta=dict(
        id="unnamed002-2026-01-cctv-interview",
        outlet="Unnamed outlet 002",
        title=raw[2],
        date="2026-01",
        date_precision="month",
        event="cctv-interview-2026-01",
        language="en",
        byline=None,
        source="002_5323763388cca4d5.txt",
        outlet_evidence=["INTERNATIONAL", "Back to top button"],
        captions=[raw[6]],
        url=None,
        notes=[
            "No publication date in the text; it was written 'just days before' the visit 'scheduled from January 4 to January 7, 2026', so early January 2026 (late December 2025 cannot be ruled out from the text alone).",
            "No outlet name, byline or URL in the text.",
            "Title and first paragraph keep the source's stray ' : ' after 'South Korea' and 'South Korean'.",
            "Dropped: section label 'INTERNATIONAL', the duplicated image label 'South korean' (kept once in captions), 'Back to top button'.",
        ],
    ),
    body=body,
))

# 003: unnamed outlet (byline Admin), Beijing summit.
raw = lines("003_be5ff7909fb83393.txt")
headings = {7, 13, 19, 25, 29, 35, 41, 47}
body = []
for index in range(5, 52):
    if not raw[index].strip():
        continue
    body.append(("## " if index in headings else "") + raw[index])
ARTICLES.append(dict(
    meta=dict(
        id="unnamed003-2026-01-summit",
        outlet="Unnamed outlet 003",
        title=raw[0],
        date="2026-01",
        date_precision="month",
        event="beijing-summit-2026-01-05",
        language="en",
        byline="Admin",
        source="003_be5ff7909fb83393.txt",
        outlet_evidence=["Admin", "7 Min Read", "TAGGED: , ,", "Leave a comment"],
        captions=[],
        url=None,
        notes=[
            "No publication date in the text; Lee met Xi 'this week' and 'arrived in Beijing on January 4, 2026', so January 2026.",
            "No outlet name in the text; the byline is 'Admin'.",
            "Dropped: '7 Min Read', 'TAGGED: , ,', 'Share this Article', 'Leave a comment'.",
        ],
    ),
    body=body,
))

# 004: WaL, June 2025 phone call. No title in the source.
raw = lines("004_30d0f2d53ee8f89c.txt")
body = []
for index in range(0, 18):
    line = raw[index]
    if index == 9:
        line = "## " + line
    if index == 17:
        line = strip_suffix(line, " WaL")
    body.append(line)
ARTICLES.append(dict(
    meta=dict(
        id="wal-2025-06-phone-call",
        outlet="WaL",
        title=None,
        date="2025-06",
        date_precision="month",
        event="phone-call-2025-06",
        language="en",
        byline=None,
        source="004_30d0f2d53ee8f89c.txt",
        outlet_evidence=["WaL", "We Humbly Ask For Your Support"],
        captions=[raw[19]],
        url=None,
        notes=[
            "The source has no headline; title is null.",
            "The text says Lee 'called Beijing today' but gives no date; the call is the June 2025 Lee-Xi call (steel exports 'in April alone', the doubled steel tariff), so June 2025.",
            "'WaL' is a sign-off cut from the end of the last paragraph; the text does not expand it. No byline or URL.",
            "Dropped: the donation appeal 'We Humbly Ask For Your Support...'. The photo caption 'PICTURED ABOVE: ...' is kept in captions.",
        ],
    ),
    body=body,
))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for article in ARTICLES:
        front = yaml.safe_dump(article["meta"], sort_keys=False, allow_unicode=True, width=100)
        text = "---\n" + front + "---\n\n" + "\n\n".join(article["body"]) + "\n"
        (OUT / f"{article['meta']['id']}.md").write_text(text, encoding="utf-8")
        print("wrote", article["meta"]["id"])


if __name__ == "__main__":
    main()
