import FluentKit
import Foundation
import Testing

@testable import WartaApp

@Suite struct ImportTests {
    static let good = """
        ---
        title: Banjir Surut, Warga Mulai Bersih-Bersih
        language: id
        summary: Air mulai turun.
        author: Rina Hapsari
        editor: Dodi Pratama
        published: 2025-03-03T07:34:00+07:00
        status: published
        category: Metropolitan
        tags: [Banjir, Jakarta]
        source: Harian Pesisir
        source_url: https://pesisir.example/banjir
        ---

        Isi berita dengan <b>tanda</b> & "kutip" 🌧️.
        """

    func importer(_ services: AppServices) -> ArticleImporter {
        ArticleImporter(writer: services.writer, defaultLanguage: "id")
    }

    @Test("A good file is imported with every field", arguments: TestDatabase.allCases)
    func importsAGoodFile(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-04T09:00:00+07:00")) { services in
            let draft = Self.good.replacingOccurrences(of: "status: published", with: "status: draft")
                .replacingOccurrences(of: "Banjir Surut", with: "Draf Banjir")
            let lines = try await importer(services).importAll([
                .init(name: "a.md", bytes: Array(Self.good.utf8)), .init(name: "b.md", bytes: Array(draft.utf8)),
            ])
            #expect(lines.first == "imported /2025/03/banjir-surut-warga-mulai-bersih-bersih")
            #expect(lines.last?.hasPrefix("imported draft /admin/articles/") == true)
            let article = try #require(
                try await Article.query(on: services.database.db).filter(\.$status == .published).first())
            #expect(article.bodyMarkdown.contains("<b>tanda</b> & \"kutip\" 🌧️"))
            #expect(article.sourceName == "Harian Pesisir")
            #expect(article.authorSlug == "rina-hapsari")
            #expect(try await Tag.query(on: services.database.db).count() == 2)
            #expect(try await Revision.query(on: services.database.db).count() == 2)
        }
    }

    @Test(
        "Bad files name the file and line, and nothing is imported",
        arguments: [
            ("---\ntitle: A\ncolour: red\n---\nIsi.", "bad.md:3: unknown key 'colour'"),
            ("---\nsummary: x\n---\nIsi.", "bad.md:3: missing required key 'title'"),
            (
                "---\ntitle: A\nstatus: published\n---\nIsi.",
                "bad.md:4: missing required key 'published' for status published"
            ),
            ("---\ntitle: A\npublished: kemarin\n---\nIsi.", "bad.md:3: 'published' must be ISO 8601"),
            ("---\ntitle: A\n---\n\n", "bad.md:3: the body is empty"),
            ("---\ntitle: A\nstatus: gone\n---\nIsi.", "bad.md:3: 'status' must be"),
            ("---\ntitle: A\nsource_url: javascript:alert(1)\n---\nIsi.", "bad.md:3: source_url:"),
            ("title: A\n\nIsi.", "bad.md:1: expected front matter"),
            ("---\ntitle: A\nIsi.", "bad.md:3: expected 'key: value'"),
            ("---\ntitle: A\n", "bad.md:3: front matter is not closed"),
            ("---\ntitle: A\nslug: Bad Slug!\n---\nIsi.", "bad.md:3: slug:"),
        ])
    func badFilesImportNothing(source: String, expected: String) async throws {
        try await withTestServices(.sqlite, world: TestWorld(at: "2025-03-04T09:00:00+07:00")) { services in
            do {
                _ = try await importer(services).importAll([
                    .init(name: "good.md", bytes: Array(Self.good.utf8)),
                    .init(name: "bad.md", bytes: Array(source.utf8)),
                ])
                Issue.record("expected an error")
            } catch let error as ArticleImporter.ImportError {
                #expect(error.description.hasPrefix(expected), "\(error.description)")
            }
            #expect(try await Article.query(on: services.database.db).count() == 0)
        }
    }

    @Test("Binary, non-UTF-8 and duplicate slugs fail cleanly", arguments: TestDatabase.allCases)
    func binaryAndDuplicates(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-04T09:00:00+07:00")) { services in
            for bytes in [[0xff, 0xfe, 0x41], [0x2d, 0x2d, 0x2d, 0x00, 0x01]] as [[UInt8]] {
                await #expect(throws: ArticleImporter.ImportError.self) {
                    _ = try await importer(services).importAll([.init(name: "x.bin", bytes: bytes)])
                }
            }
            do {
                _ = try await importer(services).importAll([
                    .init(name: "a.md", bytes: Array(Self.good.utf8)),
                    .init(name: "b.md", bytes: Array(Self.good.utf8)),
                ])
                Issue.record("expected a duplicate slug error")
            } catch let error as ArticleImporter.ImportError {
                #expect(error.description.hasPrefix("b.md:2: duplicate slug"), "\(error.description)")
            }
            _ = try await importer(services).importAll([.init(name: "a.md", bytes: Array(Self.good.utf8))])
            await #expect(throws: ArticleImporter.ImportError.self) {
                _ = try await importer(services).importAll([.init(name: "c.md", bytes: Array(Self.good.utf8))])
            }
            #expect(try await Article.query(on: services.database.db).count() == 1)
        }
    }

    @Test("The demo loads at least 12 articles and a second run changes nothing", arguments: TestDatabase.allCases)
    func demoIsIdempotent(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2026-11-25T09:00:00+07:00")) { services in
            let first = try await DemoContent.load(services, firstStartOnly: true)
            #expect(first.count >= 12)
            #expect(first.allSatisfy { $0.hasPrefix("imported /2026/") })
            #expect(try await DemoContent.load(services, firstStartOnly: false).isEmpty)
            #expect(try await DemoContent.load(services, firstStartOnly: true).isEmpty)
            let articles = try await Article.query(on: services.database.db).all()
            #expect(articles.count == first.count)
            #expect(Set(articles.map(\.language)) == ["id", "en"])
            #expect(articles.contains { !$0.translator.isEmpty && !$0.sourceName.isEmpty })
        }
    }
}
