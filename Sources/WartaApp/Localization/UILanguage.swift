/// The languages the interface is translated into. Articles may be in any language.
public enum UILanguage: String, Sendable, CaseIterable, Codable {
    case id, en, fr

    /// Picks the UI language from the `warta_lang` cookie, else the site default.
    static func from(cookie: Substring?, default fallback: UILanguage) -> UILanguage {
        guard let cookie, let language = UILanguage(rawValue: String(cookie)) else { return fallback }
        return language
    }

    /// The language's own name, as its speakers look for it in a list.
    var autonym: String {
        switch self {
        case .id: "Bahasa Indonesia"
        case .en: "English"
        case .fr: "Français"
        }
    }
}
