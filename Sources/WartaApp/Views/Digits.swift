/// Number formatting for paths, times and hashes without Foundation's `String(format:)`, which costs a few
/// microseconds per call on Linux and runs several times per page render.
enum Digits {
    /// `7` → `"07"` for width 2; wider numbers are not cut.
    static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Lower-case hex of some bytes.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(alphabet[Int(byte >> 4)])
            out.append(alphabet[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
