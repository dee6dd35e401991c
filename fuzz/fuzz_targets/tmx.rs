//! TMX 1.1–1.4b as `tm import` reads it: every unit read, and what was read writes
//! back as TMX that reads to the same units (or is refused as XML cannot carry it).
#![no_main]

use dragoman_core::Timestamp;
use dragoman_core::formats::tmx::{TmxHeader, TmxWriter};
use dragoman_core::formats::tmx_read::TmxReader;
use dragoman_core::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = TmxReader::new(data, "fuzz", Timestamp(0), &Limits::default()) else {
        return;
    };
    let mut units = Vec::new();
    loop {
        match reader.next_unit() {
            Ok(Some(read)) => units.extend(read.unit.ok()),
            Ok(None) => break,
            Err(_) => return,
        }
    }
    let written = TmxWriter::start(Vec::new(), &TmxHeader::default()).and_then(|mut w| {
        for unit in &units {
            w.translation_unit(unit)?;
        }
        w.finish()
    });
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(e) => {
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}");
            return;
        }
    };
    let mut again = TmxReader::new(bytes.as_slice(), "fuzz", Timestamp(0), &Limits::default())
        .expect("the TMX Dragoman writes has a header and a body");
    for unit in &units {
        let read = again
            .next_unit()
            .expect("the TMX Dragoman writes is well-formed")
            .expect("every unit written is read back");
        assert_eq!(read.unit.as_ref(), Ok(unit));
    }
    assert!(again.next_unit().unwrap().is_none());
});
