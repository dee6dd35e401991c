//! `dragoman-fuzz-seeds CORPUS`: write seed inputs into `CORPUS/<target>/`, made from the
//! repository's fixtures and sample with Dragoman's own writers, so every fuzz target
//! starts from inputs that reach deep into its parser rather than from nothing.
//! (`make fuzz` copies the fixture files themselves next to them.)

use std::io::Write;
use std::path::{Path, PathBuf};

use dragoman_core::align::{AlignOptions, align};
use dragoman_core::formats::table::read_table;
use dragoman_core::formats::tmx::{TmxHeader, TmxUnit, TmxWriter};
use dragoman_core::formats::xliff::{self, BilingualDocument, BilingualSegment, XliffVersion};
use dragoman_core::glossary::Concept;
use dragoman_core::glossary::file::{GlossaryFile, languages};
use dragoman_core::glossary::table::TableLayout;
use dragoman_core::limits::Limits;
use dragoman_core::segment::{Segmenter, builtin_srx};
use dragoman_core::{Document, LanguageTag};

/// The repository's root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> Vec<u8> {
    let path = repo().join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_text(path: &str) -> String {
    String::from_utf8(read(path)).expect("the fixtures are UTF-8")
}

fn tag(t: &str) -> LanguageTag {
    LanguageTag::parse(t).unwrap()
}

/// The selector byte the targets' `language` maps to `lang` (see `dragoman_fuzz`).
fn selector(lang: &str) -> u8 {
    match lang {
        "ru" => 0,
        "az" => 1,
        "az-Cyrl" => 2,
        "en" => 3,
        _ => 4,
    }
}

const LANGS: [&str; 3] = ["ru", "az", "en"];

fn forum(lang: &str) -> String {
    read_text(&format!("samples/forum/{lang}.txt"))
}

/// The first `n` concepts of each starter glossary: small enough for the fuzzer.
fn starter_concepts(n: usize) -> Vec<Concept> {
    ["glossary/diplomatic.tsv", "glossary/countries.tsv"]
        .iter()
        .flat_map(|path| {
            GlossaryFile::Tsv
                .read(&read(path), None, &[], &Limits::default())
                .expect("the starter glossaries read")
                .into_iter()
                .take(n)
        })
        .collect()
}

/// The sample memory's rows: (ru, az, en).
fn memory_rows() -> (Vec<LanguageTag>, Vec<Vec<String>>) {
    let (langs, rows) = read_table(
        &read_text("samples/forum/memory.tsv"),
        '\t',
        &Limits::default(),
    )
    .expect("the sample memory reads");
    (langs, rows.into_iter().map(|r| r.cells).collect())
}

struct Corpus(PathBuf);

impl Corpus {
    fn put(&self, target: &str, name: &str, bytes: &[u8]) {
        let dir = self.0.join(target);
        std::fs::create_dir_all(&dir).expect("the corpus directory can be made");
        std::fs::write(dir.join(name), bytes).expect("the seed can be written");
    }
}

fn tmx(corpus: &Corpus) {
    let (langs, rows) = memory_rows();
    let header = TmxHeader {
        srclang: Some(langs[0].clone()),
        props: vec![("x-client".into(), "MFA".into())],
        notes: vec!["Forum sample".into()],
        ..TmxHeader::default()
    };
    let mut writer = TmxWriter::start(Vec::new(), &header).unwrap();
    for row in &rows {
        let unit = TmxUnit {
            variants: langs.iter().cloned().zip(row.iter().cloned()).collect(),
            props: vec![("x-domain".into(), "diplomacy".into())],
            notes: Vec::new(),
        };
        writer.unit(&unit).unwrap();
    }
    corpus.put("tmx", "forum.tmx", &writer.finish().unwrap());
}

