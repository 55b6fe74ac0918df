/// The languages the interface is translated into. Articles may be in any language. Which one a request gets
/// (cookie, `Accept-Language`, site default) is decided in one place: `CacheRequestRules.language`.
public enum UILanguage: String, Sendable, CaseIterable, Codable {
    case id, en, fr
}
