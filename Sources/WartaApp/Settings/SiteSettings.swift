import Foundation

/// The site's settings as every page and job sees them now: saved in /admin, with environment variables winning
/// (CONTRACTS.md, "Environment"). Read through `SettingsProvider.current`, never copied at start.
struct SiteSettings: Sendable, Equatable {
    var name: String
    var description = ""
    var timeZone: TimeZone
    var defaultLanguage: UILanguage
    /// The interface languages readers may switch to; always holds `defaultLanguage`.
    var uiLanguages: [UILanguage] = UILanguage.allCases
    /// Where readers write to the newsroom (shown on the contact page, used as Reply-To later).
    var contactEmail = ""
    let siteURL: String
    let secureCookies: Bool

    init(
        name: String, description: String = "", timeZone: TimeZone, defaultLanguage: UILanguage,
        uiLanguages: [UILanguage] = UILanguage.allCases, contactEmail: String = "", siteURL: String,
        secureCookies: Bool
    ) {
        self.name = name
        self.description = description
        self.timeZone = timeZone
        self.defaultLanguage = defaultLanguage
        self.uiLanguages = uiLanguages
        self.contactEmail = contactEmail
        self.siteURL = siteURL
        self.secureCookies = secureCookies
    }

    /// `language` when it is switched on for the site, else the default.
    func available(_ language: UILanguage) -> UILanguage {
        uiLanguages.contains(language) ? language : defaultLanguage
    }
}
