/// The named character references this tokenizer knows.
///
/// Not the full 2,231-entry table: it has every legacy name (those valid without `;`),
/// every ASCII punctuation name that matters for smuggling URLs and markup past filters
/// (`&colon;`, `&Tab;`, `&NewLine;`, `&lpar;`, …), and the typographic names editors use.
/// An unknown name stays literal text, which the sanitizer re-escapes, so a browser reading
/// our output sees exactly the text we saw.
enum NamedEntities {
    /// Names valid without a trailing semicolon, for compatibility with old HTML.
    static let legacy: Set<String> = Set(
        latin1Names + ["amp", "lt", "gt", "quot", "AMP", "LT", "GT", "QUOT", "COPY", "REG"])

    /// Longest legacy name, bounding the no-semicolon search.
    static let maxLegacyLength = 6

    /// Name (without `&` and `;`) to replacement text.
    static let withSemicolon: [String: String] = {
        var table: [String: String] = [:]
        for (offset, name) in latin1Names.enumerated() {
            table[name] = String(Character(Unicode.Scalar(UInt8(160 + offset))))
        }
        for (name, scalar) in otherNames {
            table[name] = String(Character(scalar))
        }
        return table
    }()

    /// HTML 4's Latin-1 names, in code point order from U+00A0 to U+00FF.
    private static let latin1Names = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
        "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
        "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
        "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
        "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
        "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
        "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
        "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
        "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
        "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]

    private static let otherNames: [(String, Unicode.Scalar)] = asciiNames + typographyNames + greekNames

    /// ASCII characters with names; several are classic filter-evasion tools.
    private static let asciiNames: [(String, Unicode.Scalar)] = [
        ("amp", "&"), ("AMP", "&"), ("lt", "<"), ("LT", "<"), ("gt", ">"), ("GT", ">"),
        ("quot", "\""), ("QUOT", "\""), ("apos", "'"), ("COPY", "\u{A9}"), ("REG", "\u{AE}"),
        ("Tab", "\t"), ("NewLine", "\n"), ("excl", "!"), ("num", "#"), ("dollar", "$"),
        ("percnt", "%"), ("lpar", "("), ("rpar", ")"), ("ast", "*"), ("midast", "*"),
        ("plus", "+"), ("comma", ","), ("period", "."), ("sol", "/"), ("colon", ":"),
        ("semi", ";"), ("equals", "="), ("quest", "?"), ("commat", "@"), ("lsqb", "["),
        ("lbrack", "["), ("bsol", "\\"), ("rsqb", "]"), ("rbrack", "]"), ("Hat", "^"),
        ("lowbar", "_"), ("UnderBar", "_"), ("grave", "`"), ("DiacriticalGrave", "`"),
        ("lcub", "{"), ("lbrace", "{"), ("verbar", "|"), ("vert", "|"), ("VerticalLine", "|"),
        ("rcub", "}"), ("rbrace", "}"), ("NonBreakingSpace", "\u{A0}"),
    ]

    private static let typographyNames: [(String, Unicode.Scalar)] = [
        ("ensp", "\u{2002}"), ("emsp", "\u{2003}"), ("thinsp", "\u{2009}"), ("zwnj", "\u{200C}"),
        ("zwj", "\u{200D}"), ("lrm", "\u{200E}"), ("rlm", "\u{200F}"), ("ndash", "\u{2013}"),
        ("mdash", "\u{2014}"), ("lsquo", "\u{2018}"), ("rsquo", "\u{2019}"), ("sbquo", "\u{201A}"),
        ("ldquo", "\u{201C}"), ("rdquo", "\u{201D}"), ("bdquo", "\u{201E}"), ("dagger", "\u{2020}"),
        ("Dagger", "\u{2021}"), ("bull", "\u{2022}"), ("hellip", "\u{2026}"), ("permil", "\u{2030}"),
        ("prime", "\u{2032}"), ("Prime", "\u{2033}"), ("lsaquo", "\u{2039}"), ("rsaquo", "\u{203A}"),
        ("oline", "\u{203E}"), ("frasl", "\u{2044}"), ("euro", "\u{20AC}"), ("trade", "\u{2122}"),
        ("larr", "\u{2190}"), ("uarr", "\u{2191}"), ("rarr", "\u{2192}"), ("darr", "\u{2193}"),
        ("harr", "\u{2194}"), ("minus", "\u{2212}"), ("infin", "\u{221E}"), ("ne", "\u{2260}"),
        ("le", "\u{2264}"), ("ge", "\u{2265}"), ("asymp", "\u{2248}"), ("notin", "\u{2209}"),
        ("spades", "\u{2660}"), ("clubs", "\u{2663}"), ("hearts", "\u{2665}"), ("diams", "\u{2666}"),
        ("OElig", "\u{152}"), ("oelig", "\u{153}"), ("Scaron", "\u{160}"), ("scaron", "\u{161}"),
        ("Yuml", "\u{178}"), ("fnof", "\u{192}"), ("circ", "\u{2C6}"), ("tilde", "\u{2DC}"),
        ("check", "\u{2713}"), ("cross", "\u{2717}"), ("star", "\u{2606}"), ("dash", "\u{2010}"),
        ("hyphen", "\u{2010}"), ("loz", "\u{25CA}"), ("sdot", "\u{22C5}"),
    ]

    /// Greek letters, named in HTML 4 and common in scientific writing.
    private static let greekNames: [(String, Unicode.Scalar)] = {
        let upper = [
            "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
            "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "", "Sigma", "Tau", "Upsilon",
            "Phi", "Chi", "Psi", "Omega",
        ]
        var names: [(String, Unicode.Scalar)] = []
        for (offset, name) in upper.enumerated() where !name.isEmpty {
            // Capital and small letters sit 0x20 apart from U+0391 and U+03B1.
            if let capital = Unicode.Scalar(0x391 + UInt32(offset)), let small = Unicode.Scalar(0x3B1 + UInt32(offset))
            {
                names.append((name, capital))
                names.append((name.prefix(1).lowercased() + name.dropFirst(), small))
            }
        }
        names.append(("sigmaf", "\u{3C2}"))
        return names
    }()
}
