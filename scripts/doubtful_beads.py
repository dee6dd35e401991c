#!/usr/bin/env python3
"""How well an aligner's confidence flags its wrong beads (issue 16, item 2).

For every task of a set built by ../shared/eval/make_align_tasks.py, run the aligner
(`--cmd`, as score_align.py takes it), judge each bead against the gold, and count the
beads flagged doubtful (score below --below, the editor's threshold). A bead is wrong
when it links two units that are not translations of each other, or when a unit in it
has a translation in another file that the bead leaves out (a sentence split from its
other half, a 1-0 bead whose sentence has a translation elsewhere). Prints the share of
wrong beads that are flagged (recall) and the share of all beads flagged.

Usage: doubtful_beads.py TASKS --cmd 'dragoman align --format jsonl --langs {langs} {presegmented} {files}'
"""
import argparse
import json
import shlex
import subprocess
import sys
from itertools import permutations
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def judge(task, beads, score_align):
    """Whether each bead is wrong."""
    gold = json.loads((task / "gold.json").read_text())
    langs = gold["langs"]
    files = [(task / f).read_bytes() for f in gold["files"]]
    lines = [score_align.line_ranges(d) for d in files]
    units = [score_align.units_of(gold["spans"][lang], lines[i], gold["mode"]) for i, lang in enumerate(langs)]
    verdicts = []
    for bead in beads:
        held = [score_align.covered(side, units[f], lines[f]) for f, side in enumerate(bead["sides"])]
        wrong = False
        for a, b in permutations(range(len(langs)), 2):
            for x in held[a]:
                ids = units[a][x][2]
                partners = {y for y, (_, _, other) in enumerate(units[b]) if ids & other}
                if any(y not in partners for y in held[b]) or any(y not in held[b] for y in partners):
                    wrong = True
        verdicts.append(wrong)
    return verdicts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tasks")
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--below", type=float, default=0.5, help="the score under which a bead is doubtful")
    ap.add_argument("--shared", default=str(SHARED), help="the folder of score_align.py")
    ap.add_argument("--only", default="", help="only the tasks whose name starts with this (doc-, tri-, long-)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, args.shared)
    import score_align

    beads_in_all = wrong_in_all = flagged_in_all = caught = 0
    for task in sorted(p for p in Path(args.tasks).iterdir() if (p / "gold.json").exists() and p.name.startswith(args.only)):
        gold = json.loads((task / "gold.json").read_text())
        cmd = args.cmd.format(
            langs=",".join(gold["langs"]),
            files=" ".join(shlex.quote(str(task / f)) for f in gold["files"]),
            presegmented="--presegmented" if gold["mode"] == "lines" else "",
            task=shlex.quote(str(task)),
        )
        run = subprocess.run(cmd, shell=True, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{task.name}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
        beads = [json.loads(l) for l in run.stdout.splitlines() if l.strip()]
        for bead, wrong in zip(beads, judge(task, beads, score_align)):
            flagged = bead.get("score", 1.0) < args.below
            beads_in_all += 1
            wrong_in_all += wrong
            flagged_in_all += flagged
            caught += wrong and flagged
    summary = {
        "beads": beads_in_all,
        "wrong": wrong_in_all,
        "flagged": flagged_in_all,
        "recall": round(caught / wrong_in_all, 4) if wrong_in_all else 1.0,
        "flag_rate": round(flagged_in_all / beads_in_all, 4) if beads_in_all else 0.0,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"beads={summary['beads']} wrong={summary['wrong']} flagged={summary['flagged']} "
              f"recall of wrong beads={summary['recall']:.3f} flagged share={summary['flag_rate']:.3f}")


if __name__ == "__main__":
    main()
