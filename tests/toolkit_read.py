"""Read an XLIFF (1.2 or 2.x) or TMX file with translate-toolkit, as other tools' users
do, and print its units as JSON: [{"id", "source", "target"}]. Run by tests/cli/xliff.rs
with the .venv scripts/deps.sh makes (translate-toolkit 3.20.4)."""

import json
import sys

from translate.storage import tmx, xliff, xliff2


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".tmx"):
        store = tmx.tmxfile.parsestring(data)
    elif b'version="2.' in data[:600]:
        store = xliff2.Xliff2File.parsestring(data)
    else:
        store = xliff.xlifffile.parsestring(data)
    units = [
        {"id": u.getid(), "source": u.source, "target": u.target}
        for u in store.units
        if not u.isheader()
    ]
    json.dump(units, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
