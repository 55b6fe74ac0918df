import Foundation

/// Subscriber lists as CSV, for the import screen and the export (issue 12, build item 7).
///
/// The file is UTF-8 (a BOM is skipped), RFC 4180 (quoted fields, `""` for a quote, CRLF or LF), separated by `,`
/// or `;` — whichever the header line uses more. The header names the columns, in any order and case:
/// - `email` (also `e-mail`): required;
/// - `name` (also `nama`): free text, at most ``Limits/maxNameCharacters``, no line breaks or control characters
///   (they could end up in a `To:` header);
/// - `lists` (also `list`): list slugs (`a-z`, `0-9`, `-`, `_`) separated by `|` or spaces, such as
///   `harian|breaking`; empty means the caller's default list. Whether each list exists is for the caller to check;
/// - `consent_date` (also `consent`, `consented_at`): ISO 8601 date (`2025-03-03`) or date-time
///   (`2025-03-03T09:00:00+07:00`, `Z`, a space for `T`, optional seconds and fraction); a date or a time
///   without an offset is read in the given time zone.
///
/// A cell that ``write(_:)`` protected against formula injection (`'=…`, `'+…`, `'-…`, `'@…`) is read back without
/// the `'`, so an export imports again unchanged.
public enum SubscriberCSV {
    /// One subscriber.
    public struct Row: Sendable, Hashable {
        /// The 1-based line the row starts on, when it was read from a file.
        public var line: Int?
        public var address: MailAddress
        public var name: String?
        /// List slugs, lowercase, without duplicates, in file order.
        public var lists: [String]
        public var consentDate: Date?

        public init(
            line: Int? = nil, address: MailAddress, name: String? = nil, lists: [String] = [], consentDate: Date? = nil
        ) {
            self.line = line
            self.address = address
            self.name = name
            self.lists = lists
            self.consentDate = consentDate
        }
    }

    /// Bounds on what one upload may hold.
    public struct Limits: Sendable, Hashable {
        public var maxRows = 200_000
        /// Longest field in UTF-8 bytes (an address is at most 320).
        public var maxFieldBytes = 1000
        public var maxNameCharacters = 200
        public var maxColumns = 32

        public init() {}
    }

    /// What reading a file found: the good rows, and the problems by line. Import nothing while ``problems`` is not
    /// empty unless the user agrees to skip the bad rows; ``canImport`` is false when no row can be trusted at all.
    public struct Report: Sendable, Hashable {
        public var rows: [Row] = []
        public var problems: [Problem] = []
        /// The separator the header used.
        public var separator: Character = ","

        /// False when the whole file is unusable (not UTF-8, no `email` column, no header): skipping rows cannot help.
        public var canImport: Bool { !problems.contains { $0.kind.isFatal } }
    }

    /// One problem, on a 1-based line (the line a record starts on; the header is line 1 unless blank lines
    /// precede it).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var kind: ProblemKind

        public init(line: Int, _ kind: ProblemKind) {
            self.line = line
            self.kind = kind
        }

        /// `line 7: …`, in English, for the CLI and logs; the import screen can localize ``kind`` itself.
        public var description: String { "line \(line): \(kind)" }
    }

    public enum ProblemKind: Sendable, Hashable, CustomStringConvertible {
        /// The bytes are not UTF-8 (a spreadsheet saved as Latin-1 or UTF-16): the line holds the first bad byte.
        case notUTF8
        /// No header line at all.
        case emptyFile
        /// The header has no `email` column.
        case missingEmailColumn
        /// A header name that is none of the known columns; its values are ignored.
        case unknownColumn(String)
        /// A column named twice; the first is used.
        case duplicateColumn(String)
        /// More columns in the header than ``Limits/maxColumns``.
        case tooManyHeaderColumns(count: Int, limit: Int)
        /// More fields in a row than the header has columns.
        case tooManyColumns(count: Int, expected: Int)
        /// A quoted field that is never closed: the rest of the file was inside it.
        case unterminatedQuote
        /// A field longer than ``Limits/maxFieldBytes``.
        case fieldTooLong(limit: Int)
        /// The email cell is empty or not an address.
        case badAddress(String)
        /// The same address (compared without case) on an earlier line.
        case duplicateAddress(String, firstLine: Int)
        /// A name holding a line break or a control character (refused: it would be a header injection).
        case controlCharacterInName
        /// A name longer than ``Limits/maxNameCharacters``.
        case nameTooLong(limit: Int)
        /// A list slug with characters other than `a-z`, `0-9`, `-`, `_`.
        case badListSlug(String)
        /// A consent date that is not ISO 8601.
        case badDate(String)
        /// More rows than ``Limits/maxRows``; the rest of the file is not read.
        case tooManyRows(limit: Int)

        /// Problems that make the whole file unusable rather than one row.
        public var isFatal: Bool {
            switch self {
            case .notUTF8, .emptyFile, .missingEmailColumn, .tooManyHeaderColumns, .unterminatedQuote: true
            default: false
            }
        }

        public var description: String {
            switch self {
            case .notUTF8:
                "the file must be UTF-8; this line holds bytes that are not (save the sheet as \"CSV UTF-8\")"
            case .emptyFile:
                "the file is empty; it needs a header line naming the columns (email, name, lists, consent_date)"
            case .missingEmailColumn: "the header has no email column"
            case .unknownColumn(let name):
                name.isEmpty
                    ? "a column has no name; its values are ignored"
                    : "unknown column \"\(name)\"; its values are ignored (known: email, name, lists, consent_date)"
            case .duplicateColumn(let name): "column \"\(name)\" appears twice; the first one is used"
            case .tooManyHeaderColumns(let count, let limit):
                "the header has \(count) columns; at most \(limit) are read"
            case .tooManyColumns(let count, let expected): "\(count) fields, but the header names \(expected) columns"
            case .unterminatedQuote: "a quoted field starting on this line is never closed"
            case .fieldTooLong(let limit): "a field is longer than \(limit) bytes"
            case .badAddress(let text): text.isEmpty ? "the email is empty" : "\"\(text)\" is not an email address"
            case .duplicateAddress(let address, let first): "\(address) already appears on line \(first)"
            case .controlCharacterInName: "the name holds a line break or control character"
            case .nameTooLong(let limit): "the name is longer than \(limit) characters"
            case .badListSlug(let slug): "\"\(slug)\" is not a list slug (a-z, 0-9, - and _)"
            case .badDate(let text): "\"\(text)\" is not a date like 2025-03-03 or 2025-03-03T09:00:00+07:00"
            case .tooManyRows(let limit): "more than \(limit) rows; the rest of the file is not read"
            }
        }
    }
}
