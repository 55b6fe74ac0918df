import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct SettingsTests {
    static let valid: [(String, String)] = [
        ("site_name", "Kabar Pesisir"), ("site_description", "Berita pantai utara"), ("languages", "id"),
        ("languages", "en"), ("default_language", "en"), ("time_zone", "Asia/Makassar"),
        ("contact_email", "Redaksi@Example.org"),
    ]

    @Test(
        "An admin's change applies at once: name, zone, languages; the cached home page goes",
        arguments: TestDatabase.allCases)
    func changeAppliesAtOnce(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await seed.article()
            try await app.test(.router) { client in
                let before = try await client.get("/")
                #expect(before.text.contains(">Warta<"))
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let form = try await admin.get("/admin/settings")
                #expect(form.status == .ok)
                #expect(form.text.contains("name=\"site_name\""))
                let saved = try await admin.post("/admin/settings", Self.valid)
                #expect(saved.status == .seeOther)
                #expect(saved.headers[.location] == "/admin/settings?saved=1")
                let after = try await client.get("/")
                #expect(after.text.contains(">Kabar Pesisir<"))
                // English is the default now, and French is switched off: no FR in the switch.
                #expect(after.text.contains("<html lang=\"en\""))
                #expect(!after.text.contains(">FR<"))
                let french = try await client.get("/", headers: [.cookie: "warta_lang=fr"])
                #expect(french.text.contains("<html lang=\"en\""))
                let site = seed.services.site
                #expect(site.timeZone.identifier == "Asia/Makassar")
                #expect(site.contactEmail == "redaksi@example.org")
                #expect(site.uiLanguages == [.id, .en])
                #expect(try await admin.get("/admin/settings").text.contains("value=\"Kabar Pesisir\""))
            }
        }
    }

    @Test("Bad settings are refused field by field and nothing is saved", arguments: TestDatabase.allCases)
    func badSettingsAreRefused(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                _ = try await admin.get("/admin/settings")
                let bad = try await admin.post(
                    "/admin/settings",
                    [
                        ("site_name", "   "), ("languages", "xx"), ("default_language", "de"),
                        ("time_zone", "Mars/Olympus_Mons"), ("contact_email", "bukan-email"),
                    ])
                #expect(bad.status == .unprocessableContent)
                for message in [
                    "Nama situs wajib diisi.", "Bahasa tidak dikenal.", "Zona waktu tidak dikenal.",
                    "Alamat email tidak valid.",
                ] {
                    #expect(bad.text.contains(message))
                }
                let offDefault = try await admin.post(
                    "/admin/settings",
                    [("site_name", "Kabar"), ("languages", "en"), ("default_language", "id"), ("time_zone", "UTC")])
                #expect(offDefault.status == .unprocessableContent)
                #expect(offDefault.text.contains("Bahasa bawaan harus termasuk bahasa yang aktif."))
                let offset = try await admin.post(
                    "/admin/settings",
                    [("site_name", "Kabar"), ("languages", "id"), ("default_language", "id"), ("time_zone", "GMT+7")])
                #expect(offset.status == .unprocessableContent)
                #expect(seed.services.site.name == "Warta")
                #expect(try await SettingsStore.savedValues(on: seed.services.database.db).isEmpty)
            }
        }
    }

    @Test func editorsCannotOpenSettings() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await editor.get("/admin/settings").status == .forbidden)
                #expect(try await editor.post("/admin/settings", Self.valid).status == .forbidden)
                #expect(seed.services.site.name == "Warta")
            }
        }
    }

    @Test("A variable that is set wins, and /admin says so", arguments: TestDatabase.allCases)
    func environmentWins(database: TestDatabase) async throws {
        try await withTestApp(
            database,
            configure: {
                $0.siteName = "Kabar Dari Env"
                $0.environmentSet = ["WARTA_SITE_NAME"]
            }
        ) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let form = try await admin.get("/admin/settings")
                #expect(form.text.contains("Diatur oleh variabel lingkungan WARTA_SITE_NAME"))
                #expect(form.text.contains("value=\"Kabar Dari Env\" readonly"))
                let saved = try await admin.post("/admin/settings", Self.valid)
                #expect(saved.status == .seeOther)
                #expect(seed.services.site.name == "Kabar Dari Env")
                #expect(seed.services.site.timeZone.identifier == "Asia/Makassar")
            }
        }
    }

    @Test(
        "Another instance on the same database picks the change up and drops its cache",
        arguments: TestDatabase.allCases)
    func otherInstanceReloads(database: TestDatabase) async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(database, world: world) { first in
            let second = try AppServices(config: first.config, world: world.world)
            do {
                try await second.loadSettings()
                second.cache.store(
                    PageCache.Key(path: "/", language: .id), html: "<p>lama</p>", kind: .list,
                    expiresAt: world.now.addingTimeInterval(600), now: world.now)
                var general = GeneralSettings(first.site)
                general.name = "Kabar Baru"
                try await SettingsStore(services: first).save(general)
                #expect(first.site.name == "Kabar Baru")
                #expect(second.site.name == "Warta")
                try await SettingsWatcher(services: second).checkOnce()
                #expect(second.site.name == "Kabar Baru")
                #expect(second.cache.lookup(PageCache.Key(path: "/", language: .id)) == nil)
            } catch {
                await second.database.shutdown()
                throw error
            }
            await second.database.shutdown()
        }
    }
}

