//! Character-encoding detection and decoding for text-like inputs (plain text, HTML, XML parts).
//!
//! Order of evidence: byte-order mark; NUL-byte pattern and 16-bit plausibility (UTF-16 without BOM,
//! which chardetng never reports); UTF-8 validity (with a guard for short files, where a few GBK bytes
//! can happen to be valid UTF-8); "mostly UTF-8" with a few bad bytes; finally chardetng with the `cn`
//! hint. Undecodable bytes are replaced with U+FFFD and always reported as a warning.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// How many leading bytes chardetng sees; policy documents reveal their encoding well before that.
const DETECTION_WINDOW: usize = 64 * 1024;

/// Below this many non-ASCII bytes a valid-UTF-8 reading is double-checked against GB18030.
const SHORT_NON_ASCII: usize = 256;

/// Share of 16-bit units that must look like text for a BOM-less UTF-16 guess.
const UTF16_MIN_PLAUSIBLE: f64 = 0.9;

/// Frequent Chinese characters (general usage plus 公文 vocabulary). Used only to compare how
/// plausible two readings of the same short byte string are.
const COMMON_HANZI: &str = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后\
作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实日者意无力它与长把机十\
民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内\
信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打变四神总何电数安少报才结反受目\
太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基书非则听白却界达光放强即像难且权思王象完设\
式色路记南品住告类求据程北边张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑风步改收根干造言联持组每济车亲极林服快\
办议往元英士证近失转夫令准布始存未远台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似\
官火断精满支视消越器容照须九增研写称企八功包片史委乎查轻易早曾除农找装广显图念六引历首医局突专费号尽另周较注语仅考落青随选列\
武红响虽推势参希古众构房半节土投某案维革划致律足态护七兴派验责营星够章音跟志底站严例防族供效续施留讲型料终答紧黄绝察母京段依\
批群项故按河米围江织害双境客纪采举父密低朝友诉止细愿千值仍钱破网热助育属坐限脸职速刻乐否刚率甚独普创假久错承印试股预益阳若微\
继送急素药适省初卫源食险待述陆习置居劳财环排福纳欢获模充负云停木游层冷略范竟室异激汉村策演简卡判担州静退既宗积余检差富灵协角\
占配征修胜降阶审坚善压银买养执副乱抗追帮宣岁航优著田铁控税左右份艺背概恶块顿敢守托央户烈索款靠评版宝座释景顾登货互付慢换闻危\
核介升监临永减编肯测温困封救贵缺楼县尚移均销端探湖录附予礼港板庭妇归额含顺输招补督油疗旅泽材厂博授诺载健堂宫借禁园谋避荣镇\
练础卷宁纸训私扩盖稳亿购替途侵促延售申培振盛扶储链孵惠奖励鼓融贸易零跨境电网络平台物流快递扶持鼓励融资贷担保税费";

/// Text decoded from bytes, with the encoding that was used and any problems met.
#[derive(Clone, Debug)]
pub struct DecodedText {
    /// The decoded text (BOM removed).
    pub text: String,
    /// Encoding name as reported to the user ("UTF-8", "UTF-16LE", "GB18030", …).
    pub encoding: &'static str,
    /// Problems worth reporting (undecodable bytes).
    pub warnings: Vec<String>,
}

/// Detect the encoding of `bytes` and decode them.
pub fn decode(bytes: &[u8]) -> DecodedText {
    if let Some((encoding, rest)) = bom(bytes) {
        return decode_with(encoding, rest);
    }
    let encoding = detect(bytes);
    decode_with(encoding, bytes)
}

/// Decode `bytes` with a declared encoding (e.g. from an HTML `<meta charset>`), honouring a BOM first.
pub fn decode_declared(bytes: &[u8], declared: &'static Encoding) -> DecodedText {
    if let Some((encoding, rest)) = bom(bytes) {
        return decode_with(encoding, rest);
    }
    // A page that declares a single-byte or UTF-16 charset but is plainly something else is common on
    // old sites; only ASCII-compatible declarations are trusted, the rest goes to detection.
    let declared = if declared == UTF_16LE || declared == UTF_16BE || declared == encoding_rs::REPLACEMENT {
        detect(bytes)
    } else {
        declared
    };
    decode_with(declared, bytes)
}

