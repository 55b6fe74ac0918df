import Foundation

enum Catalog {
    // Merged once: a Localizer is made per request. Features with many keys keep them in a file of their own.
    private static let allIndonesian = indonesian.merging(newsroomMailIndonesian) { $1 }
    private static let allEnglish = english.merging(newsroomMailEnglish) { $1 }
    private static let allFrench = french.merging(newsroomMailFrench) { $1 }

    static func strings(for language: UILanguage) -> [L10nKey: String] {
        switch language {
        case .id: allIndonesian
        case .en: allEnglish
        case .fr: allFrench
        }
    }
}

/// Looks up UI strings for one language and fills `{name}` placeholders.
struct Localizer: Sendable {
    let language: UILanguage
    private let strings: [L10nKey: String]

    init(_ language: UILanguage) {
        self.language = language
        self.strings = Catalog.strings(for: language)
    }

    subscript(_ key: L10nKey) -> String { strings[key] ?? key.rawValue }

    /// The string for `key` with each `{name}` replaced by `arguments[name]`; unknown placeholders stay as written.
    /// One pass over the template (this runs for every byline and label of a page render).
    func callAsFunction(_ key: L10nKey, _ arguments: [String: String] = [:]) -> String {
        let template = self[key]
        guard !arguments.isEmpty else { return template }
        var text = ""
        text.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let value = arguments[String(rest[rest.index(after: open)..<close])]
            else {
                text += "{"
                rest = rest[rest.index(after: open)...]
                continue
            }
            text += value
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        return text
    }

    /// The name of a language in the UI language, as used in "translated from …".
    func languageName(_ code: String) -> String {
        let base = code.split(separator: "-").first.map { $0.lowercased() } ?? code.lowercased()
        return LanguageNames.name(of: base, in: language) ?? code
    }

    func status(_ status: ArticleStatus) -> String {
        switch status {
        case .draft: self[.statusDraft]
        case .review: self[.statusReview]
        case .scheduled: self[.statusScheduled]
        case .published: self[.statusPublished]
        case .unpublished: self[.statusUnpublished]
        }
    }

    func jobState(_ state: JobState) -> String {
        switch state {
        case .queued: self[.jobStateQueued]
        case .running: self[.jobStateRunning]
        case .failed: self[.jobStateFailed]
        case .dead: self[.jobStateDead]
        case .done: self[.jobStateDone]
        }
    }

    func role(_ role: Role) -> String {
        switch role {
        case .author: self[.roleAuthor]
        case .editor: self[.roleEditor]
        case .admin: self[.roleAdmin]
        }
    }
}

/// Names of the languages newsrooms translate from most, per UI language (lower case, as used mid-sentence).
enum LanguageNames {
    private static let table: [String: (id: String, en: String, fr: String)] = [
        "id": ("Indonesia", "Indonesian", "indonésien"), "en": ("Inggris", "English", "anglais"),
        "fr": ("Prancis", "French", "français"), "ms": ("Melayu", "Malay", "malais"),
        "jv": ("Jawa", "Javanese", "javanais"), "su": ("Sunda", "Sundanese", "soundanais"),
        "ar": ("Arab", "Arabic", "arabe"), "zh": ("Tionghoa", "Chinese", "chinois"),
        "ja": ("Jepang", "Japanese", "japonais"), "ko": ("Korea", "Korean", "coréen"),
        "nl": ("Belanda", "Dutch", "néerlandais"), "de": ("Jerman", "German", "allemand"),
        "es": ("Spanyol", "Spanish", "espagnol"), "pt": ("Portugis", "Portuguese", "portugais"),
        "ru": ("Rusia", "Russian", "russe"), "th": ("Thai", "Thai", "thaï"),
        "vi": ("Vietnam", "Vietnamese", "vietnamien"), "tl": ("Tagalog", "Tagalog", "tagalog"),
        "hi": ("Hindi", "Hindi", "hindi"), "it": ("Italia", "Italian", "italien"),
    ]

    /// The codes named here, the UI languages first.
    static let codes: [String] = ["id", "en", "fr"] + table.keys.filter { !["id", "en", "fr"].contains($0) }.sorted()

    static func name(of code: String, in language: UILanguage) -> String? {
        guard let names = table[code] else { return nil }
        switch language {
        case .id: return names.id
        case .en: return names.en
        case .fr: return names.fr
        }
    }
}
