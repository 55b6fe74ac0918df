import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WartaMail

@testable import WartaApp

@Suite struct SubscriberScreenTests {
    @Test(
        "Editors see counts per list and state, find by address, page, remove, and export CSV",
        arguments: TestDatabase.allCases)
    func listFindRemoveExport(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.subscriber("ani@example.com", name: "Ani, \"Redaksi\"")
            try await seed.subscriber(
                "budi@example.com", name: "=HYPERLINK(\"http://x\")", lists: ["harian": "active", "breaking": "active"])
            try await seed.subscriber("citra@example.com", name: "-1+1", lists: ["harian": "pending"], consent: nil)
            let gone = try await seed.subscriber("dewi@example.com", name: "@dewi", lists: ["harian": "unsubscribed"])
            for index in 0..<55 { try await seed.subscriber("zz\(index)@example.org") }
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let first = try await editor.get("/admin/newsletter/subscribers")
                #expect(first.status == .ok)
                #expect(first.text.contains("<td>harian</td><td>1</td><td>57</td><td>1</td>"))
                #expect(first.text.contains("<td>breaking</td><td>0</td><td>1</td><td>0</td>"))
                #expect(first.text.contains("/admin/newsletter/subscribers?page=2"))
                let second = try await editor.get("/admin/newsletter/subscribers?page=2")
                #expect(second.text.contains("zz9@example.org"))
                #expect(!second.text.contains("ani@example.com"))
                let found = try await editor.get("/admin/newsletter/subscribers?q=BUDI")
                #expect(found.text.contains("budi@example.com"))
                #expect(!found.text.contains("ani@example.com"))
                #expect(found.text.contains("breaking (Aktif), harian (Aktif)"))
                #expect(
                    try await editor.get("/admin/newsletter/subscribers?q=tidakada").text.contains(
                        "Tidak ada yang cocok"))
                #expect(try await editor.get("/admin/newsletter/subscribers?page=0").status == .badRequest)
                let csv = try await editor.get("/admin/newsletter/subscribers.csv")
                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = csv.text.components(separatedBy: "\r\n")
                #expect(lines[0] == "email,name,lists,consent_date,status")
                #expect(lines[1] == "ani@example.com,\"Ani, \"\"Redaksi\"\"\",harian,2025-03-01T08:00:00Z,active")
                #expect(
                    lines[2]
                        == "budi@example.com,\"'=HYPERLINK(\"\"http://x\"\")\",breaking|harian,2025-03-01T08:00:00Z,active"
                )
                #expect(lines[3] == "citra@example.com,'-1+1,harian,,pending")
                #expect(lines[4] == "dewi@example.com,'@dewi,,2025-03-01T08:00:00Z,unsubscribed")
                #expect(lines.count == 1 + 59 + 1)
                let removed = try await editor.post("/admin/newsletter/subscribers/\(gone.uuidString)/delete", [])
                #expect(removed.headers[.location] == "/admin/newsletter/subscribers?removed=1")
                #expect(try await seed.count("newsletter_subscribers") == 58)
                #expect(
                    try await editor.post("/admin/newsletter/subscribers/\(gone.uuidString)/delete", []).status
                        == .notFound)
                #expect(try await editor.post("/admin/newsletter/subscribers/nope/delete", []).status == .notFound)
                let forged = try await editor.post(
                    "/admin/newsletter/subscribers/\(UUID().uuidString)/delete", [], csrf: "forged")
                #expect(forged.status == .forbidden)
            }
        }
    }

    @Test(
        "CSV cells: RFC 4180 quoting, formulas neutralized",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\r\nlines", "\"two\r\nlines\""),
            ("=1+2", "'=1+2"), ("+62 812", "'+62 812"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
            ("=A1,\"x\"", "\"'=A1,\"\"x\"\"\""), ("", ""), ("Rina = editor", "Rina = editor"),
        ])
    func csvCells(input: String, expected: String) {
        #expect(SubscriberExport.cell(input) == expected)
    }
}