/// The encoding announced by a byte-order mark, and the bytes after it.
fn bom(bytes: &[u8]) -> Option<(&'static Encoding, &[u8])> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some((UTF_8, rest))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some((UTF_16LE, rest))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Some((UTF_16BE, rest))
    } else {
        None
    }
}

/// Guess the encoding of BOM-less bytes.
pub fn detect(bytes: &[u8]) -> &'static Encoding {
    // Text never contains NUL in an 8-bit encoding, so NULs point at UTF-16 first.
    let has_nul = bytes.contains(&0);
    if has_nul && let Some(encoding) = detect_utf16(bytes) {
        return encoding;
    }
    let utf8 = utf8_stats(bytes);
    if utf8.bad_bytes == 0 {
        if utf8.non_ascii_bytes == 0 {
            return UTF_8;
        }
        if utf8.non_ascii_bytes < SHORT_NON_ASCII && short_gbk_beats_utf8(bytes) {
            return GB18030;
        }
        return UTF_8;
    }
    if !has_nul && let Some(encoding) = detect_utf16(bytes) {
        return encoding;
    }
    // A few bad bytes inside otherwise well-formed UTF-8 (a damaged or concatenated file): keep UTF-8
    // and report the bad bytes, rather than re-reading everything as GBK mojibake.
    if utf8.multibyte_chars >= 8 && utf8.bad_bytes * 20 <= utf8.non_ascii_bytes {
        return UTF_8;
    }
    let guess = chardetng_guess(bytes);
    if guess == GBK { GB18030 } else { guess }
}

/// chardetng's best guess for Chinese government documents.
fn chardetng_guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let window = &bytes[..bytes.len().min(DETECTION_WINDOW)];
    detector.feed(window, window.len() == bytes.len());
    detector.guess(Some(b"cn"), Utf8Detection::Deny)
}

/// For short valid-UTF-8 input that is mostly non-ASCII: is a GB18030 reading more plausible?
fn short_gbk_beats_utf8(bytes: &[u8]) -> bool {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii * 2 < bytes.len() {
        return false;
    }
    let guess = chardetng_guess(bytes);
    if guess != GBK && guess != GB18030 {
        return false;
    }
    let (gbk_text, gbk_errors) = GB18030.decode_without_bom_handling(bytes);
    if gbk_errors {
        return false;
    }
    let Ok(utf8_text) = std::str::from_utf8(bytes) else {
        return false;
    };
    // A UTF-8 reading made only of Chinese characters is kept: GBK bytes that happen to be valid UTF-8
    // almost always read as Latin, Cyrillic or combining marks instead.
    let utf8_score = chinese_plausibility(utf8_text);
    utf8_score < 1.0 && chinese_plausibility(&gbk_text) > utf8_score + 0.4
}

/// How much `text` reads like Chinese: 2 per frequent character or CJK punctuation mark, 1 per other
/// ideograph, 0 for anything else (the Latin, Cyrillic or combining marks mojibake is made of), per char.
fn chinese_plausibility(text: &str) -> f64 {
    let mut total = 0usize;
    let mut score = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        total += 1;
        if COMMON_HANZI.contains(c) || "，。、；：！？（）《》“”〔〕　".contains(c) {
            score += 2;
        } else if matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}') {
            score += 1;
        }
    }
    if total == 0 { 0.0 } else { score as f64 / total as f64 }
}

/// Counts from a UTF-8 validity scan.
struct Utf8Stats {
    non_ascii_bytes: usize,
    bad_bytes: usize,
    multibyte_chars: usize,
}

fn utf8_stats(bytes: &[u8]) -> Utf8Stats {
    let mut stats = Utf8Stats { non_ascii_bytes: 0, bad_bytes: 0, multibyte_chars: 0 };
    stats.non_ascii_bytes = bytes.iter().filter(|b| !b.is_ascii()).count();
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                stats.multibyte_chars += valid.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                stats.multibyte_chars +=
                    std::str::from_utf8(valid).map_or(0, |v| v.chars().filter(|c| !c.is_ascii()).count());
                // An incomplete sequence at the very end counts as the rest of the input.
                let bad = error.error_len().unwrap_or(after.len()).max(1);
                stats.bad_bytes += bad;
                rest = &after[bad.min(after.len())..];
            }
        }
    }
    stats
}

