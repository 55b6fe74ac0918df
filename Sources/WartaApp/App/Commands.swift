import FluentKit
import Foundation
import HummingbirdBcrypt
import WartaMarkup

/// What the `warta` executable calls; each returns what to print and throws a message for exit 1.
public enum Commands {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Well above the largest article (500,000 characters of Markdown, up to 4 bytes each, plus front matter), and
    /// small enough that a wrong path (a disk image, a log) is refused before it is read into memory.
    static let importFileLimit = 4 * 1024 * 1024

    public static func importFiles(_ paths: [String], services: AppServices) async throws -> [String] {
        var sources: [ArticleImporter.Source] = []
        for path in paths {
            try checkImportable(path)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Failure(description: "\(path):1: cannot read the file")
            }
            sources.append(.init(name: path, bytes: Array(data)))
        }
        let importer = ArticleImporter(writer: services.writer, defaultLanguage: services.config.language.rawValue)
        do {
            return try await importer.importAll(sources)
        } catch let error as ArticleImporter.ImportError {
            throw Failure(description: error.description)
        }
    }

    /// A regular file (after links) of at most `importFileLimit` bytes: a directory, a device or a pipe would
    /// otherwise be read without end or fail with an unclear message.
    private static func checkImportable(_ path: String) throws {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            throw Failure(description: "\(path):1: cannot read the file")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw Failure(description: "\(path):1: not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= importFileLimit else {
            throw Failure(description: "\(path):1: too large (\(size) bytes; an article file is at most 4 MB)")
        }
    }

    /// Creates a newsroom user; returns the generated password when none was given.
    public static func createUser(
        email: String, name: String, role: String, password: String?, services: AppServices
    ) async throws -> String? {
        guard let role = Role(rawValue: role) else {
            throw Failure(description: "role must be admin, editor or author")
        }
        let accounts = StaffAccounts(database: services.database, world: services.world)
        let chosen = password ?? RandomToken.make(byteCount: 12)
        do {
            _ = try await accounts.create(email: email, name: name, role: role, password: chosen)
        } catch let error as StaffAccounts.AccountError {
            throw Failure(description: Localizer(.en)[error.key])
        }
        return password == nil ? chosen : nil
    }

    public static func sanitize(_ html: String, policy: String) throws -> String {
        guard let policy = SanitizerPolicy(rawValue: policy) else {
            throw Failure(description: "policy must be comment or article")
        }
        return Sanitizer.sanitize(html, policy: policy).html
    }
}
