import HTTPTypes
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One cached variant as the bytes `PageHitHandler` writes: the header lines after the status line and `Date`
/// (ending with the blank line), for the 200 and the 304, and the body. Built once when the entry is stored, so a
/// hit writes shared buffers and formats nothing (issue 11).
struct HitBytes: Sendable {
    let okHead: ByteBuffer
    let notModifiedHead: ByteBuffer
    let body: ByteBuffer

    init(headers: HTTPFields, notModifiedHeaders: HTTPFields, body: ByteBuffer) {
        self.body = body
        // The router path's 200 carries Content-Length (Hummingbird's writer sets it for a buffer body); its 304
        // carries none, as NIO's encoder strips framing headers from a status without a body.
        okHead = Self.lines(headers, contentLength: body.readableBytes)
        notModifiedHead = Self.lines(notModifiedHeaders, contentLength: nil)
    }

    private static func lines(_ headers: HTTPFields, contentLength: Int?) -> ByteBuffer {
        var buffer = ByteBuffer()
        for field in headers {
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        if let contentLength {
            buffer.writeString("Content-Length: \(contentLength)\r\n")
        }
        buffer.writeStaticString("\r\n")
        return buffer
    }
}

/// The status line and `Date` of a hit (plus `Strict-Transport-Security` on an https site, which the router path
/// adds in `StrictTransportResponder`), formatted at most once a second per connection rather than per request.
struct HitStatusLines {
    private let strictTransport: Bool
    private var second = -1
    private(set) var ok = ByteBuffer()
    private(set) var notModified = ByteBuffer()

    init(strictTransport: Bool) {
        self.strictTransport = strictTransport
    }

    /// Brings the lines up to the current second; a `time()` read (vDSO, no allocation) when nothing changed.
    mutating func refresh() {
        let now = Int(time(nil))
        guard now != second else { return }
        second = now
        let date = HTTPDate.format(epochSeconds: now)
        ok = lines("HTTP/1.1 200 OK\r\n", date: date)
        notModified = lines("HTTP/1.1 304 Not Modified\r\n", date: date)
    }

    private func lines(_ status: StaticString, date: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeStaticString(status)
        buffer.writeStaticString("Date: ")
        buffer.writeString(date)
        buffer.writeStaticString("\r\n")
        if strictTransport {
            buffer.writeStaticString("Strict-Transport-Security: ")
            buffer.writeString(SecurityHeaders.strictTransportSecurity)
            buffer.writeStaticString("\r\n")
        }
        return buffer
    }
}

/// RFC 9110 §5.6.7 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), from seconds since 1970 without Foundation.
enum HTTPDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(epochSeconds: Int) -> String {
        let (dayNumber, secondOfDay) = epochSeconds.quotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = civil(daysSince1970: dayNumber)
        let weekday = days[((dayNumber % 7) + 7) % 7]
        let (hour, minute, second) = (secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(hour)):\(two(minute)):\(two(second)) GMT"
    }

    private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    private static func civil(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = daysSince1970 + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
