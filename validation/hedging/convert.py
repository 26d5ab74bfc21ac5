"""Convert the outside uncertainty gold sets into git-ignored JSONL under validation/.data/.

Sources (bare git mirrors, read with `git show`; nothing is downloaded):

- Szeged Uncertainty Corpus, Wikipedia part (Vincze 2015; Szarvas et al. 2012), as kept in
  github:meyersbs/uncertainty at the last commit that still held `corpora/old/wiki.xml`.
  Only `wiki.xml` is read. (`corpora/old/factbank.xml` in that repository is held out by the
  project and is never opened.) Sentences of the "Text" parts; the "Title" parts are dropped.
  Cue types: speculation_modal_probable -> speculation (epistemic), speculation_hypo_doxastic ->
  doxastic, speculation_hypo_investigation -> investigation, speculation_hypo_condition -> condition.
- CoNLL-2010 Shared Task 1, Wikipedia weasel sentences (Farkas et al. 2010), as sampled in
  github:clips/pattern `test/corpora/uncertainty-conll2010.csv` (3,000 sentences, label -1 =
  uncertain i.e. holds a weasel cue, 1 = certain; no cue offsets). Article titles (label 1, no
  final punctuation, at most 12 words) start a document and are dropped.

Split: every document goes to `dev` or `heldout` by the SHA-1 of its id (heldout when the first
byte mod 3 == 0, about a third). Rules are tuned on `dev` only; `heldout` is scored, not read.

Output: validation/.data/szeged_wiki.jsonl and validation/.data/conll2010_wiki.jsonl, one sentence
per line: {"corpus", "doc", "split", "id", "text", "cues": [{"text", "type", "start", "end"}],
"uncertain": bool}. Usage: python validation/hedging/convert.py
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "validation" / ".data"
SZEGED_REPO = Path("/work/.mirror/meyersbs+uncertainty/repo")
SZEGED_COMMIT = "5372143^"  # the commit before the corpora were deleted
SZEGED_PATH = "corpora/old/wiki.xml"
PATTERN_REPO = Path("/work/.mirror/clips+pattern/repo")
PATTERN_PATH = "test/corpora/uncertainty-conll2010.csv"

CUE_TYPES = {
    "speculation_modal_probable_": "speculation",
    "speculation_hypo_doxastic _": "doxastic",
    "speculation_hypo_investigation _": "investigation",
    "speculation_hypo_condition _": "condition",
}


def split_of(doc_id: str) -> str:
    return "heldout" if hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 3 == 0 else "dev"


def git_show(repo: Path, spec: str) -> bytes:
    if "factbank" in spec:  # held out by the project
        raise ValueError("factbank is held out")
    return subprocess.run(["git", "-C", str(repo), "show", spec], check=True,
                          capture_output=True).stdout


def _sentence(element: ET.Element) -> tuple[str, list[dict]]:
    """Plain text of a <Sentence> and its <ccue> spans (offsets into that text)."""
    parts: list[str] = [element.text or ""]
    cues: list[dict] = []
    for child in element:
        start = sum(len(p) for p in parts)
        inner = "".join(child.itertext())
        parts.append(inner)
        if child.tag == "ccue":
            cues.append({"text": inner, "type": CUE_TYPES[child.get("type")],
                         "start": start, "end": start + len(inner)})
        parts.append(child.tail or "")
    return "".join(parts), cues


def szeged_wiki() -> list[dict]:
    root = ET.fromstring(git_show(SZEGED_REPO, f"{SZEGED_COMMIT}:{SZEGED_PATH}"))
    rows = []
    for document in root.iter("Document"):
        doc_id = document.findtext("DocID")
        for part in document.findall("DocumentPart"):
            if part.get("type") != "Text":
                continue
            for sentence in part.findall("Sentence"):
                text, cues = _sentence(sentence)
                if not text.strip():
                    continue
                rows.append({"corpus": "szeged_wiki", "doc": doc_id, "split": split_of(doc_id),
                             "id": f"{doc_id}#{sentence.get('id')}", "text": text, "cues": cues,
                             "uncertain": bool(cues)})
    return rows


_TITLE_END = re.compile(r"[.?!:;\"')\]\u201d]\s*$")


def conll2010_wiki() -> list[dict]:
    raw = git_show(PATTERN_REPO, f"HEAD:{PATTERN_PATH}").decode("utf-8-sig")
    rows, doc_id, number = [], "(none)", 0
    for label, sentence in csv.reader(io.StringIO(raw)):
        text = html.unescape(sentence).strip()
        if label == "1" and not _TITLE_END.search(text) and len(text.split()) <= 12:
            doc_id, number = text, 0
            continue
        number += 1
        rows.append({"corpus": "conll2010_wiki", "doc": doc_id, "split": split_of(doc_id),
                     "id": f"{doc_id}#{number}", "text": text,
                     "cues": [{"type": "weasel"}] if label == "-1" else [],
                     "uncertain": label == "-1"})
    return rows


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("szeged_wiki", szeged_wiki()), ("conll2010_wiki", conll2010_wiki())):
        path = OUT / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        heldout = sum(r["split"] == "heldout" for r in rows)
        print(f"{path.relative_to(ROOT)}: {len(rows)} sentences, {len({r['doc'] for r in rows})} "
              f"documents, {heldout} held out, {sum(r['uncertain'] for r in rows)} uncertain")
    return 0


if __name__ == "__main__":
    sys.exit(main())
