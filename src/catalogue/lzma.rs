//! A decoder for the LZMA "alone" format (`.lzma`), the one `build.rs` writes the catalogue in.
//!
//! Written for this app rather than taken from a crate: a general decoder brings `std::io` and
//! its error tables into the browser build, while this one reads a byte slice into a `Vec` and
//! keeps the whole output as its dictionary (the catalogue is a few hundred kilobytes). It
//! follows the format as Igor Pavlov's LZMA specification describes it: a range coder over
//! adaptive bit probabilities, literals coded against the byte at the last match distance, and
//! matches with four remembered distances. Damaged input is an error, never a panic.

/// Why a blob does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LzmaError(pub &'static str);

impl std::fmt::Display for LzmaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Largest output accepted, so a damaged size field cannot ask for unbounded memory.
pub const MAX_OUTPUT: usize = 64 << 20;

const PROB_INIT: u16 = 1 << 10;
const STATES: usize = 12;
const POS_STATES_MAX: usize = 1 << 4;
const END_POS_MODEL: u32 = 14;
const FULL_DISTANCES: usize = 1 << (END_POS_MODEL >> 1);

struct RangeDecoder<'a> {
    input: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl<'a> RangeDecoder<'a> {
    fn new(input: &'a [u8]) -> Result<Self, LzmaError> {
        let mut rc = RangeDecoder {
            input,
            pos: 0,
            range: u32::MAX,
            code: 0,
        };
        if rc.byte()? != 0 {
            return Err(LzmaError("the compressed data does not start as LZMA data does"));
        }
        for _ in 0..4 {
            rc.code = (rc.code << 8) | u32::from(rc.byte()?);
        }
        if rc.code == rc.range {
            return Err(LzmaError("the compressed data is damaged"));
        }
        Ok(rc)
    }

    fn byte(&mut self) -> Result<u8, LzmaError> {
        let b = *self
            .input
            .get(self.pos)
            .ok_or(LzmaError("the compressed data is cut off"))?;
        self.pos += 1;
        Ok(b)
    }

    fn normalize(&mut self) -> Result<(), LzmaError> {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.byte()?);
        }
        Ok(())
    }

    fn bit(&mut self, prob: &mut u16) -> Result<u32, LzmaError> {
        let bound = (self.range >> 11) * u32::from(*prob);
        let bit = if self.code < bound {
            self.range = bound;
            *prob += ((1 << 11) - *prob) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *prob -= *prob >> 5;
            1
        };
        self.normalize()?;
        Ok(bit)
    }

    fn direct_bits(&mut self, count: u32) -> Result<u32, LzmaError> {
        let mut result = 0u32;
        for _ in 0..count {
            self.range >>= 1;
            self.code = self.code.wrapping_sub(self.range);
            let mask = 0u32.wrapping_sub(self.code >> 31);
            self.code = self.code.wrapping_add(self.range & mask);
            if self.code == self.range {
                return Err(LzmaError("the compressed data is damaged"));
            }
            self.normalize()?;
            result = (result << 1).wrapping_add(mask.wrapping_add(1));
        }
        Ok(result)
    }

    /// `bits` bits, most significant first, each with its own probability in a binary tree
    /// (`probs[1..1 << bits]`).
    fn tree(&mut self, probs: &mut [u16], bits: u32) -> Result<u32, LzmaError> {
        let mut m = 1usize;
        for _ in 0..bits {
            m = (m << 1) + self.bit(&mut probs[m])? as usize;
        }
        Ok(m as u32 - (1 << bits))
    }

    /// As [`RangeDecoder::tree`], least significant bit first.
    fn reverse_tree(&mut self, probs: &mut [u16], bits: u32) -> Result<u32, LzmaError> {
        let (mut m, mut symbol) = (1usize, 0u32);
        for i in 0..bits {
            let bit = self.bit(&mut probs[m])?;
            m = (m << 1) + bit as usize;
            symbol |= bit << i;
        }
        Ok(symbol)
    }
}

