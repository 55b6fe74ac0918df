import FluentKit
import Foundation

/// The demo articles shipped in `Resources/demo`, loaded through the importer so they follow the same rules.
public enum DemoContent {
    static let loadedKey = "demo.loaded"

    static func sources() throws -> [ArticleImporter.Source] {
        guard
            let folder = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("demo")
        else { return [] }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map {
            ArticleImporter.Source(name: $0.lastPathComponent, bytes: Array(try Data(contentsOf: $0)))
        }
    }

    /// Loads every demo article not there yet; with `firstStartOnly`, only on a site that never had the demo.
    /// Returns the importer's lines (empty when nothing was loaded).
    public static func load(_ services: AppServices, firstStartOnly: Bool) async throws -> [String] {
        let db = services.database.db
        if firstStartOnly, try await SiteSetting.find(loadedKey, on: db) != nil { return [] }
        let importer = ArticleImporter(writer: services.writer, defaultLanguage: services.config.language.rawValue)
        let lines = try await importer.importAll(try sources(), skipExisting: true)
        try await services.database.write { tx in
            if try await SiteSetting.find(loadedKey, on: tx) == nil {
                try await SiteSetting(key: loadedKey, value: "1").create(on: tx)
            }
        }
        return lines
    }
}
