import Foundation

/// The general form of /admin/settings: what it holds, how it is stored, and its checks.
struct GeneralSettings: Sendable, Equatable {
    /// A field of the form; its raw value is the form field's name, and the stored key is `site.` + that.
    enum Field: String, CaseIterable, Sendable {
        case name = "site_name"
        case description = "site_description"
        case languages = "languages"
        case defaultLanguage = "default_language"
        case timeZone = "time_zone"
        case contact = "contact_email"

        /// The environment variables that set a field and then win over /admin (CONTRACTS.md).
        static let variables: [(Field, String)] = [
            (.name, "WARTA_SITE_NAME"), (.defaultLanguage, "WARTA_LANGUAGE"), (.timeZone, "WARTA_TIMEZONE"),
        ]

        var storageKey: String { "site.\(rawValue)" }
    }

    struct Problem: Error, Equatable, Sendable {
        let field: Field
        let key: L10nKey
    }

    static let nameLimit = 120
    static let descriptionLimit = 300

    var name: String
    var description: String
    var languages: [UILanguage]
    var defaultLanguage: UILanguage
    var timeZone: String
    var contact: String

    init(_ settings: SiteSettings) {
        name = settings.name
        description = settings.description
        languages = settings.uiLanguages
        defaultLanguage = settings.defaultLanguage
        timeZone = settings.timeZone.identifier
        contact = settings.contactEmail
    }

    /// Saved rows over `defaults`; a row that no longer reads (an old zone name) keeps the default.
    init(saved: [String: String], defaults: SiteSettings) {
        self.init(defaults)
        if let name = saved[Field.name.storageKey], !name.isEmpty { self.name = name }
        if let description = saved[Field.description.storageKey] { self.description = description }
        if let codes = saved[Field.languages.storageKey] {
            let languages = Self.languages(codes.split(separator: ",").map(String.init))
            if !languages.isEmpty { self.languages = languages }
        }
        if let code = saved[Field.defaultLanguage.storageKey], let language = UILanguage(rawValue: code) {
            defaultLanguage = language
        }
        if let zone = saved[Field.timeZone.storageKey], TimeZone(identifier: zone) != nil { timeZone = zone }
        if let contact = saved[Field.contact.storageKey] { self.contact = contact }
        if !languages.contains(defaultLanguage) {
            languages = Self.languages((languages + [defaultLanguage]).map(\.rawValue))
        }
    }

    /// The posted form over `current`; fields the environment sets keep their current value whatever was posted.
    /// Throws every problem found, each with its field.
    static func parse(_ form: FormData, current: SiteSettings, lockedByEnvironment locked: Set<Field>) throws(Problems)
        -> GeneralSettings
    {
        var settings = GeneralSettings(current)
        var problems: [Problem] = []
        if !locked.contains(.name) {
            settings.name = form[Field.name.rawValue].trimmingCharacters(in: .whitespacesAndNewlines)
            if settings.name.isEmpty { problems.append(.init(field: .name, key: .settingsNameRequired)) }
            if settings.name.count > nameLimit { problems.append(.init(field: .name, key: .settingsTooLong)) }
        }
        settings.description = form[Field.description.rawValue].trimmingCharacters(in: .whitespacesAndNewlines)
        if settings.description.count > descriptionLimit {
            problems.append(.init(field: .description, key: .settingsTooLong))
        }
        let codes = form.values(Field.languages.rawValue)
        settings.languages = languages(codes)
        if settings.languages.count != Set(codes).count {
            problems.append(.init(field: .languages, key: .settingsLanguageUnknown))
        } else if settings.languages.isEmpty {
            problems.append(.init(field: .languages, key: .settingsLanguagesRequired))
        }
        if !locked.contains(.defaultLanguage) {
            if let language = UILanguage(rawValue: form[Field.defaultLanguage.rawValue]) {
                settings.defaultLanguage = language
            } else {
                problems.append(.init(field: .defaultLanguage, key: .settingsLanguageUnknown))
            }
        }
        if !settings.languages.isEmpty, !settings.languages.contains(settings.defaultLanguage) {
            problems.append(.init(field: .defaultLanguage, key: .settingsDefaultNotOn))
        }
        if !locked.contains(.timeZone) {
            settings.timeZone = form[Field.timeZone.rawValue].trimmingCharacters(in: .whitespaces)
            if !isZoneName(settings.timeZone) { problems.append(.init(field: .timeZone, key: .settingsZoneInvalid)) }
        }
        settings.contact = form[Field.contact.rawValue].trimmingCharacters(in: .whitespaces).lowercased()
        if !settings.contact.isEmpty, !StaffAccounts.isEmail(settings.contact) {
            problems.append(.init(field: .contact, key: .settingsContactInvalid))
        }
        guard problems.isEmpty else { throw Problems(list: problems) }
        return settings
    }

    struct Problems: Error, Equatable, Sendable {
        let list: [Problem]
        func message(for field: Field) -> L10nKey? { list.first { $0.field == field }?.key }
    }

    /// What is stored, one row a field.
    var storedValues: [String: String] {
        [
            Field.name.storageKey: name, Field.description.storageKey: description,
            Field.languages.storageKey: languages.map(\.rawValue).joined(separator: ","),
            Field.defaultLanguage.storageKey: defaultLanguage.rawValue, Field.timeZone.storageKey: timeZone,
            Field.contact.storageKey: contact,
        ]
    }

    func apply(to settings: inout SiteSettings) {
        settings.name = name
        settings.description = description
        settings.uiLanguages = languages
        settings.defaultLanguage = defaultLanguage
        settings.timeZone = TimeZone(identifier: timeZone) ?? settings.timeZone
        settings.contactEmail = contact
    }

    /// Known languages among `codes`, in the interface's own order, each once.
    static func languages(_ codes: [String]) -> [UILanguage] {
        UILanguage.allCases.filter { codes.contains($0.rawValue) }
    }

    /// An IANA zone name (`Asia/Jakarta`, `UTC`), not an offset or an abbreviation that Foundation would also take.
    static func isZoneName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && TimeZone(identifier: text) != nil
            && (TimeZone.knownTimeZoneIdentifiers.contains(text) || text == "UTC")
    }
}
