/// The languages the interface is translated into. Articles may be in any language. Which one a request gets
/// (cookie, `Accept-Language`, site default) is decided in one place: `CacheRequestRules.language`.
public enum UILanguage: String, Sendable, CaseIterable, Codable {
    case id, en, fr

    /// The language's own name, as its speakers look for it in a list.
    var autonym: String {
        switch self {
        case .id: "Bahasa Indonesia"
        case .en: "English"
        case .fr: "Français"
        }
    }
}
