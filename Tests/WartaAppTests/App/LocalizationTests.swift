import FluentKit
import Foundation
import Testing

@testable import WartaApp

@Suite struct LocalizationTests {
    @Test("Every catalog defines every key", arguments: UILanguage.allCases)
    func catalogIsComplete(language: UILanguage) {
        let catalog = Catalog.strings(for: language)
        let missing = L10nKey.allCases.filter { (catalog[$0] ?? "").isEmpty }
        #expect(missing.isEmpty, "\(language) lacks \(missing)")
    }

    @Test("Placeholders match across languages", arguments: L10nKey.allCases)
    func placeholdersMatch(key: L10nKey) {
        func placeholders(_ text: String) -> Set<String> {
            // Keeps the empty piece before a leading "{", so a text that starts with a placeholder counts it.
            Set(
                text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap {
                    $0.split(separator: "}").first.map(String.init)
                })
        }
        let reference = placeholders(Localizer(.en)[key])
        for language in UILanguage.allCases {
            #expect(placeholders(Localizer(language)[key]) == reference, "\(language) \(key)")
        }
    }

    @Test func placeholdersAreFilledOnceAndValuesAreNotReadAsTemplates() {
        let english = Localizer(.en)
        #expect(
            english(.translatedFromBy, ["language": "French", "translator": "Ana {language} }{"])
                == "Translated from French by Ana {language} }{")
        #expect(english(.translatedFromBy, ["language": "French"]) == "Translated from French by {translator}")
        #expect(english(.bylineAuthor, ["author": "Rina 🌧️ <b>&"]) == "By Rina 🌧️ <b>&")
        #expect(english(.bylineAuthor) == "By {author}")
    }

    @Test(
        "Wall-clock fields agree with Foundation's Calendar",
        arguments: ["Asia/Jakarta", "Europe/Paris", "America/St_Johns", "UTC"])
    func civilTimeMatchesCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // About 4,000 moments from 1901 to 2099 at odd strides, through leap days, century years and DST changes.
        var seconds = -2_169_000_000.5
        while seconds < 4_100_000_000 {
            let date = Date(timeIntervalSince1970: seconds)
            let civil = CivilTime(date, in: zone)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
            let expected = [parts.year, parts.month, parts.day, parts.weekday, parts.hour, parts.minute, parts.second]
            let actual = [civil.year, civil.month, civil.day, civil.weekday, civil.hour, civil.minute, civil.second]
            #expect(actual == expected, "\(zoneName) \(date)")
            if actual != expected { break }
            seconds += 1_570_003.25
        }
        #expect(CivilTime.iso8601UTC(Date(timeIntervalSince1970: 951_782_400.9)) == "2000-02-29T00:00:00Z")
        #expect(CivilTime.iso8601UTC(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func mastheadAndBylineDatesFollowTheContract() throws {
        let date = try #require(ArticleImporter.parseISO8601("2015-10-15T07:34:00+07:00"))
        let masthead = try #require(ArticleImporter.parseISO8601("2024-12-23T08:00:00+07:00"))
        let zone = try #require(TimeZone(identifier: "Asia/Jakarta"))
        #expect(DateFormats(language: .id, timeZone: zone).masthead(masthead) == "Senin, 23 Desember 2024")
        #expect(DateFormats(language: .en, timeZone: zone).masthead(masthead) == "Monday, 23 December 2024")
        #expect(DateFormats(language: .fr, timeZone: zone).masthead(masthead) == "lundi 23 décembre 2024")
        #expect(DateFormats(language: .id, timeZone: zone).dateTime(date) == "Kamis, 15 Oktober 2015 07:34")
        #expect(DateFormats(language: .en, timeZone: zone).dateTime(date) == "Thursday, 15 October 2015 07:34")
        #expect(DateFormats(language: .fr, timeZone: zone).dateTime(date) == "jeudi 15 octobre 2015 07:34")
    }

    @Test func mastheadUsesTheSiteZone() throws {
        // 23:30 UTC on the 22nd is already the 23rd in Jakarta.
        let date = try #require(ArticleImporter.parseISO8601("2024-12-22T23:30:00Z"))
        let zone = try #require(TimeZone(identifier: "Asia/Jakarta"))
        #expect(DateFormats(language: .id, timeZone: zone).masthead(date) == "Senin, 23 Desember 2024")
        #expect(DateFormats(language: .id, timeZone: .gmt).masthead(date) == "Minggu, 22 Desember 2024")
    }

    @Test func bylineDropsMissingSegments() throws {
        let date = try #require(ArticleImporter.parseISO8601("2015-10-15T07:34:00+07:00"))
        let zone = try #require(TimeZone(identifier: "Asia/Jakarta"))
        for (language, expected) in [
            (UILanguage.id, "Penulis : Rina | Editor : Dodi | Kamis, 15 Oktober 2015 07:34"),
            (.en, "By Rina | Editor: Dodi | Thursday, 15 October 2015 07:34"),
            (.fr, "Par Rina | Éditeur : Dodi | jeudi 15 octobre 2015 07:34"),
        ] {
            let context = ViewContext(
                localizer: Localizer(language), dates: DateFormats(language: language, timeZone: zone), siteName: "W",
                now: date, currentPath: "/")
            #expect(Byline.text(author: "Rina", editor: "Dodi", at: date, context: context) == expected)
        }
        let context = ViewContext(
            localizer: Localizer(.id), dates: DateFormats(language: .id, timeZone: zone), siteName: "W", now: date,
            currentPath: "/")
        #expect(
            Byline.text(author: "", editor: "Dodi", at: date, context: context)
                == "Editor : Dodi | Kamis, 15 Oktober 2015 07:34")
        #expect(
            Byline.text(author: "Rina", editor: "", at: date, context: context)
                == "Penulis : Rina | Kamis, 15 Oktober 2015 07:34")
    }
}
