import Foundation

/// One message taken out of a mailbox, with where it came from for reports (`new/1733…`, `mbox message 3, line 41`).
public struct MailboxMessage: Sendable, Hashable {
    /// A file path (Maildir), `message N, line L` (mbox), or `message` (a single message).
    public var origin: String
    /// The message as stored, the mbox `From ` line removed and `>From ` lines unquoted.
    public var bytes: [UInt8]

    public init(origin: String, bytes: [UInt8]) {
        self.origin = origin
        self.bytes = bytes
    }
}

/// Why a mailbox could not be read.
public enum MailboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing at the path, or it cannot be read.
    case unreadable(path: String)
    /// A directory without `new/` or `cur/`.
    case notAMaildir(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "\(path): cannot be read"
        case .notAMaildir(let path): "\(path): a directory but not a Maildir (no new/ or cur/)"
        }
    }
}

/// Splits what `warta mail feedback FILE|-` is given into messages: a Maildir directory, an mbox file, or one
/// message (a Postfix pipe hands one message on stdin).
public enum MailboxSource {
    /// The messages in `bytes`: an mbox when the first line starts with `From ` (RFC 4155), otherwise one message.
    public static func messages(in bytes: [UInt8]) -> [MailboxMessage] {
        guard bytes.starts(with: Array("From ".utf8)) else {
            return bytes.isEmpty ? [] : [MailboxMessage(origin: "message", bytes: bytes)]
        }
        return mboxMessages(bytes)
    }

    /// The messages at `path`: a Maildir's `new/` and `cur/` files in name order (Maildir names start with the
    /// delivery time; dot-files are skipped), or the file's messages as ``messages(in:)`` reads them.
    /// - Throws: ``MailboxError`` when the path cannot be read or is a directory but not a Maildir.
    public static func messages(atPath path: String) throws(MailboxError) -> [MailboxMessage] {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unreadable(path: path) }
        guard isDirectory.boolValue else {
            guard let data = files.contents(atPath: path) else { throw .unreadable(path: path) }
            return messages(in: Array(data))
        }
        let folders = ["new", "cur"].filter { files.fileExists(atPath: path + "/" + $0) }
        guard !folders.isEmpty else { throw .notAMaildir(path: path) }
        var names: [(name: String, path: String)] = []
        for folder in folders {
            let entries = (try? files.contentsOfDirectory(atPath: path + "/" + folder)) ?? []
            names += entries.filter { !$0.hasPrefix(".") }.map { ($0, folder + "/" + $0) }
        }
        return names.sorted { ($0.name, $0.path) < ($1.name, $1.path) }.compactMap { entry in
            files.contents(atPath: path + "/" + entry.path).map { MailboxMessage(origin: entry.path, bytes: Array($0)) }
        }
    }

    /// mboxrd/mboxo: every line starting `From ` begins a message; the empty line before it ends the previous one;
    /// `>From `, `>>From ` … lose one `>`.
    static func mboxMessages(_ bytes: [UInt8]) -> [MailboxMessage] {
        var result: [MailboxMessage] = []
        var current: [UInt8] = []
        var startLine = 0
        var lineNumber = 0
        let from = Array("From ".utf8)
        func finish() {
            guard startLine > 0 else { return }
            // The separator's empty line (RFC 4155) belongs to the mbox, not the message.
            if current.suffix(2) == [10, 10] { current.removeLast() }
            if current.suffix(3) == [10, 13, 10] { current.removeLast(2) }
            result.append(MailboxMessage(origin: "message \(result.count + 1), line \(startLine)", bytes: current))
            current = []
        }
        var cursor = LineCursor(bytes[...])
        while let line = cursor.next() {
            lineNumber += 1
            let content = bytes[line.content]
            let full = bytes[line.start..<cursor.position]
            if content.starts(with: from) {
                finish()
                startLine = lineNumber + 1
            } else if content.first == UInt8(ascii: ">"),
                content.drop(while: { $0 == UInt8(ascii: ">") })
                    .starts(with: from)
            {
                current += full.dropFirst()
            } else {
                current += full
            }
        }
        finish()
        return result.filter { !$0.bytes.isEmpty }
    }
}