fn glossaries(corpus: &Corpus) {
    let concepts = starter_concepts(6);
    let langs = languages(&concepts);
    let file = |format: GlossaryFile| {
        format
            .write(&concepts, &langs, &TableLayout::default())
            .unwrap()
    };
    corpus.put("tbx", "starter.tbx", &file(GlossaryFile::Tbx));
    corpus.put("table", "starter.csv", &file(GlossaryFile::Csv));
    corpus.put("table", "starter.tsv", &file(GlossaryFile::Tsv));
    corpus.put("xlsx", "starter.xlsx", &file(GlossaryFile::Xlsx));
    let one = GlossaryFile::Xlsx
        .write(&concepts[..1], &langs, &TableLayout::default())
        .unwrap();
    corpus.put("xlsx", "one-concept.xlsx", &one);
    // The sample memory as a comma-separated table, quoting where CSV must.
    let (langs, rows) = memory_rows();
    let quoted = |cell: &str| format!("\"{}\"", cell.replace('"', "\"\""));
    let mut csv = langs
        .iter()
        .map(LanguageTag::to_string)
        .collect::<Vec<_>>()
        .join(",");
    for row in &rows {
        csv.push('\n');
        csv.push_str(&row.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(","));
    }
    corpus.put("table", "forum-memory.csv", csv.as_bytes());
}

/// An XLIFF 1.2 file as Trados writes one: a `seg-source` cut into `mrk` segments,
/// inline codes, a group, and a unit not to translate.
const TRADOS_XLIFF: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2">
  <file original="press.docx" source-language="ru-RU" target-language="en-US" datatype="x-sdlfilterframework2">
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>Президент <g id="2">Ильхам Алиев</g> прибыл в Баку. Переговоры длились <ph id="3"/>3 часа.</source>
          <seg-source><mrk mtype="seg" mid="1">Президент <g id="2">Ильхам Алиев</g> прибыл в Баку.</mrk> <mrk mtype="seg" mid="2">Переговоры длились <ph id="3"/>3 часа.</mrk></seg-source>
          <target><mrk mtype="seg" mid="1">President <g id="2">Ilham Aliyev</g> arrived in Baku.</mrk> <mrk mtype="seg" mid="2"/></target>
        </trans-unit>
      </group>
      <trans-unit id="4" translate="no"><source>BAKU</source></trans-unit>
      <trans-unit id="5"><source>Стороны <bpt id="1">&lt;b&gt;</bpt>обсудили<ept id="1">&lt;/b&gt;</ept> вопросы.</source><target state="translated">The parties <bpt id="1">&lt;b&gt;</bpt>discussed<ept id="1">&lt;/b&gt;</ept> issues.</target></trans-unit>
    </body>
  </file>
</xliff>
"#;

/// An XLIFF 2.0 file with a unit of two segments, paired and standalone codes.
const XLIFF_2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="az" trgLang="ru">
  <file id="f1">
    <group id="g1">
      <unit id="u1">
        <segment id="s1"><source>Forum <pc id="1">Bakıda</pc> açıldı.</source><target>Форум открылся <pc id="1">в Баку</pc>.</target></segment>
        <ignorable><source> </source></ignorable>
        <segment id="s2"><source>Danışıqlar <ph id="2"/>3 saat davam etdi.</source></segment>
      </unit>
      <unit id="u2" translate="no"><segment><source>BAKI</source></segment></unit>
    </group>
  </file>
</xliff>
"#;

fn xliff(corpus: &Corpus) {
    let (langs, rows) = memory_rows();
    let doc = BilingualDocument {
        original: "forum.txt".into(),
        src: langs[0].clone(),
        tgt: langs[2].clone(),
        segments: rows
            .iter()
            .enumerate()
            .map(|(i, row)| BilingualSegment {
                source: row[0].clone(),
                target: (i % 2 == 0).then(|| row[2].clone()),
                leverage: None,
            })
            .collect(),
    };
    for (version, name) in [
        (XliffVersion::V2_1, "forum-2.1.xlf"),
        (XliffVersion::V1_2, "forum-1.2.xlf"),
    ] {
        let mut out = Vec::new();
        xliff::write(&mut out, &doc, version).unwrap();
        corpus.put("xliff", name, &out);
    }
    corpus.put("xliff", "trados-1.2.sdlxliff", TRADOS_XLIFF.as_bytes());
    corpus.put("xliff", "units-2.0.xlf", XLIFF_2.as_bytes());
}