/// Match lengths (less the minimum of 2): 3 bits for 0–7, 3 more for 8–15, 8 for 16–271.
struct LenDecoder {
    choice: [u16; 2],
    low: [[u16; 1 << 3]; POS_STATES_MAX],
    mid: [[u16; 1 << 3]; POS_STATES_MAX],
    high: [u16; 1 << 8],
}

impl LenDecoder {
    fn new() -> Self {
        LenDecoder {
            choice: [PROB_INIT; 2],
            low: [[PROB_INIT; 1 << 3]; POS_STATES_MAX],
            mid: [[PROB_INIT; 1 << 3]; POS_STATES_MAX],
            high: [PROB_INIT; 1 << 8],
        }
    }

    fn decode(&mut self, rc: &mut RangeDecoder<'_>, pos_state: usize) -> Result<u32, LzmaError> {
        if rc.bit(&mut self.choice[0])? == 0 {
            return rc.tree(&mut self.low[pos_state], 3);
        }
        if rc.bit(&mut self.choice[1])? == 0 {
            return Ok(8 + rc.tree(&mut self.mid[pos_state], 3)?);
        }
        Ok(16 + rc.tree(&mut self.high, 8)?)
    }
}

/// Decodes a `.lzma` file: a 13-byte header (properties, dictionary size, uncompressed size or
/// all ones for "unknown, ends with a marker") and the range-coded stream.
pub fn decompress(input: &[u8]) -> Result<Vec<u8>, LzmaError> {
    let header = input.get(..13).ok_or(LzmaError("the compressed data is cut off"))?;
    let mut props = u32::from(header[0]);
    if props >= 9 * 5 * 5 {
        return Err(LzmaError("the compressed data has impossible settings"));
    }
    let lc = props % 9;
    props /= 9;
    let (lp, pb) = (props % 5, props / 5);
    let size = u64::from_le_bytes(header[5..13].try_into().unwrap_or_default());
    let known_size = (size != u64::MAX).then_some(size);
    if known_size.is_some_and(|n| n > MAX_OUTPUT as u64) {
        return Err(LzmaError("the compressed data claims to be too large"));
    }

    let mut rc = RangeDecoder::new(&input[13..])?;
    let mut out: Vec<u8> = Vec::with_capacity(known_size.unwrap_or(0) as usize);
    let done = |out: &Vec<u8>| known_size.is_some_and(|n| out.len() as u64 == n);

    let mut literals = vec![PROB_INIT; 0x300 << (lc + lp)];
    let mut is_match = [PROB_INIT; STATES * POS_STATES_MAX];
    let mut is_rep = [PROB_INIT; STATES];
    let mut is_rep_g0 = [PROB_INIT; STATES];
    let mut is_rep_g1 = [PROB_INIT; STATES];
    let mut is_rep_g2 = [PROB_INIT; STATES];
    let mut is_rep0_long = [PROB_INIT; STATES * POS_STATES_MAX];
    let mut pos_slot = [[PROB_INIT; 1 << 6]; 4];
    let mut pos_special = [PROB_INIT; 1 + FULL_DISTANCES - END_POS_MODEL as usize];
    let mut align = [PROB_INIT; 1 << 4];
    let mut lengths = LenDecoder::new();
    let mut rep_lengths = LenDecoder::new();

    let (mut state, mut reps) = (0usize, [0u32; 4]);
    let (pos_mask, lp_mask) = ((1usize << pb) - 1, (1usize << lp) - 1);
    loop {
        if done(&out) && rc.code == 0 {
            // Everything promised has been decoded; an end marker may still follow, so only stop
            // here when the range coder has nothing left to say.
            break;
        }
        let pos_state = out.len() & pos_mask;
        if rc.bit(&mut is_match[(state << 4) + pos_state])? == 0 {
            if done(&out) || out.len() >= MAX_OUTPUT {
                return Err(LzmaError("the compressed data runs past its stated size"));
            }
            let prev = out.last().copied().unwrap_or(0);
            let lit_state = ((out.len() & lp_mask) << lc) + (usize::from(prev) >> (8 - lc));
            let probs = &mut literals[0x300 * lit_state..0x300 * (lit_state + 1)];
            let mut symbol = 1usize;
            if state >= 7 {
                let mut match_byte = out[out.len() - reps[0] as usize - 1];
                while symbol < 0x100 {
                    let match_bit = usize::from(match_byte >> 7);
                    match_byte <<= 1;
                    let bit = rc.bit(&mut probs[((1 + match_bit) << 8) + symbol])? as usize;
                    symbol = (symbol << 1) | bit;
                    if match_bit != bit {
                        break;
                    }
                }
            }
            while symbol < 0x100 {
                symbol = (symbol << 1) | rc.bit(&mut probs[symbol])? as usize;
            }
            out.push((symbol - 0x100) as u8);
            state = match state {
                0..=3 => 0,
                4..=9 => state - 3,
                _ => state - 6,
            };
            continue;
        }

        let len = if rc.bit(&mut is_rep[state])? != 0 {
            if done(&out) {
                return Err(LzmaError("the compressed data runs past its stated size"));
            }
            if out.is_empty() {
                return Err(LzmaError("the compressed data is damaged"));
            }
            if rc.bit(&mut is_rep_g0[state])? == 0 {
                if rc.bit(&mut is_rep0_long[(state << 4) + pos_state])? == 0 {
                    state = if state < 7 { 9 } else { 11 };
                    out.push(out[out.len() - reps[0] as usize - 1]);
                    continue;
                }
            } else {
                let distance;
                if rc.bit(&mut is_rep_g1[state])? == 0 {
                    distance = reps[1];
                } else {
                    if rc.bit(&mut is_rep_g2[state])? == 0 {
                        distance = reps[2];
                    } else {
                        distance = reps[3];
                        reps[3] = reps[2];
                    }
                    reps[2] = reps[1];
                }
                reps[1] = reps[0];
                reps[0] = distance;
            }
            state = if state < 7 { 8 } else { 11 };
            rep_lengths.decode(&mut rc, pos_state)?
        } else {
            reps = [0, reps[0], reps[1], reps[2]];
            let len = lengths.decode(&mut rc, pos_state)?;
            state = if state < 7 { 7 } else { 10 };
            let slot = rc.tree(&mut pos_slot[len.min(3) as usize], 6)?;
            reps[0] = if slot < 4 {
                slot
            } else {
                let bits = (slot >> 1) - 1;
                let base = (2 | (slot & 1)) << bits;
                if slot < END_POS_MODEL {
                    let from = (base - slot) as usize;
                    base + rc.reverse_tree(&mut pos_special[from..], bits)?
                } else {
                    let high = rc.direct_bits(bits - 4)? << 4;
                    base.wrapping_add(high).wrapping_add(rc.reverse_tree(&mut align, 4)?)
                }
            };
            if reps[0] == u32::MAX {
                // The end marker.
                if rc.code != 0 || known_size.is_some_and(|n| out.len() as u64 != n) {
                    return Err(LzmaError("the compressed data is damaged"));
                }
                break;
            }
            if done(&out) {
                return Err(LzmaError("the compressed data runs past its stated size"));
            }
            if reps[0] as usize >= out.len() {
                return Err(LzmaError("the compressed data is damaged"));
            }
            len
        };

        let len = len as usize + 2;
        if known_size.is_some_and(|n| (out.len() + len) as u64 > n) || out.len() + len > MAX_OUTPUT {
            return Err(LzmaError("the compressed data runs past its stated size"));
        }
        let from = out.len() - reps[0] as usize - 1;
        for i in 0..len {
            out.push(out[from + i]);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;

    /// `data` compressed as build.rs does, with the given literal context, literal position and
    /// position bits, and the size written into the header or left unknown (end marker).
    fn compress(data: &[u8], lc: u32, lp: u32, pb: u32, preset: u32) -> Vec<u8> {
        let mut options = xz2::stream::LzmaOptions::new_preset(preset).expect("preset");
        options
            .literal_context_bits(lc)
            .literal_position_bits(lp)
            .position_bits(pb);
        let stream = xz2::stream::Stream::new_lzma_encoder(&options).expect("encoder");
        let mut encoder = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
        encoder.write_all(data).expect("compress");
        encoder.finish().expect("finish")
    }

    fn with_known_size(mut packed: Vec<u8>, len: usize) -> Vec<u8> {
        packed[5..13].copy_from_slice(&(len as u64).to_le_bytes());
        packed
    }

    fn sample_text() -> Vec<u8> {
        let mut text = Vec::new();
        for i in 0..400 {
            writeln!(
                text,
                "{i}.{} Describe how to deal with a customer's complaint within the organisation's procedures \u{2013} level {}",
                i % 7,
                i % 4
            )
            .unwrap();
        }
        text
    }

    #[test]
    fn round_trips_text_under_every_setting_build_rs_could_use() {
        let text = sample_text();
        for (lc, lp, pb) in [(3, 0, 0), (3, 0, 2), (0, 0, 0), (4, 0, 0), (0, 4, 4), (1, 2, 3)] {
            for preset in [0, 6, 9 | 0x8000_0000] {
                let packed = compress(&text, lc, lp, pb, preset);
                assert_eq!(
                    decompress(&packed).as_deref(),
                    Ok(&text[..]),
                    "lc={lc} lp={lp} pb={pb} preset={preset:x}"
                );
            }
        }
    }

    #[test]
    fn empty_and_tiny_inputs_round_trip() {
        for data in [
            &b""[..],
            b"a",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"\0\xff\0\xff",
        ] {
            assert_eq!(decompress(&compress(data, 3, 0, 2, 6)).as_deref(), Ok(data));
        }
    }

    #[test]
    fn the_embedded_catalogue_decodes() {
        let packed = include_bytes!(concat!(env!("OUT_DIR"), "/catalogue.bin.lzma"));
        let raw = decompress(packed).expect("decodes");
        assert!(raw.len() > 100_000, "{} bytes", raw.len());
        assert!(super::super::binary::decode(&raw).is_ok());
    }

    #[test]
    fn damage_is_reported() {
        let text = sample_text();
        let packed = compress(&text, 3, 0, 0, 6);
        assert_eq!(
            decompress(&packed[..packed.len() / 2]),
            Err(LzmaError("the compressed data is cut off"))
        );
        assert!(decompress(&packed[..5]).is_err());
        let mut bad_props = packed.clone();
        bad_props[0] = 225;
        assert!(decompress(&bad_props).is_err());
        // A stated size smaller than the data: stopped, not overrun.
        assert!(decompress(&with_known_size(packed.clone(), 100)).is_err());
        assert_eq!(
            decompress(&with_known_size(packed, text.len())).as_deref(),
            Ok(&text[..])
        );
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(data in proptest::collection::vec(any::<u8>(), 0..3000), small in 0u8..8) {
            // Small alphabets give long matches and every kind of repeat.
            let data: Vec<u8> = if small > 0 { data.iter().map(|b| b % small).collect() } else { data };
            let packed = compress(&data, 3, 0, 2, 6);
            prop_assert_eq!(decompress(&packed), Ok(data.clone()));
            prop_assert_eq!(decompress(&with_known_size(packed, data.len())), Ok(data));
        }

        #[test]
        fn damaged_data_never_panics(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
            let mut packed = compress(&sample_text(), 3, 0, 0, 6);
            for (at, byte) in edits {
                let i = at.index(packed.len());
                packed[i] = byte;
            }
            let _ = decompress(&packed);
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decompress(&bytes);
        }
    }
}
