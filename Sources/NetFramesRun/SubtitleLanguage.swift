/// The language of a video's subtitles: a BCP 47 tag whose language is an ISO 639 code
/// ("en", "de", "pt-BR", "eng").
///
/// Sidecar files (WebVTT, the HTML player) take the tag as given; MP4, MOV and WebM
/// store a three-letter ISO 639-2 code, so a two-letter code is translated
/// ("en" → "eng", "de" → "ger").
public struct SubtitleLanguage: Sendable, Hashable, CustomStringConvertible {
    /// The tag as given, e.g. "en" or "pt-BR".
    public let tag: String

    /// The language of `tag`; `nil` unless it starts with a known two-letter ISO 639-1
    /// code or any three-letter code, followed by optional subtags ("-BR").
    public init?(_ tag: String) {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, parts.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        let language = first.lowercased()
        guard language.count == 3 && language.allSatisfy(\.isLetter) || SubtitleLanguage.threeLetter(language) != nil
        else { return nil }
        self.tag = tag
    }

    /// English.
    public static let english = SubtitleLanguage("en")!

    /// The tag.
    public var description: String { tag }

    /// The three-letter ISO 639-2 (bibliographic) code containers store.
    public var containerCode: String {
        let language = String(tag.split(separator: "-")[0]).lowercased()
        return SubtitleLanguage.threeLetter(language) ?? language
    }

    /// The ISO 639-2/B code of a two-letter ISO 639-1 code.
    static func threeLetter(_ code: String) -> String? { codes[code] }

    /// ISO 639-1 codes to ISO 639-2/B codes.
    static let codes: [String: String] = Dictionary(uniqueKeysWithValues: table.split(separator: " ")
        .map { (String($0.prefix(2)), String($0.suffix(3))) })

    /// Every ISO 639-1 code followed by its ISO 639-2/B code, as in Debian's iso-codes.
    static let table =
        "aaaar ababk aeave afafr akaka amamh anarg arara asasm avava ayaym azaze babak bebel bgbul bhbih " +
        "bibis bmbam bnben botib brbre bsbos cacat ceche chcha cocos crcre cscze cuchu cvchv cywel dadan " +
        "deger dvdiv dzdzo eeewe elgre eneng eoepo esspa etest eubaq faper ffful fifin fjfij fofao frfre " +
        "fyfry gagle gdgla glglg gngrn guguj gvglv hahau heheb hihin hohmo hrhrv hthat huhun hyarm hzher " +
        "iaina idind ieile igibo iiiii ikipk ioido isice itita iuiku jajpn jvjav kageo kgkon kikik kjkua " +
        "kkkaz klkal kmkhm knkan kokor krkau kskas kukur kvkom kwcor kykir lalat lbltz lglug lilim lnlin " +
        "lolao ltlit lulub lvlav mgmlg mhmah mimao mkmac mlmal mnmon mrmar msmay mtmlt mybur nanau nbnob " +
        "ndnde nenep ngndo nldut nnnno nonor nrnbl nvnav nynya ococi ojoji omorm orori ososs papan pipli " +
        "plpol pspus ptpor quque rmroh rnrun rorum rurus rwkin sasan scsrd sdsnd sesme sgsag sisin skslo " +
        "slslv smsmo snsna sosom sqalb srsrp ssssw stsot susun svswe swswa tatam tetel tgtgk ththa titir " +
        "tktuk tltgl tntsn toton trtur tstso tttat twtwi tytah uguig ukukr ururd uzuzb veven vivie vovol " +
        "wawln wowol xhxho yiyid yoyor zazha zhchi zuzul "
}