/// Text as the content of `w:t`, escaped.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A `document.xml` with a paragraph per line of `text`, the way Word writes one.
fn document_xml(text: &str) -> String {
    let mut body = String::new();
    for line in text.lines() {
        if line.is_empty() {
            body.push_str("<w:p/>");
        } else {
            body.push_str(&format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                xml_text(line)
            ));
        }
    }
    wrap_document(&body)
}

fn wrap_document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// Revisions, field codes, tabs, breaks, a text box with its fallback copy, and what
/// becomes inline codes: a bold word and a link inside a sentence, a footnote reference,
/// a whole field, a soft hyphen.
const DOCX_FEATURES: &str = concat!(
    r#"<w:p><w:r><w:t xml:space="preserve">President </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Ilham Aliyev</w:t></w:r>"#,
    r#"<w:r><w:t xml:space="preserve"> ar</w:t><w:softHyphen/><w:t>rived</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#,
    r#"<w:r><w:t xml:space="preserve"> on </w:t></w:r><w:hyperlink r:id="rId5"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>page</w:t></w:r></w:hyperlink>"#,
    r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
    r#"<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> today.</w:t></w:r></w:p>"#,
    r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Forum in Baku</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t xml:space="preserve">The forum </w:t></w:r>"#,
    r#"<w:del w:id="1" w:author="A"><w:r><w:delText>never </w:delText></w:r></w:del>"#,
    r#"<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">finally </w:t></w:r></w:ins>"#,
    r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
    r#"<w:r><w:t>opened.</w:t></w:r><w:r><w:br/><w:t>Item</w:t><w:tab/><w:t>1</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t xml:space="preserve">Before the box. </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>"#,
    r#"<w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"#,
    r#"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
    r#"<w:r><w:t>After the box.</w:t></w:r></w:p>"#,
);