/// Does a 16-bit unit look like a character of a Chinese (or ASCII) text?
fn plausible_unit(unit: u16) -> bool {
    matches!(unit,
        0x0009 | 0x000A | 0x000C | 0x000D
        | 0x0020..=0x007E
        | 0x00A0..=0x00FF   // Latin-1: no-break space, ·, ×, é …
        | 0x2010..=0x206F   // general punctuation: dashes, quotes, ellipsis
        | 0x2460..=0x24FF   // circled numbers
        | 0x25A0..=0x25FF   // geometric shapes used as bullets
        | 0x3000..=0x303F   // CJK punctuation
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xFF00..=0xFFEF)
}

/// UTF-16LE or UTF-16BE when one byte order clearly reads as text and the other does not.
fn detect_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(DETECTION_WINDOW) & !1];
    let units = sample.len() / 2;
    let (mut le, mut be) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if plausible_unit(u16::from_le_bytes([pair[0], pair[1]])) {
            le += 1;
        }
        if plausible_unit(u16::from_be_bytes([pair[0], pair[1]])) {
            be += 1;
        }
    }
    let threshold = (units as f64 * UTF16_MIN_PLAUSIBLE).ceil() as usize;
    // Pure ASCII pairs ("ab" = U+6162) read as CJK both ways; require one order to win clearly, or the
    // NUL pattern (ASCII in UTF-16 puts NULs on one side) to decide.
    let nul_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let le_wins = le >= threshold && (le > be || nul_odd > nul_even);
    let be_wins = be >= threshold && (be > le || nul_even > nul_odd);
    match (le_wins, be_wins) {
        (true, false) => Some(UTF_16LE),
        (false, true) => Some(UTF_16BE),
        (true, true) if nul_odd > nul_even => Some(UTF_16LE),
        (true, true) if nul_even > nul_odd => Some(UTF_16BE),
        _ => None,
    }
}

/// The name reported to users: GBK is decoded as its superset GB18030 and reported as such.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GBK || encoding == GB18030 { "GB18030" } else { encoding.name() }
}

/// Decode without BOM handling, replacing malformed sequences and reporting how many bytes were bad.
pub fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> DecodedText {
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut bad_bytes = 0usize;
    let mut first_bad_char: Option<usize> = None;
    let mut chars_so_far = 0usize;
    let mut rest = bytes;
    loop {
        let needed = decoder.max_utf8_buffer_length_without_replacement(rest.len()).unwrap_or(rest.len() * 4 + 16);
        text.reserve(needed);
        let before = text.len();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(64),
            DecoderResult::Malformed(bad, _) => {
                chars_so_far += text[before..].chars().count();
                first_bad_char.get_or_insert(chars_so_far);
                bad_bytes += usize::from(bad);
                text.push('\u{FFFD}');
                chars_so_far += 1;
            }
        }
    }
    let mut warnings = Vec::new();
    if bad_bytes > 0 {
        let at = first_bad_char.unwrap_or(0);
        let plural = if bad_bytes == 1 { "" } else { "s" };
        warnings.push(format!(
            "{bad_bytes} undecodable byte{plural} (as {}) replaced with U+FFFD, first at char {at}",
            display_name(encoding)
        ));
    }
    DecodedText { text, encoding: display_name(encoding), warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_gbk_that_is_valid_utf8_is_read_as_gb18030() {
        // These corpus phrases encode in GBK to byte strings that are also valid UTF-8.
        for phrase in ["平台", "全省", "营业税", "知识", "业模式", "小微"] {
            let (gbk, _, _) = GBK.encode(phrase);
            assert!(std::str::from_utf8(&gbk).is_ok(), "{phrase}");
            let decoded = decode(&gbk);
            assert_eq!(decoded.text, phrase);
            assert_eq!(decoded.encoding, "GB18030");
        }
    }

    #[test]
    fn bad_bytes_are_counted() {
        let decoded = decode_with(UTF_8, b"ab\xFF\xFEcd");
        assert_eq!(decoded.text, "ab\u{FFFD}\u{FFFD}cd");
        assert!(decoded.warnings[0].starts_with("2 undecodable bytes"), "{:?}", decoded.warnings);
        assert!(decoded.warnings[0].contains("char 2"));
    }

    #[test]
    fn pure_cjk_utf16_without_nul_is_detected() {
        let text = "加快发展电子商务的意见";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).text, text);
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&be).text, text);
        assert_eq!(decode(&be).encoding, "UTF-16BE");
    }
}
