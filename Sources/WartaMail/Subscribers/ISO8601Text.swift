import Foundation

/// ISO 8601 dates as subscriber files hold them.
enum ISO8601Text {
    /// `2025-03-03`, `2025-03-03T09:00`, `2025-03-03 09:00:00.5`, each optionally with `Z`, `+07:00` or `+0700`;
    /// without an offset the time is in `timeZone`. Impossible dates (2025-02-30) are nil.
    static func date(_ text: String, timeZone: TimeZone) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes.count <= 40, let year = number(bytes, 0, 4), bytes[4] == 45,
            let month = number(bytes, 5, 2), bytes[7] == 45, let day = number(bytes, 8, 2)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var zone = timeZone
        var index = 10
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "T") || bytes[index] == 32, bytes.count >= 16,
                let hour = number(bytes, 11, 2), bytes[13] == 58, let minute = number(bytes, 14, 2)
            else { return nil }
            components.hour = hour
            components.minute = minute
            index = 16
            if index < bytes.count, bytes[index] == 58 {
                guard let second = number(bytes, index + 1, 2) else { return nil }
                components.second = second
                index += 3
                if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                }
            }
            if index < bytes.count {
                guard let offset = offset(bytes[index...]), let fixed = TimeZone(secondsFromGMT: offset) else {
                    return nil
                }
                zone = fixed
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components) else { return nil }
        // Calendar rolls 2025-02-30 over to March; a date that does not come back the same did not exist.
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard back.year == year, back.month == month, back.day == day, back.hour == components.hour,
            back.minute == components.minute
        else { return nil }
        return date
    }

    /// `2025-03-03T02:00:00Z`.
    static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let year = String(parts.year ?? 0)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)) + year)-\(two(parts.month))-\(two(parts.day))T"
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Seconds east of UTC for `Z`, `+07:00`, `+0700` or `+07`.
    private static func offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        let text = Array(bytes)
        if text == [UInt8(ascii: "Z")] || text == [UInt8(ascii: "z")] { return 0 }
        guard let sign = text.first, sign == 43 || sign == 45 else { return nil }
        let digits = text.dropFirst().filter { $0 != 58 }
        guard [2, 4].contains(digits.count), text.count - 1 - digits.count <= 1,
            let hours = number(Array(digits), 0, 2), hours <= 14
        else { return nil }
        let minutes = digits.count == 4 ? number(Array(digits), 2, 2) : 0
        guard let minutes, minutes < 60 else { return nil }
        return (sign == 45 ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
