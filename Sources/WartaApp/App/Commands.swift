import FluentKit
import Foundation
import HummingbirdBcrypt
import WartaMarkup

/// What the `warta` executable calls; each returns what to print and throws a message for exit 1.
public enum Commands {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func importFiles(_ paths: [String], services: AppServices) async throws -> [String] {
        var sources: [ArticleImporter.Source] = []
        for path in paths {
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
