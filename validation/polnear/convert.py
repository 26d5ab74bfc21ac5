"""Convert PolNeAR (Newell, Margolin & Ruths, LREC 2018) into our corpus format plus quote gold.

PolNeAR: "An attribution relations corpus for political news", E. Newell, D. Margolin, D. Ruths,
LREC 2018; https://github.com/networkdynamics/PolNeAR. 1,008 US election articles (7 outlets, 2016),
every attribution annotated as source / cue / content spans (brat standoff, character offsets into
the article's text file, whose first line is the headline). The articles belong to their outlets:
this script writes the texts and the gold ONLY under the git-ignored `validation/.data/polnear/`.

Output:
  validation/.data/polnear/corpus/articles/<id>.md   body = the text after the headline line, verbatim
                                                    (control characters, C0 and C1, other than newline become a
                                                    space, so every offset is kept)
  validation/.data/polnear/corpus/events.yaml       one event per month of the campaign
  validation/.data/polnear/gold/<id>.json           quote regions with body offsets and their source

Gold quotes. PolNeAR does not mark quotes as such; it marks attributions, whose content may be a
paraphrase or a verbatim quote. A *quote region* is the text between a pair of double quote marks
(“ ”, straight ", or the NYT's '' used for both) inside one paragraph; an opening mark left open at
the end of a paragraph closes there (multi-paragraph quotes: one region per paragraph, as in
tests/gold). Single quotes are not regions (nested quotes are part of the outer one). A region is an
*attributed quote* when at least half of its characters lie inside one attribution's content span;
its gold speaker is that attribution's source span. Regions outside every content span (titles of
shows, scare quotes, and any quote PolNeAR's annotators missed) are kept with `attributed: false`.

Speaker mentions: the source span text, plus, when the source span overlaps a mention of a CoreNLP
(dcoref) chain in PolNeAR's `corenlp/` files, the mentions that hold a proper noun (NNP) of the one
chain whose mention covers most of the source span,
so "he" counts as "Donald Trump" when CoreNLP linked them. A few CoreNLP files are absent from the
mirror (large blobs); their articles have the source span text only.

Articles with several annotators: the annotation of the first annotator id in sorted order.

Usage: python validation/polnear/convert.py [--repo DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPO = Path("/work/.mirror/networkdynamics+PolNeAR/repo")
DEFAULT_OUT = ROOT / "validation" / ".data" / "polnear"
CORE = ("train", "dev", "test")
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
PRONOUNS = frozenset("i me my we us our you your he him his she her it its they them their "
                     "himself herself itself themselves".split())


class Repo:
    """Read files from the bare PolNeAR git repository (or a work tree)."""

    def __init__(self, path: Path):
        self.path = path
        self.bare = not (path / "data").is_dir()

    def read(self, rel: str) -> str | None:
        if not self.bare:
            p = self.path / rel
            return p.read_text(encoding="utf-8") if p.is_file() else None
        res = subprocess.run(["git", "-C", str(self.path), "show", f"HEAD:{rel}"],
                             capture_output=True)
        if res.returncode != 0:
            return None
        return res.stdout.decode("utf-8")

    def names(self, under: str) -> list[str]:
        if not self.bare:
            return sorted(str(p.relative_to(self.path)) for p in (self.path / under).rglob("*") if p.is_file())
        res = subprocess.run(["git", "-C", str(self.path), "ls-tree", "-r", "HEAD", "--name-only", under],
                             capture_output=True, text=True, check=True)
        return sorted(res.stdout.split())


# ---------------------------------------------------------------- annotations
def parse_ann(text: str) -> list[dict]:
    """Brat standoff -> attributions [{id, source: [(s, e)], cue: [...], content: [...]}]."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                s, e = frag.split()
                frags.append((int(s), int(e)))
            spans[parts[0]] = frags
        elif line.startswith("E"):
            parts = line.split("\t")
            roles = dict(item.split(":", 1) for item in parts[1].split())
            events.append((parts[0], roles))
    out = []
    for eid, roles in events:
        att = {"id": eid}
        for role in ("Source", "Cue", "Content"):
            att[role.lower()] = spans.get(roles.get(role, ""), [])
        out.append(att)
    return out