/// A DOCX archive as Word writes it (deflated parts).
fn docx_archive(document: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (path, content) in [
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", document),
    ] {
        zip.start_file(path, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx(corpus: &Corpus) {
    for lang in LANGS {
        let xml = document_xml(&forum(lang));
        corpus.put("docx", &format!("forum-{lang}.xml"), xml.as_bytes());
        corpus.put("docx", &format!("forum-{lang}.docx"), &docx_archive(&xml));
    }
    let features = wrap_document(DOCX_FEATURES);
    corpus.put("docx", "features.xml", features.as_bytes());
    corpus.put("docx", "features.docx", &docx_archive(&features));
}

/// A page with a paragraph per line of `text`, a headline, a script, a style, a
/// comment, entities and preformatted text.
fn html_page(lang: &str, text: &str, charset: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default();
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"{charset}\"><title>{title}</title>\
         <style>p {{ margin: 0 }}</style><script>var a = 1 < 2;</script></head>\n<body>\
         <!-- press release --><h1>{title}</h1>\n"
    );
    for line in lines {
        page.push_str(&format!(
            "<p>{}<br>&nbsp;&laquo;&#1041;&#x430;&raquo;</p>\n",
            xml_text(line)
        ));
    }
    page.push_str("<pre>  a  b\n c</pre><ul><li>one<li>two</ul></body></html>\n");
    page
}

fn html(corpus: &Corpus) {
    for lang in LANGS {
        let page = html_page(lang, &forum(lang), "utf-8");
        corpus.put("html", &format!("forum-{lang}.html"), page.as_bytes());
    }
    let page = html_page("ru", &forum("ru"), "windows-1251");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&page);
    assert!(!unmappable, "the Russian sample is windows-1251 text");
    corpus.put("html", "forum-ru-1251.html", &bytes);
}

fn with_selector(lang: &str, text: &[u8]) -> Vec<u8> {
    let mut input = vec![selector(lang)];
    input.extend_from_slice(text);
    input
}

fn segmentation(corpus: &Corpus) {
    let builtin = builtin_srx();
    for lang in ["ru", "az", "en"] {
        corpus.put(
            "srx",
            &format!("builtin-{lang}"),
            &with_selector(lang, builtin.as_bytes()),
        );
        corpus.put(
            "segment",
            &format!("forum-{lang}"),
            &with_selector(lang, forum(lang).as_bytes()),
        );
        let ntrex = read_text(&format!(
            "crates/core/tests/fixtures/ntrex-align/bbc.381669.{lang}.txt"
        ));
        corpus.put(
            "segment",
            &format!("bbc-{lang}"),
            &with_selector(lang, ntrex.as_bytes()),
        );
    }
    let raw = read("crates/core/src/segment/builtin.srx");
    corpus.put(
        "srx",
        "builtin-file-az-Cyrl",
        &with_selector("az-Cyrl", &raw),
    );
}

fn documents(texts: &[(&str, String)]) -> Vec<Document> {
    texts
        .iter()
        .map(|(lang, text)| {
            let lang = tag(lang);
            Document {
                name: format!("{lang}.txt"),
                segments: Segmenter::builtin(&lang).split(text),
                lang,
                text: text.clone(),
            }
        })
        .collect()
}

fn alignment(corpus: &Corpus) {
    let forum: Vec<(&str, String)> = LANGS.iter().map(|l| (*l, forum(l))).collect();
    let bbc: Vec<(&str, String)> = LANGS
        .iter()
        .map(|l| {
            (
                *l,
                read_text(&format!(
                    "crates/core/tests/fixtures/ntrex-align/bbc.381669.{l}.txt"
                )),
            )
        })
        .collect();
    let join = |texts: &[(&str, String)]| {
        texts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\u{1e}")
    };
    corpus.put("align", "forum-ru-az-en", join(&forum).as_bytes());
    corpus.put(
        "align",
        "forum-ru-en",
        join(&[forum[0].clone(), forum[2].clone()]).as_bytes(),
    );
    corpus.put("align", "bbc-ru-az-en", join(&bbc).as_bytes());
    // Beads as `align --format jsonl` writes them, over the sample's two and three files.
    for (n, selector) in [(2, 0u8), (3, 1u8)] {
        let docs = documents(&forum[..n]);
        let beads = align(&docs, &AlignOptions::default()).unwrap();
        let mut jsonl = vec![selector];
        for bead in &beads.beads {
            let sides: Vec<serde_json::Value> = bead
                .sides
                .iter()
                .zip(&docs)
                .map(|(range, doc)| match doc.span_of(range) {
                    Some(span) => serde_json::json!({
                        "start": span.start,
                        "end": span.end,
                        "text": &doc.text[span],
                    }),
                    None => serde_json::Value::Null,
                })
                .collect();
            let line = serde_json::json!({
                "sides": sides,
                "score": (bead.confidence * 1000.0).round() / 1000.0,
            });
            jsonl.extend_from_slice(line.to_string().as_bytes());
            jsonl.push(b'\n');
        }
        corpus.put("beads", &format!("forum-{n}"), &jsonl);
    }
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: dragoman-fuzz-seeds CORPUS_DIR");
        std::process::exit(2);
    };
    let corpus = Corpus(PathBuf::from(dir));
    tmx(&corpus);
    glossaries(&corpus);
    xliff(&corpus);
    docx(&corpus);
    html(&corpus);
    segmentation(&corpus);
    alignment(&corpus);
}
