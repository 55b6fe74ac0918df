import Foundation

/// The newsroom's changes to the taxonomy, each one write.
struct TaxonomyStore: Sendable {
    let database: WartaDatabase
    let cache: PageCache
    let world: World

    /// Adds a name unless its slug is taken (then nothing changes).
    func add(_ kind: Taxonomy.Kind, name: String, slug: String) async throws {
        let id = world.newID()
        try await database.write { tx in
            switch kind {
            case .category: try await Taxonomy.insertCategory(id: id, name: name, slug: slug, on: tx)
            case .tag: try await Taxonomy.insertTag(id: id, name: name, slug: slug, on: tx)
            }
        }
    }

    func rename(_ kind: Taxonomy.Kind, id: UUID, to name: String) async throws -> Bool {
        let cache = cache
        return try await database.write { tx in
            try await Taxonomy.rename(kind, id: id, to: name, cache: cache, on: tx)
        }
    }

    func delete(_ kind: Taxonomy.Kind, id: UUID) async throws -> Bool {
        let cache = cache
        return try await database.write { tx in try await Taxonomy.delete(kind, id: id, cache: cache, on: tx) }
    }
}