# ---------------------------------------------------------------- CoreNLP coreference
def coref_chains(xml_text: str) -> list[list[dict]]:
    """CoreNLP xml -> chains of mentions [{start, end, text, proper}] (character offsets)."""
    root = ET.parse(io.StringIO(xml_text)).getroot()
    doc = root.find("document")
    tokens: dict[tuple[int, int], tuple[int, int, str]] = {}
    for sent in doc.find("sentences"):
        sid = int(sent.get("id"))
        for tok in sent.find("tokens"):
            tokens[(sid, int(tok.get("id")))] = (int(tok.findtext("CharacterOffsetBegin")),
                                                 int(tok.findtext("CharacterOffsetEnd")), tok.findtext("POS"))
    chains = []
    outer = doc.find("coreference")
    for chain in (outer if outer is not None else []):
        mentions = []
        for m in chain.findall("mention"):
            sid, s, e = int(m.findtext("sentence")), int(m.findtext("start")), int(m.findtext("end"))
            toks = [tokens[(sid, i)] for i in range(s, e) if (sid, i) in tokens]
            if not toks:
                continue
            mentions.append({"start": toks[0][0], "end": toks[-1][1], "text": m.findtext("text"),
                             "proper": any(t[2].startswith("NNP") for t in toks)})
        if mentions:
            chains.append(mentions)
    return chains


