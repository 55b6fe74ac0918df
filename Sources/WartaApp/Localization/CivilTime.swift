import Foundation

/// A moment as a wall clock in one zone shows it: the fields a masthead, byline or timestamp prints.
///
/// Computed with integer arithmetic on days since 1970 (the proleptic Gregorian calendar) after one offset
/// lookup in the zone, instead of `Calendar.dateComponents`, which costs several microseconds per call and ran
/// three times for each page render. A test compares it with `Calendar` across zones and daylight-saving changes.
struct CivilTime: Equatable {
    let year: Int
    let month: Int
    let day: Int
    /// 1 = Sunday … 7 = Saturday, as `Calendar` numbers them.
    let weekday: Int
    let hour: Int
    let minute: Int
    let second: Int

    init(_ date: Date, in zone: TimeZone) {
        self.init(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date))
    }

    /// `seconds` counted on the wall clock (already shifted by the zone's offset).
    init(secondsSince1970 seconds: Int) {
        let days = Self.floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
        // 1970-01-01 was a Thursday (weekday 5).
        weekday = (days % 7 + 7 + 4) % 7 + 1
        // Days since 0000-03-01, split into 400-year eras; March-based years put the leap day last.
        let shifted = days + 719_468
        let era = Self.floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `2015-10-15T00:34:00Z` for a time in UTC (schema.org and OpenGraph dates).
    static func iso8601UTC(_ date: Date) -> String {
        let t = CivilTime(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
        return Digits.padded(t.year, width: 4) + "-" + Digits.padded(t.month, width: 2) + "-"
            + Digits.padded(t.day, width: 2) + "T" + Digits.padded(t.hour, width: 2) + ":"
            + Digits.padded(t.minute, width: 2) + ":" + Digits.padded(t.second, width: 2) + "Z"
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

extension CivilTime {
    /// `2015-10-15T07:34:00+07:00`: RFC 3339 on the zone's wall clock with its offset (Atom, JSON Feed, sitemaps,
    /// schema.org), so a reader sees the same time as the byline.
    static func rfc3339(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let t = CivilTime(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)) + offset)
        return Digits.padded(t.year, width: 4) + "-" + Digits.padded(t.month, width: 2) + "-"
            + Digits.padded(t.day, width: 2) + "T" + clock(t) + offsetText(offset, separator: ":")
    }

    /// `Thu, 15 Oct 2015 07:34:00 +0700`: RFC 822 as RFC 2822 §3.3 spells it, for RSS 2.0 (English names always).
    static func rfc822(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let t = CivilTime(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)) + offset)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return days[t.weekday - 1] + ", " + Digits.padded(t.day, width: 2) + " " + months[t.month - 1] + " "
            + Digits.padded(t.year, width: 4) + " " + clock(t) + " " + offsetText(offset, separator: "")
    }

    private static func clock(_ t: CivilTime) -> String {
        Digits.padded(t.hour, width: 2) + ":" + Digits.padded(t.minute, width: 2) + ":"
            + Digits.padded(t.second, width: 2)
    }

    /// `+07:00` / `+0700`; `-03:30` for negative offsets.
    private static func offsetText(_ seconds: Int, separator: String) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + Digits.padded(minutes / 60, width: 2) + separator
            + Digits.padded(minutes % 60, width: 2)
    }
}
