import Foundation

/// Masthead and byline dates from fixed per-language patterns (CONTRACTS.md, "Dates and bylines").
/// ICU's styles are not used: their Indonesian full style says "pukul 07.34".
struct DateFormats: Sendable {
    let language: UILanguage
    let timeZone: TimeZone

    private static let weekdays: [UILanguage: [String]] = [
        .id: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        .en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        .fr: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    ]
    private static let months: [UILanguage: [String]] = [
        .id: [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
            "November", "Desember",
        ],
        .en: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        .fr: [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ],
    ]

    init(language: UILanguage, timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone
    }

    /// Made when needed: page renders use `CivilTime`, only forms and cache expiry need calendar arithmetic.
    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `Senin, 23 Desember 2024` / `Monday, 23 December 2024` / `lundi 23 décembre 2024`.
    func masthead(_ date: Date) -> String {
        masthead(CivilTime(date, in: timeZone))
    }

    private func masthead(_ time: CivilTime) -> String {
        let weekday = Self.weekdays[language]?[time.weekday - 1] ?? ""
        let month = Self.months[language]?[time.month - 1] ?? ""
        let (day, year) = (time.day, time.year)
        switch language {
        case .fr: return "\(weekday) \(day) \(month) \(year)"
        case .id, .en: return "\(weekday), \(day) \(month) \(year)"
        }
    }

    /// The masthead date followed by 24-hour time: `Kamis, 15 Oktober 2015 07:34`.
    func dateTime(_ date: Date) -> String {
        let time = CivilTime(date, in: timeZone)
        return masthead(time) + " " + Digits.padded(time.hour, width: 2) + ":" + Digits.padded(time.minute, width: 2)
    }

    /// `2025-03-03T09:00` for `datetime-local` inputs, in the site zone.
    func inputValue(_ date: Date) -> String {
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }

    /// Parses `2025-03-03 09:00` or `2025-03-03T09:00` as a time in the site zone.
    func parseInput(_ text: String) -> Date? {
        let normalized = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
        let halves = normalized.split(separator: " ")
        guard halves.count == 2 else { return nil }
        let day = halves[0].split(separator: "-").compactMap { Int($0) }
        let time = halves[1].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, time.count >= 2, (1...12).contains(day[1]), (1...31).contains(day[2]),
            (0...23).contains(time[0]), (0...59).contains(time[1])
        else { return nil }
        let components = DateComponents(year: day[0], month: day[1], day: day[2], hour: time[0], minute: time[1])
        let calendar = calendar
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day[2]
        else { return nil }
        return date
    }

    /// Year and month in the site zone: the article URL's `/{yyyy}/{mm}/`.
    func yearMonth(_ date: Date) -> (year: Int, month: Int) {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 1970, parts.month ?? 1)
    }

    /// The next midnight in the site zone after `date`: when the masthead date changes.
    func nextMidnight(after date: Date) -> Date {
        let calendar = calendar  // made once for both steps
        let start = calendar.startOfDay(for: date)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? date.addingTimeInterval(86_400)
    }
}