# ---------------------------------------------------------------- quote regions
def quote_regions(body: str) -> list[dict]:
    """Pairs of double quote marks per paragraph -> [{start, end, open, close}] (inside the marks)."""
    regions = []
    mark = re.compile(r"''|``|[\u201c\u201d\u201e\"]")
    pos = 0
    for para in re.split(r"(\n\s*\n)", body):
        if not para.strip() or para.startswith("\n"):
            pos += len(para)
            continue
        open_at = None  # (index after the opening mark, mark)
        for m in mark.finditer(para):
            tok = m.group()
            before = para[m.start() - 1] if m.start() > 0 else " "
            after = para[m.end()] if m.end() < len(para) else " "
            # The side a mark stands on decides its direction, whatever its glyph (copy often has
            # a backwards curly mark): space or bracket before and a word after opens; a word or
            # punctuation before and space or punctuation after closes.
            ctx_open = (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace()
            ctx_close = not before.isspace() and (after.isspace() or not after.isalnum())
            if open_at is None:
                opening = ctx_open or (tok in ("\u201c", "\u201e", "``", '"', "''") and not ctx_close)
            else:
                opening = ctx_open and not ctx_close and tok != "''" or (tok == "\u201c" and not ctx_close)
            if opening:
                open_at = (m.end(), tok)
            elif open_at is not None:
                regions.append({"start": pos + open_at[0], "end": pos + m.start(), "open": open_at[1],
                                "close": tok})
                open_at = None
        if open_at is not None:
            end = len(para.rstrip())
            if end > open_at[0]:
                regions.append({"start": pos + open_at[0], "end": pos + end, "open": open_at[1], "close": None})
        pos += len(para)
    for r in regions:  # trim spaces inside the marks
        text = body[r["start"]:r["end"]]
        r["start"] += len(text) - len(text.lstrip())
        r["end"] -= len(text) - len(text.rstrip())
    return [r for r in regions if r["end"] > r["start"]]


def _inside(region: tuple[int, int], frags: list[tuple[int, int]]) -> int:
    return sum(max(0, min(region[1], e) - max(region[0], s)) for s, e in frags)


def build_gold(text: str, offset: int, body: str, atts: list[dict], chains: list[list[dict]] | None) -> dict:
    """Gold for one article: attributions (body offsets) and quote regions with their source."""
    def shift(frags):
        return [(s - offset, e - offset) for s, e in frags if e > offset]

    def mentions_of(source_frags):
        mentions = []
        for s, e in source_frags:
            t = text[s:e]
            if t.strip():
                mentions.append(t.strip())
        if chains:
            # One chain: the one whose mention covers most of the source span (ties: the longer
            # mention), so "Jack Dorsey, Twitter's chief executive" takes Dorsey's chain, not Twitter's.
            best, best_key = None, (0, 0)
            for chain in chains:
                for m in chain:
                    cover = sum(max(0, min(e, m["end"]) - max(s, m["start"])) for s, e in source_frags)
                    key = (cover, -(m["end"] - m["start"]))
                    if cover > 0 and key > best_key:
                        best, best_key = chain, key
            if best is not None:
                mentions.extend(m["text"] for m in best if m["proper"])
        seen, out = set(), []
        for m in mentions:
            if m not in seen:
                seen.add(m)
                out.append(m)
        return out

    attributions = []
    for att in atts:
        src = att["source"]
        src_text = " ".join(text[s:e] for s, e in src).strip()
        attributions.append({
            "id": att["id"],
            "source": shift(src), "source_text": src_text,
            "source_kind": ("none" if not src_text else "pronoun" if src_text.lower() in PRONOUNS
                            else "name" if any(w[:1].isupper() for w in src_text.split()) else "nominal"),
            "source_mentions": mentions_of(src),
            "cue_text": " ".join(text[s:e] for s, e in att["cue"]).strip(),
            "content": shift(att["content"]),
            "in_title": all(e <= offset for s, e in att["content"]),
        })
    quotes = []
    for r in quote_regions(body):
        span = (r["start"], r["end"])
        best, best_in = None, 0
        for a in attributions:
            inside = _inside(span, a["content"])
            if inside > best_in:
                best, best_in = a, inside
        attributed = best is not None and best_in * 2 >= span[1] - span[0]
        quotes.append({
            "start": r["start"], "end": r["end"], "text": body[r["start"]:r["end"]],
            "open": r["open"], "close": r["close"],
            "words": len(body[r["start"]:r["end"]].split()),
            "attributed": attributed,
            "attribution": best["id"] if attributed else None,
            "speaker": best["source_text"] if attributed else None,
            "speaker_kind": best["source_kind"] if attributed else None,
            "speaker_mentions": best["source_mentions"] if attributed else [],
        })
    return {"attributions": attributions, "quotes": quotes}


# ---------------------------------------------------------------- articles
def article_id(filename: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", filename.lower()).strip("-")


def front_matter(meta: dict) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n"


def convert(repo: Repo, out: Path) -> dict:
    rows = list(csv.DictReader(io.StringIO(repo.read("data/metadata.tsv")), delimiter="\t"))
    rows = [r for r in rows if r["compartment"] in CORE]
    ann_names = set(repo.names("data"))
    (out / "corpus" / "articles").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    events = {}
    stats = {"articles": 0, "missing_text": 0, "missing_ann": 0, "missing_corenlp": 0,
             "quotes": 0, "attributed": 0}
    index = []
    for row in sorted(rows, key=lambda r: r["filename"]):
        comp, fname = row["compartment"], row["filename"]
        text = repo.read(f"data/{comp}/text/{fname}.txt")
        if text is None:
            stats["missing_text"] += 1
            continue
        annotator = next((a for a in sorted(row["annotators"].split("|"))
                          if f"data/{comp}/attributions/{fname}_{a}.ann" in ann_names), None)
        if annotator is None:
            stats["missing_ann"] += 1
            continue
        atts = parse_ann(repo.read(f"data/{comp}/attributions/{fname}_{annotator}.ann"))
        xml = repo.read(f"data/{comp}/corenlp/{fname}.txt.xml")
        chains = None
        if xml is None:
            stats["missing_corenlp"] += 1
        else:
            chains = coref_chains(xml)
        # The first line is the headline; the body starts at the first non-space after it.
        nl = text.find("\n")
        title = text[:nl].strip() if nl >= 0 else None
        offset = nl + 1 if nl >= 0 else 0
        while offset < len(text) and text[offset].isspace():
            offset += 1
        body = CONTROL.sub(" ", text[offset:].rstrip())
        if not body.strip():
            continue
        aid = article_id(fname)
        month = row["publication_date"][:7]
        event = f"us-election-{month}"
        events[event] = month
        meta = {"id": aid, "outlet": row["publisher"], "title": title or None,
                "date": row["publication_date"], "event": event, "language": "en",
                "byline": row["author"] or None,
                "notes": [f"PolNeAR {comp} compartment, file {fname}, annotator {annotator}"]}
        (out / "corpus" / "articles" / f"{aid}.md").write_text(front_matter(meta) + body + "\n", encoding="utf-8")
        gold = build_gold(text, offset, body, atts, chains)
        gold.update({"id": aid, "outlet": row["publisher"], "compartment": comp, "filename": fname,
                     "annotator": annotator, "body_offset": offset, "corenlp": xml is not None})
        (out / "gold" / f"{aid}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        stats["articles"] += 1
        stats["quotes"] += len(gold["quotes"])
        stats["attributed"] += sum(q["attributed"] for q in gold["quotes"])
        index.append({"id": aid, "outlet": row["publisher"], "compartment": comp})
    import yaml

    (out / "corpus" / "events.yaml").write_text(yaml.safe_dump({"events": [
        {"id": e, "date": m, "date_precision": "month", "title": f"US election campaign, {m}"}
        for e, m in sorted(events.items())]}, sort_keys=False), encoding="utf-8")
    (out / "index.json").write_text(json.dumps(index, indent=1), encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", type=Path, default=DEFAULT_REPO)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    stats = convert(Repo(args.repo), args.out)
    print(json.dumps(stats))
    from analysis import load_corpus

    corpus = load_corpus(args.out / "corpus")
    print(f"load_corpus: {len(corpus.articles)} articles, {len(corpus.skipped)} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
