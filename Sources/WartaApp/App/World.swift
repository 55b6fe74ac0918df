import Foundation

/// The inputs tests must control: the clock and new identifiers.
public struct World: Sendable {
    public var now: @Sendable () -> Date
    public var newID: @Sendable () -> UUID
    public var randomToken: @Sendable () -> String

    public init(
        now: @escaping @Sendable () -> Date, newID: @escaping @Sendable () -> UUID,
        randomToken: @escaping @Sendable () -> String
    ) {
        self.now = now
        self.newID = newID
        self.randomToken = randomToken
    }

    public static let live = World(now: { Date() }, newID: { UUID() }, randomToken: { RandomToken.make() })
}

enum RandomToken {
    /// 32 random bytes, URL-safe base64 without padding.
    static func make(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
