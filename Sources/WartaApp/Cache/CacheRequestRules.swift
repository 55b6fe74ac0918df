/// The one place that reads a request the way the page cache does (CONTRACTS.md, "Page cache"): which requests
/// may be answered from it, under which key, in which UI language and encoding, and when with 304. Pure, on raw
/// header values, so that the router-side `PageCacheResponder`, the pages rendered on a miss and a channel handler
/// in the NIO pipeline (issue 11) all follow the same rules.
enum CacheRequestRules {
    /// What the cache does with one request.
    enum Decision: Sendable, Equatable {
        /// Not a cached page, not GET/HEAD, or a session: the router answers.
        case bypass
        /// A page spelled another way than its canonical address: 301 there.
        case redirect(location: String)
        /// Look this key up; on a miss the router renders the page and stores it under the same key.
        case lookup(PageCache.Key)
    }

    /// The encodings a page is kept in.
    enum Coding: Sendable, Equatable {
        case identity, gzip
    }

    static let languageCookie = "warta_lang"
    /// Built once: the hit path must not build the list per request.
    private static let languages = UILanguage.allCases
    /// Cookies whose presence means a signed-in visitor, whose pages are never shared.
    static let sessionCookies = [SessionStore.cookieName]
    /// Every cached answer varies by these request headers.
    static let vary = "Accept-Encoding, Accept-Language, Cookie"

    /// The whole hit decision. `isGetOrHead` is false for every other method; `uri` is the request target as sent.
    static func decision(
        isGetOrHead: Bool, uri: String, cookie: String?, acceptLanguage: String?, defaultLanguage: UILanguage
    ) -> Decision {
        guard isGetOrHead, case .page(let address) = PageAddress.read(uri) else { return .bypass }
        guard address.isCanonical else { return .redirect(location: address.key) }
        let (hasSession, cookieLanguage) = readCookies(cookie)
        guard !hasSession else { return .bypass }
        let language = cookieLanguage ?? self.language(acceptLanguage: acceptLanguage, default: defaultLanguage)
        return .lookup(PageCache.Key(path: address.key, language: language))
    }

    /// The UI language: the `warta_lang` cookie, else the first of id, en, fr in `Accept-Language` by weight
    /// (`q=0` excludes), else the site default. Pages rendered on a miss use this same function.
    static func language(cookie: String?, acceptLanguage: String?, default fallback: UILanguage) -> UILanguage {
        readCookies(cookie).language ?? language(acceptLanguage: acceptLanguage, default: fallback)
    }

    /// Whether a signed-in visitor's session cookie is present, and a valid `warta_lang` cookie if any.
    static func readCookies(_ cookie: String?) -> (hasSession: Bool, language: UILanguage?) {
        guard let cookie else { return (false, nil) }
        return HeaderBytes.withBytes(cookie) { bytes in
            var hasSession = false
            var language: UILanguage?
            HeaderBytes.forEachCookie(bytes) { name, value in
                if sessionCookies.contains(where: { name.elementsEqual($0.utf8) }) {
                    hasSession = true
                } else if language == nil, name.elementsEqual(languageCookie.utf8) {
                    language = languages.first { value.elementsEqual($0.rawValue.utf8) }
                }
                return !hasSession
            }
            return (hasSession, language)
        }
    }

    /// `Accept-Language` alone: the best-weighted of id, en, fr (by primary subtag, `en-GB` is en); on equal
    /// weights the one named first; `*` stands for the default language unless that one is excluded.
    static func language(acceptLanguage: String?, default fallback: UILanguage) -> UILanguage {
        guard let acceptLanguage else { return fallback }
        return HeaderBytes.withBytes(acceptLanguage) { bytes in
            var scores = LanguageScores()
            var star = LanguageScores.Score()
            var position = 0
            HeaderBytes.forEachWeighted(bytes) { tag, weight in
                position += 1
                let primary = tag.prefix { $0 != UInt8(ascii: "-") }
                if primary.count == 1, primary.first == UInt8(ascii: "*") {
                    star.note(weight: weight, position: position)
                } else if let index = languageIndex(primary) {
                    scores[index].note(weight: weight, position: position)
                }
            }
            let all = languages
            var best: Int?
            for index in 0..<3 where scores[index].weight > 0 {
                if let current = best, !scores[index].beats(scores[current]) { continue }
                best = index
            }
            if let best, scores[best].beats(star) { return all[best] }
            guard star.weight > 0 else { return fallback }
            // `*`: any language not excluded, the default first.
            if let index = all.firstIndex(of: fallback), !scores[index].isExcluded { return fallback }
            return all.indices.first { !scores[$0].isExcluded }.map { all[$0] } ?? fallback
        }
    }

    /// Weights seen per UI language, kept in stored properties so the hit path does not allocate.
    private struct LanguageScores {
        struct Score {
            var weight = -1
            var position = Int.max
            var isExcluded = false

            mutating func note(weight: Int, position: Int) {
                if weight == 0 { isExcluded = true }
                if weight > self.weight { self.weight = weight }
                self.position = min(self.position, position)
            }

            /// Higher weight wins; on equal weights, the one named first.
            func beats(_ other: Score) -> Bool {
                weight > other.weight || (weight == other.weight && position < other.position)
            }
        }

        var first = Score()
        var second = Score()
        var third = Score()

        subscript(index: Int) -> Score {
            get { index == 0 ? first : index == 1 ? second : third }
            set {
                switch index {
                case 0: first = newValue
                case 1: second = newValue
                default: third = newValue
                }
            }
        }
    }

    private static func languageIndex(_ primary: HeaderBytes.Part) -> Int? {
        guard primary.count == 2 else { return nil }
        let all = languages
        return all.indices.first { HeaderBytes.equalsLowercase(primary, all[$0].rawValue.utf8) }
    }

    /// gzip when `Accept-Encoding` gives it (or `*`) a weight above 0 and not below an explicit `identity`;
    /// identity otherwise, also when the header is absent or excludes identity too (there is nothing else to send).
    static func coding(acceptEncoding: String?) -> Coding {
        guard let acceptEncoding else { return .identity }
        return HeaderBytes.withBytes(acceptEncoding) { bytes in
            var gzip: Int?
            var identity: Int?
            var star: Int?
            HeaderBytes.forEachWeighted(bytes) { coding, weight in
                if HeaderBytes.equalsLowercase(coding, "gzip".utf8)
                    || HeaderBytes.equalsLowercase(coding, "x-gzip".utf8)
                {
                    gzip = max(gzip ?? 0, weight)
                } else if HeaderBytes.equalsLowercase(coding, "identity".utf8) {
                    identity = max(identity ?? 0, weight)
                } else if coding.count == 1, coding.first == UInt8(ascii: "*") {
                    star = max(star ?? 0, weight)
                }
            }
            let gzipWeight = gzip ?? star ?? 0
            guard gzipWeight > 0 else { return .identity }
            return gzipWeight >= (identity ?? 0) ? .gzip : .identity
        }
    }

    /// Whether `If-None-Match` names `etag` (weak comparison, so `W/"…"` matches too) or is `*`.
    static func isNotModified(ifNoneMatch: String?, etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return HeaderBytes.withBytes(ifNoneMatch) { HeaderBytes.ifNoneMatch($0, matches: etag.utf8) }
    }
}
