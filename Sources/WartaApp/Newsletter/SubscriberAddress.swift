import Foundation
import WartaMail

/// A reader's address as typed into the subscribe box, checked and put in one spelling so the same mailbox is
/// one subscriber however it was typed.
enum SubscriberAddress {
    /// RFC 5321's path limit: 256 octets with the angle brackets.
    static let maxBytes = 254

    /// The address in its stored form (NFC, lower case), or nil when it is not one this site can send to.
    /// UTF-8 local parts and international domain names are kept as typed (the sender uses SMTPUTF8); line
    /// breaks, controls, spaces, quoted local parts, several `@` and malformed domains are refused.
    static func normalized(_ input: String) -> String? {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= maxBytes else { return nil }
        guard !trimmed.unicodeScalars.contains(where: isForbidden) else { return nil }
        let address = trimmed.precomposedStringWithCanonicalMapping.lowercased()
        let halves = address.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2, isLocalPart(halves[0]), isDomain(halves[1]) else { return nil }
        guard (try? MailAddress(address)) != nil else { return nil }
        return address
    }

    /// Controls (CR and LF above all: header injection), whitespace, and what only a quoted local part may hold.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace { return true }
        if [.lineSeparator, .paragraphSeparator, .format].contains(scalar.properties.generalCategory) { return true }
        return "\"(),:;<>[\\]`".unicodeScalars.contains(scalar)
    }

    private static func isLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64 else { return false }
        return !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
    }

    /// Dot-separated labels of letters (any script), digits and inner hyphens, with a top-level label that is
    /// not all digits: `contoh.id`, `bücher.de`, `xn--bcher-kva.de`.
    private static func isDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253, let top = labels.last, !top.allSatisfy(\.isNumber)
        else { return false }
        return labels.allSatisfy { label in
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return false
            }
            return label.allSatisfy { $0 == "-" || $0.isLetter || $0.isNumber }
        }
    }
}
