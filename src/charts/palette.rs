//! Government Analysis Function colour-blind-safe palette; each series also has its own
//! line dash or marker, so colour is never the only signal.

pub const COLOURS: [(u8, u8, u8); 6] = [
    (0x12, 0x43, 0x6D), // dark blue
    (0x28, 0xA1, 0x97), // turquoise
    (0x80, 0x16, 0x50), // dark pink
    (0xF4, 0x6A, 0x25), // orange
    (0x3D, 0x3D, 0x3D), // dark grey
    (0xA2, 0x85, 0xD1), // light purple
];

pub fn hex(i: usize) -> String {
    let (r, g, b) = COLOURS[i % COLOURS.len()];
    format!("#{r:02X}{g:02X}{b:02X}")
}
