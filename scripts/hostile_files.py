"""Write the hostile files of issue 19's probe into a folder, for the figures in
docs/limits.md: `python3 scripts/hostile_files.py /tmp/hostile`. They are generated,
never committed (the largest is 8 MB and unpacks to 3.4 GB)."""

import os
import struct
import sys
import zipfile

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
BOOK = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="T" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELATIONS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
             'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
             '</Relationships>')


def repeated(head, unit, count, tail, batch=100_000):
    """`head`, `unit` `count` times, `tail`: in blocks, so no copy is ever whole."""
    yield head
    for _ in range(count // batch):
        yield unit * batch
    yield unit * (count % batch)
    yield tail


def archive(name, parts, zip64=True):
    """A deflated zip of `parts`: (name, chunks) pairs, written as they come."""
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part, chunks in parts:
            with z.open(part, 'w', force_zip64=zip64) as f:
                for chunk in chunks:
                    f.write(chunk.encode())
    return path


def workbook(name, sheet_data, strings, zip64=True):
    return archive(name, [
        ('xl/workbook.xml', [BOOK]),
        ('xl/_rels/workbook.xml.rels', [RELATIONS]),
        ('xl/worksheets/sheet1.xml', sheet_data),
        ('xl/sharedStrings.xml', strings),
    ], zip64)


def declare(path, part, size):
    """Make the zip headers of `part` declare `size` bytes unpacked: a bomb that lies."""
    data = bytearray(open(path, 'rb').read())
    for signature, name_length_at, name_at, size_at in (
            (b'PK\x03\x04', 26, 30, 22), (b'PK\x01\x02', 28, 46, 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            length = struct.unpack_from('<H', data, at + name_length_at)[0]
            if bytes(data[at + name_at:at + name_at + length]) == part.encode():
                struct.pack_into('<I', data, at + size_at, size)
            at += 4
    open(path, 'wb').write(data)


def text(name, chunks):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        for chunk in chunks:
            f.write(chunk)


def tmx(name, unit):
    text(name, ['<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n',
                unit, '\n</body></tmx>\n'])


ROW = '<row><c t="s"><v>0</v></c></row>'
# Finding 4: a 1.1 KB workbook with cells at A1 and XFD1048576 (a declared range of 17
# billion cells, and a trillion shared strings announced).
workbook('corners.xlsx', [
    f'<worksheet {SHEET_NS}><dimension ref="A1:XFD1048576"/><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
    '<row r="1048576"><c r="XFD1048576" t="s"><v>2</v></c></row></sheetData></worksheet>'],
    [f'<sst {SHEET_NS} uniqueCount="1000000000000"><si><t>en</t></si><si><t>ru</t></si>'
     '<si><t>forum</t></si><si><t>форум</t></si></sst>'])
# Finding 4: the zip bombs, shared strings of 3.4 GB and 15 million rows.
workbook('strings-bomb.xlsx',
         [f'<worksheet {SHEET_NS}><sheetData>{ROW}</sheetData></worksheet>'],
         repeated(f'<sst {SHEET_NS}>', '<si><t>a</t></si>', 200_000_000, '</sst>'))
workbook('rows-bomb.xlsx',
         repeated(f'<worksheet {SHEET_NS}><sheetData>', ROW, 15_000_000,
                  '</sheetData></worksheet>'),
         [f'<sst {SHEET_NS}><si><t>en</t></si></sst>'])
# The same, hiding its size: 1.5 GB of shared strings declared as 1000 bytes.
lying = workbook('lying-bomb.xlsx',
                 [f'<worksheet {SHEET_NS}><sheetData>{ROW}</sheetData></worksheet>'],
                 repeated(f'<sst {SHEET_NS}>', '<si><t>a</t></si>', 90_000_000, '</sst>'),
                 zip64=False)
declare(lying, 'xl/sharedStrings.xml', 1000)
# Tuned below the unpacked limit (160 MB): five million one-cell rows, and the same
# rows as a CSV glossary.
workbook('rows-5m.xlsx',
         repeated(f'<worksheet {SHEET_NS}><sheetData>', ROW, 5_000_000,
                  '</sheetData></worksheet>'),
         [f'<sst {SHEET_NS}><si><t>en</t></si></sst>'])
text('rows-15m.csv', repeated('en\n', 'forum\n', 15_000_000, ''))
text('rows-1.9m.csv', repeated('en\n', 'forum\n', 1_900_000, ''))
# Finding 3: a DOCX whose document.xml unpacks to 300 MB.
archive('big.docx', [('word/document.xml', repeated(
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body>', '<w:p><w:r><w:t>Delegates met in Baku.</w:t></w:r></w:p>', 6_000_000,
    '</w:body></w:document>'))])
# Finding 5: 200,000 attributes on one <tu>; 100,000 nested <hi> and <g>; a segment of
# 100 MB; an SRX file of 20,000 rules and the 122 KB text it took 96 s on.
SEG = '<tuv xml:lang="az"><seg>Bəli.</seg></tuv>'
tmx('attributes.tmx', '<tu' + ''.join(f' x-a{i}="v"' for i in range(200_000)) +
    f'><tuv xml:lang="en"><seg>Yes.</seg></tuv>{SEG}</tu>')
tmx('nested.tmx', f'<tu><tuv xml:lang="en"><seg>{"<hi>" * 100_000}Yes.{"</hi>" * 100_000}'
    f'</seg></tuv>{SEG}</tu>')
tmx('segment.tmx', f'<tu><tuv xml:lang="en"><seg>{"Yes. " * 20_000_000}</seg></tuv>{SEG}</tu>')
text('nested.xlf', ['<xliff version="1.2"><file source-language="en" target-language="ru">'
                    '<body><trans-unit id="1"><source>', '<g id="g">' * 100_000, 'Talks.',
                    '</g>' * 100_000, '</source></trans-unit></body></file></xliff>'])
rules = ''.join(f'<rule break="no"><beforebreak>\\bAbbr{i}\\.</beforebreak>'
                f'<afterbreak>\\s</afterbreak></rule>\n' for i in range(20_000))
text('rules.srx', ['<srx version="2.0" xmlns="http://www.lisa.org/srx20"><header cascade="yes"/>'
                   '<body><languagerules><languagerule languagerulename="en">\n', rules,
                   '<rule><beforebreak>[.?!]</beforebreak><afterbreak>\\s</afterbreak></rule>'
                   '</languagerule></languagerules><maprules><languagemap languagepattern=".*" '
                   'languagerulename="en"/></maprules></body></srx>'])
text('talks.txt', ['The forum opened. Delegates met in Baku. ' * 3000])
# Finding 9 (part): minified files, one line each, longer than the old 1 MiB line limit.
text('minified.html', ['<html><body>', '<p>Переговоры прошли в Баку.</p>' * 40_000,
                       '</body></html>'])
text('minified.tbx', ['<tbx><text><body>'] + [
    f'<conceptEntry id="c{i}"><langSec xml:lang="en"><termSec><term>forum {i}</term>'
    f'</termSec></langSec><langSec xml:lang="ru"><termSec><term>форум {i}</term></termSec>'
    '</langSec></conceptEntry>' for i in range(8_000)] + ['</body></text></tbx>'])
text('minified.xlf', ['<xliff version="1.2"><file source-language="ru" target-language="en">'
                      '<body>'] + [
    f'<trans-unit id="{i}"><source>Переговоры прошли в Баку {i}.</source></trans-unit>'
    for i in range(20_000)] + ['</body></file></xliff>'])

for name in sorted(os.listdir(OUT)):
    print(f'{os.path.getsize(os.path.join(OUT, name)):>12}  {name}')
