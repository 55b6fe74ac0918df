import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WartaMail

@testable import WartaApp

@Suite struct CampaignInputTests {
    static let good = [("list", "harian"), ("subject", "Kabar"), ("body", "Isi")]

    static func replacing(_ name: String, with value: String) -> [(String, String)] {
        good.filter { $0.0 != name } + [(name, value)]
    }

    @Test("Bad compose input gets a clear message by its field and writes nothing", arguments: TestDatabase.allCases)
    func badInputIsRefused(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.subscriber("ani@example.com")
            let draft = try await seed.article(title: "Masih Draf", status: .draft, publishedAt: nil)
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await editor.get("/admin/newsletter/campaigns/new")
                let cases: [([(String, String)], String)] = [
                    (Self.replacing("subject", with: "  "), "Subjek wajib diisi."),
                    (
                        Self.replacing("subject", with: "Kabar\r\nBcc: semua@example.com"),
                        "Baris baru tidak diperbolehkan"
                    ),
                    (
                        Self.replacing("subject", with: String(repeating: "a", count: 201)),
                        "Terlalu panjang (maksimal 200)."
                    ),
                    (Self.replacing("body", with: String(repeating: "b", count: 100_001)), "(maksimal 100000)"),
                    (Self.replacing("body", with: " \n "), "Tulis pesan atau pilih setidaknya satu artikel."),
                    (Self.replacing("list", with: "rahasia"), "Daftar tidak dikenal."),
                    (Self.good + [("articles", "bukan-uuid")], "tidak ada atau belum terbit"),
                    (Self.good + [("articles", try draft.requireID().uuidString)], "tidak ada atau belum terbit"),
                ]
                for (fields, message) in cases {
                    let response = try await editor.post(
                        "/admin/newsletter/campaigns/new", fields + [("action", "save")])
                    #expect(response.status == .unprocessableContent, "\(message)")
                    #expect(response.text.contains(message), "\(message)")
                }
                #expect(
                    try await editor.post("/admin/newsletter/campaigns/new", Self.good + [("action", "send")]).status
                        == .badRequest)
                let draftID = try campaignID(
                    from: try await editor.post("/admin/newsletter/campaigns/new", Self.good + [("action", "save")]))
                let schedules: [(String, String)] = [
                    ("", "Pilih waktu pengiriman."), ("kemarin", "Tanggal tidak valid"),
                    ("2025-03-03T08:59", "Waktu ini sudah lewat."), ("2025-02-30 10:00", "Tanggal tidak valid"),
                ]
                for (value, message) in schedules {
                    let response = try await editor.post(
                        CampaignRoutes.path(draftID), Self.good + [("action", "schedule"), ("schedule_at", value)])
                    #expect(response.status == .unprocessableContent, "\(value)")
                    #expect(response.text.contains(message), "\(value)")
                }
                let badTest = try await editor.post(
                    "/admin/newsletter/campaigns/new", Self.good + [("action", "test"), ("test_to", "bukan alamat")])
                #expect(badTest.status == .unprocessableContent)
                #expect(badTest.text.contains("Alamat email tidak valid."))
                let unknown = try await editor.post(
                    "/admin/newsletter/campaigns/new", Self.good + [("action", "kirim")])
                #expect(unknown.status == .badRequest)
                let forged = try await editor.post(
                    "/admin/newsletter/campaigns/new", Self.good + [("action", "send")], csrf: "forged")
                #expect(forged.status == .forbidden)
                #expect(try await editor.get("/admin/newsletter/campaigns/not-a-uuid").status == .notFound)
                #expect(try await editor.get("/admin/newsletter/campaigns/\(UUID())").status == .notFound)
                #expect(try await seed.count("newsletter_campaigns") == 1)
                #expect(try await seed.campaignState(draftID) == "draft")
                #expect(try await seed.count("mail_outbox") == 0)
            }
        }
    }

    @Test func aCampaignToAnEmptyListIsQueuedWithNoRows() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await editor.get("/admin/newsletter/campaigns/new")
                let fields = Self.replacing("list", with: "breaking")
                let id = try campaignID(
                    from: try await editor.post("/admin/newsletter/campaigns/new", fields + [("action", "save")]))
                _ = try await editor.post(CampaignRoutes.path(id), fields + [("action", "send")])
                #expect(try await seed.campaignState(id) == "queued")
                #expect(try await seed.count("mail_outbox") == 0)
                #expect(try await seed.count("mail_bodies") == 0)
            }
        }
    }
}
