#!/usr/bin/env python3
"""Pre-translating news from a memory that holds its sentences, some two per unit
(issue 18, item 3), as recorded in docs/benchmarks.md.

A memory is built from every article of an NTREX-128 layout corpus (eng.tsv, rus.tsv,
aze.tsv; CC BY-SA 4.0) in Russian, English and Azerbaijani, as a news translator keeps
it: the headline on its own, then every other unit holds two consecutive rows. Each article is then pre-translated
from it in each direction (`dragoman pretranslate --json`), one row a line, and the
filled segments are counted: those filled from a sentence of a unit and from units
joined among them. With --baseline DRAGOMAN, a second binary (one without sentence
matching) is run on the same files for comparison.

Usage: bench_sentences.py --corpus ../shared/data/ntrex-dev --dragoman target/release/dragoman
"""
import argparse
import json
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

FILES = {"ru": "rus.tsv", "en": "eng.tsv", "az": "aze.tsv"}
PAIRS = [("ru", "en"), ("en", "ru"), ("az", "en"), ("en", "az"), ("ru", "az"), ("az", "ru")]


def articles(corpus):
    """{lang: [(doc_id, [rows])]} in file order."""
    out = {}
    for lang, name in FILES.items():
        docs = []
        for line in (corpus / name).read_text(encoding="utf-8").splitlines()[1:]:
            doc, _, text = line.split("\t", 2)
            if not docs or docs[-1][0] != doc:
                docs.append((doc, []))
            docs[-1][1].append(text)
        out[lang] = docs
    return out


def tmx(docs):
    units = []
    for a in range(len(docs["en"])):
        rows = len(docs["en"][a][1])
        # The headline is a unit of its own, as it stands on its own line in the article.
        k, two = 0, False
        while k < rows:
            take = 2 if two and k + 1 < rows else 1
            tuvs = "".join(
                f'<tuv xml:lang="{lang}"><seg>{escape(" ".join(docs[lang][a][1][k:k + take]))}</seg></tuv>'
                for lang in FILES
            )
            units.append(f"<tu>{tuvs}</tu>")
            k += take
            two = not two
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
        'creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body>\n' + "\n".join(units) + "\n</body></tmx>\n"
    )


def run(dragoman, docs, work):
    db = work / f"{Path(dragoman).name}-{abs(hash(str(dragoman)))}.sqlite"
    memory = work / "news.tmx"
    subprocess.run([dragoman, "tm", "--db", db, "import", memory], check=True, capture_output=True)
    totals = defaultdict(int)
    by_direction = {}
    for src, tgt in PAIRS:
        direction = defaultdict(int)
        for a, (doc, rows) in enumerate(docs[src]):
            text = work / f"{a}-{src}.txt"
            text.write_text("\n".join(rows) + "\n", encoding="utf-8")
            out = subprocess.run(
                [dragoman, "pretranslate", text, "--src", src, "--tgt", tgt, "--db", db,
                 "--out", work / f"{a}-{src}-{tgt}.xlf", "--json"],
                check=True, capture_output=True, text=True,
            )
            report = json.loads(out.stdout)
            filled = report["context"] + report["exact"] + report["fuzzy"]
            totals["articles"] += 1
            totals["segments"] += report["segments"]
            totals["filled"] += filled
            totals["sentences"] += report.get("sentences", 0)
            totals["joined"] += report.get("joined", 0)
            totals["articles_at_95"] += filled * 100 >= report["segments"] * 95
            direction["segments"] += report["segments"]
            direction["filled"] += filled
        by_direction[f"{src}-{tgt}"] = f'{direction["filled"]} of {direction["segments"]}'
    totals["filled_share"] = round(totals["filled"] / max(totals["segments"], 1), 4)
    return {**totals, "by_direction": by_direction}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--dragoman", required=True)
    p.add_argument("--baseline", help="another dragoman binary to compare with")
    a = p.parse_args()
    docs = articles(a.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "news.tmx").write_text(tmx(docs), encoding="utf-8")
        result = {"units": (work / "news.tmx").read_text(encoding="utf-8").count("<tu>"),
                  "dragoman": run(a.dragoman, docs, work)}
        if a.baseline:
            result["baseline"] = run(a.baseline, docs, work)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
