import Foundation

/// The attack vectors in Resources/attack-vectors.txt.
enum AttackCorpus {
    static let separator = "-----"

    /// Loads and decodes the corpus; see the file header for the format.
    static func load() throws -> [String] {
        guard
            let url = Bundle.module.url(forResource: "attack-vectors", withExtension: "txt", subdirectory: "Resources")
        else { throw CorpusError.missing("attack-vectors.txt") }
        return parse(try String(contentsOf: url, encoding: .utf8))
    }

    static func parse(_ file: String) -> [String] {
        var records: [String] = []
        var current: [Substring] = []
        var inHeader = true
        for line in file.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == separator {
                if !inHeader { records.append(current.joined(separator: "\n")) }
                inHeader = false
                current = []
            } else if !inHeader {
                current.append(line)
            }
        }
        if !inHeader {
            // The file's final newline ends the last line; it is not part of the vector.
            if current.last == "" { current.removeLast() }
            records.append(current.joined(separator: "\n"))
        }
        return records.map(decodeEscapes)
    }

    /// Replaces `{{U+XXXX}}` with the scalar it names.
    static func decodeEscapes(_ vector: String) -> String {
        var result = ""
        var rest = Substring(vector)
        while let open = rest.range(of: "{{U+") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}"),
                let value = UInt32(rest[open.upperBound..<close.lowerBound], radix: 16),
                let scalar = Unicode.Scalar(value)
            else {
                result += rest[open]
                rest = rest[open.upperBound...]
                continue
            }
            result.unicodeScalars.append(scalar)
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}

enum CorpusError: Error, CustomStringConvertible {
    case missing(String)

    var description: String {
        switch self {
        case .missing(let name): return "test resource \(name) not found in Bundle.module"
        }
    }
}
