/// Decides which URLs may appear in `href` and `src`.
///
/// Browsers ignore leading and trailing C0 controls and spaces and every tab, LF and CR
/// inside a URL, and compare schemes case-insensitively, so we normalize the same way
/// before looking at the scheme. A URL with any scheme not on the list is refused; one
/// without a scheme (a colon only after `/`, `?` or `#`, or none) is relative and allowed.
public enum URLPolicy {
    /// True for http, https, mailto and relative URLs (including `//host` ones).
    public static func isSafeLink(_ url: String) -> Bool {
        isAllowed(url, schemes: ["http", "https", "mailto"])
    }

    /// True for http, https and relative URLs (including `//host` ones).
    public static func isSafeImageSource(_ url: String) -> Bool {
        isAllowed(url, schemes: ["http", "https"])
    }

    private static func isAllowed(_ url: String, schemes: Set<String>) -> Bool {
        guard schemeIsAllowed(Array(url.utf8), schemes: schemes) else { return false }
        // The sanitizer hands us decoded values; callers writing a URL into a page themselves
        // escape it, but if one forgot, `&#106;avascript:` must still fail, so check the
        // decoded form too.
        guard url.utf8.contains(Byte.ampersand) else { return true }
        return schemeIsAllowed(decodedReferences(url), schemes: schemes)
    }

    private static func schemeIsAllowed(_ bytes: [UInt8], schemes: Set<String>) -> Bool {
        guard let scheme = scheme(of: bytes) else { return true }
        return schemes.contains(scheme)
    }

    /// The lowercased text before the first `:` when no `/`, `?` or `#` comes before it,
    /// after dropping what browsers ignore. Any such prefix counts, valid scheme syntax or
    /// not, so odd prefixes are refused rather than guessed about.
    static func scheme(of bytes: [UInt8]) -> String? {
        var scheme: [UInt8] = []
        for byte in bytes {
            // All C0 controls and spaces are dropped, not only tab/LF/CR: refusing
            // `java\u{1}script:` is safer than deciding which browsers accept it.
            if byte <= Byte.space { continue }
            switch byte {
            case Byte.colon: return String(decoding: scheme, as: UTF8.self)
            case Byte.slash, Byte.question, Byte.hash: return nil
            default: scheme.append(Byte.lowercased(byte))
            }
        }
        return nil
    }

    /// `url` with character references decoded, as a browser would read it from an attribute.
    private static func decodedReferences(_ url: String) -> [UInt8] {
        HTMLTokenizer.decodeAttributeValue(url)
    }
}
