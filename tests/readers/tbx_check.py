"""Check a TBX file Dragoman wrote the way other tools' users would meet it.

    tbx_check.py schematron FILE   TBX v3: the TBX-Basic dialect's Schematron rules
    tbx_check.py xcs FILE          TBX v2: data categories, levels and picklists of the
                                   TBX default XCS, narrowed to TBX-Basic's
    tbx_check.py toolkit FILE N    translate-toolkit reads N concepts, each with a term

Prints what is wrong and exits 1; exits 0 in silence when all is well. The schemas are
the copies in tests/fixtures/schemas. Run with the checkout's .venv (scripts/deps.sh).
"""

import sys
from pathlib import Path

from lxml import etree, isoschematron

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"

# TBX-Basic's data categories: the same in v2 and v3 (the v3 Schematron's dialect rules).
BASIC_DESCRIP = {"subjectField", "definition", "context"}
BASIC_TERM_NOTE = {
    "administrativeStatus": {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    },
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "geographicalUsage": None,
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termLocation": None,
    "termType": None,
}
# Where TBX-Basic allows each descrip (v2 level names).
BASIC_LEVELS = {
    "subjectField": {"termEntry"},
    "definition": {"termEntry", "langSet"},
    "context": {"term"},
}


def schematron(path):
    schema = isoschematron.Schematron(
        etree.parse(str(SCHEMAS / "TBX-Basic_DCA.xpath1.sch")), store_report=True
    )
    doc = etree.parse(str(path))
    if schema.validate(doc):
        return []
    ns = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    return [
        f"{f.get('location')}: {' '.join(f.findtext('svrl:text', namespaces=ns).split())}"
        for f in schema.validation_report.findall(".//svrl:failed-assert", ns)
    ]


def xcs_specs():
    """{(element, type): (picklist or None, levels or None)} from the default XCS."""
    xcs = etree.parse(str(SCHEMAS / "TBXDCSv05.xcs"))
    specs = {}
    for spec in xcs.find("datCatSet"):
        element = spec.tag.removesuffix("Spec")
        contents = spec.find("contents")
        picklist = None
        if contents.get("datatype") == "picklist" and (contents.text or "").strip():
            picklist = set(contents.text.split())
        levels = spec.findtext("levels")
        specs[(element, spec.get("name"))] = (
            picklist,
            set(levels.split()) if levels else None,
        )
    return specs


def level(element):
    """The TBX v2 level an element is at: termEntry, langSet or term."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("tig", "ntig"):
            return "term"
        if ancestor.tag in ("langSet", "termEntry"):
            return ancestor.tag
    return None


def xcs(path):
    specs = xcs_specs()
    problems = []
    doc = etree.parse(str(path))
    for e in doc.iter("descrip", "termNote", "admin", "transac", "ref", "xref"):
        kind = e.get("type")
        where = f"line {e.sourceline}: <{e.tag} type={kind!r}>"
        spec = specs.get((e.tag, kind))
        if spec is None:
            problems.append(f"{where}: not a data category of the XCS")
            continue
        picklist, levels = spec
        value = (e.text or "").strip()
        if picklist is not None and value not in picklist:
            problems.append(f"{where}: {value!r} is not in the XCS picklist")
        if levels is not None and level(e) not in levels:
            problems.append(f"{where}: not allowed at {level(e)} level")
        if e.tag == "descrip":
            if kind not in BASIC_DESCRIP:
                problems.append(f"{where}: not a TBX-Basic descrip")
            elif level(e) not in BASIC_LEVELS[kind]:
                problems.append(f"{where}: TBX-Basic has it only at {BASIC_LEVELS[kind]}")
        if e.tag == "termNote":
            if kind not in BASIC_TERM_NOTE:
                problems.append(f"{where}: not a TBX-Basic termNote")
            elif BASIC_TERM_NOTE[kind] is not None and value not in BASIC_TERM_NOTE[kind]:
                problems.append(f"{where}: {value!r} is not in TBX-Basic's picklist")
    root = doc.getroot()
    if root.tag != "martif" or root.get("type") != "TBX-Basic":
        problems.append(f"root <{root.tag} type={root.get('type')!r}>, not a TBX-Basic martif")
    return problems


def toolkit(path, expected):
    from translate.storage import tbx

    store = tbx.tbxfile.parsefile(str(path))
    problems = []
    units = store.units
    if len(units) != expected:
        problems.append(f"translate-toolkit read {len(units)} concepts, expected {expected}")
    ids = [u.getid() for u in units]
    if len(set(ids)) != len(ids):
        problems.append("translate-toolkit sees repeated concept ids")
    for unit in units:
        if not (unit.source or "").strip():
            problems.append(f"concept {unit.getid()}: translate-toolkit reads no term")
    return problems


def main():
    mode, path = sys.argv[1], Path(sys.argv[2])
    if mode == "schematron":
        problems = schematron(path)
    elif mode == "xcs":
        problems = xcs(path)
    elif mode == "toolkit":
        problems = toolkit(path, int(sys.argv[3]))
    else:
        sys.exit(f"unknown check {mode!r}")
    for p in problems[:40]:
        print(p)
    if problems:
        print(f"{path}: {len(problems)} problems")
        sys.exit(1)


if __name__ == "__main__":
    main()