@Suite struct GeneralSettingsTests {
    let current = SiteSettings(
        name: "Warta", timeZone: TimeZone(identifier: "Asia/Jakarta") ?? .gmt, defaultLanguage: .id,
        siteURL: "http://127.0.0.1:8080", secureCookies: false)

    func parse(_ fields: [String: [String]], locked: Set<GeneralSettings.Field> = []) throws(GeneralSettings.Problems)
        -> GeneralSettings
    {
        try GeneralSettings.parse(FormData(fields: fields), current: current, lockedByEnvironment: locked)
    }

    @Test func zoneNamesOnly() {
        #expect(GeneralSettings.isZoneName("Asia/Jayapura"))
        #expect(GeneralSettings.isZoneName("UTC"))
        for bad in ["", "GMT+7", "WIB", "Asia/Jakarta/../../etc", String(repeating: "A", count: 100), "Asia/Atlantis"] {
            #expect(!GeneralSettings.isZoneName(bad), "\(bad)")
        }
    }

    @Test func everyProblemIsNamedByField() {
        let fields: [String: [String]] = [
            "site_name": [String(repeating: "x", count: 121)], "site_description": [String(repeating: "y", count: 301)],
            "languages": [], "default_language": ["klingon"], "time_zone": ["Nowhere"], "contact_email": ["a@b"],
        ]
        #expect(throws: GeneralSettings.Problems.self) { try parse(fields) }
        do {
            _ = try parse(fields)
        } catch {
            #expect(Set(error.list.map(\.field)) == Set(GeneralSettings.Field.allCases))
        }
    }

    @Test func lockedFieldsKeepTheirValue() throws {
        let parsed = try parse(
            ["site_name": [""], "languages": ["fr", "id"], "default_language": ["id"], "time_zone": ["Nowhere"]],
            locked: [.name, .timeZone])
        #expect(parsed.name == "Warta")
        #expect(parsed.timeZone == "Asia/Jakarta")
        #expect(throws: GeneralSettings.Problems.self) {
            try parse(["site_name": ["A"], "languages": ["fr"], "default_language": ["id"], "time_zone": ["UTC"]])
        }
    }

    @Test func savedRowsThatNoLongerReadKeepDefaults() {
        let general = GeneralSettings(
            saved: ["site.time_zone": "Old/Zone", "site.languages": "en,zz", "site.default_language": "fr"],
            defaults: current)
        #expect(general.timeZone == "Asia/Jakarta")
        #expect(general.languages == [.en, .fr])
        #expect(general.defaultLanguage == .fr)
    }
}
